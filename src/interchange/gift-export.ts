/**
 * A pack as GIFT for Moodle: one block per question, `$CATEGORY` per domain, the question id as the
 * title, text in `[markdown]`. List order has no GIFT form, so it becomes matching of position to item.
 */
import type { ChoiceOption, Question } from "../catalog/index.js";

/** GIFT's special characters escaped, and newlines written as `\n` (a blank line would end the question). */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/**
 * Text in `[markdown]`. An `=` answer holding `->` reads as a matching pair in GIFT (Moodle's parser and
 * gift-pegjs alike), and GIFT has no escape for it, so `->` is written `-&gt;`, which markdown shows as `->`.
 */
const md = (text: string) => `[markdown]${escapeGift(text).replace(/->/g, "-&gt;")}`;

export function renderGift(packId: string, questions: readonly Question[]): string {
  const out: string[] = [`// Questions of the pack ${escapeLine(packId)}, exported by ccaak-train.`];
  let category: string | undefined;
  for (const q of [...questions].sort((a, b) => a.domain.localeCompare(b.domain))) {
    if (q.domain !== category) {
      category = q.domain;
      out.push(`$CATEGORY: ${escapeGift(`${packId}/${q.domain}`)}`);
    }
    out.push(renderQuestion(q));
  }
  return `${out.join("\n\n")}\n`;
}

function renderQuestion(q: Question): string {
  const title = `::${escapeGift(q.id.slice(q.pack.length + 1))}::`;
  const feedback = `\t####${md(q.explanation)}`;
  switch (q.type) {
    case "single":
      return `${title}${md(q.stem)} {\n${q.options.map((o) => `\t${o.correct ? "=" : "~"}${option(o)}`).join("\n")}\n${feedback}\n}`;
    case "multiple": {
      const weight = formatWeight(100 / q.options.filter((o) => o.correct).length);
      const lines = q.options.map((o) => `\t~%${o.correct ? weight : "-100"}%${option(o)}`);
      return `${title}${md(q.stem)} {\n${lines.join("\n")}\n${feedback}\n}`;
    }
    case "matching": {
      const pairs = q.pairs.map((p) => `\t=${md(p.left)} -> ${escapeGift(p.right)}`);
      const extra = q.distractors.map((d) => `\t= -> ${escapeGift(d)}`);
      return `${title}${md(q.stem)} {\n${[...pairs, ...extra].join("\n")}\n${feedback}\n}`;
    }
    case "order": {
      const pairs = q.items.map((item, i) => `\t=${i + 1} -> ${escapeGift(item)}`);
      const note =
        "// A list-order question, written as matching: each position to the item that belongs there.";
      return `${note}\n${title}${md(q.stem)} {\n${pairs.join("\n")}\n${feedback}\n}`;
    }
  }
}

const option = (o: ChoiceOption) => `${md(o.text)}${o.why ? ` #${md(o.why)}` : ""}`;

/** Moodle accepts weights with up to five decimals (33.33333). */
const formatWeight = (weight: number) => String(Math.round(weight * 100000) / 100000);

const escapeLine = (text: string) => text.replace(/\s+/g, " ");
