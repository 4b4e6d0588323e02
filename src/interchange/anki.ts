/**
 * A pack as an Anki text import file: header lines (Anki's "Text Files" import), then one note per line
 * with the fields Front, Back and Tags separated by tabs. Fields are HTML: text is escaped, tabs
 * become `&#9;` and newlines `<br>`, so a field never holds a tab or a line break of its own.
 */
import { rightItems } from "../questions/index.js";
import type { Question } from "../catalog/index.js";

export const ANKI_COLUMNS = ["Front", "Back", "Tags"] as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\r?\n/g, "<br>");
}

export function renderAnki(deck: string, questions: readonly Question[]): string {
  const header = [
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    `#deck:${deck.replace(/\s+/g, " ")}`,
    `#columns:${ANKI_COLUMNS.join("\t")}`,
    `#tags column:${ANKI_COLUMNS.indexOf("Tags") + 1}`,
  ];
  const rows = questions.map((q) => [front(q), back(q), tags(q)].join("\t"));
  return `${[...header, ...rows].join("\n")}\n`;
}

const letter = (i: number) => String.fromCharCode(65 + i);
const para = (text: string) => `<p>${escapeHtml(text)}</p>`;
const list = (items: readonly string[]) =>
  `<ol type="A">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ol>`;
/** Items shown on the front in an order that does not give the answer away. */
const sorted = (items: readonly string[]) => [...items].sort((a, b) => a.localeCompare(b));

function front(q: Question): string {
  switch (q.type) {
    case "single":
    case "multiple": {
      const hint = q.type === "multiple" ? para(`Choose ${q.options.filter((o) => o.correct).length}.`) : "";
      return para(q.stem) + hint + list(q.options.map((o) => o.text));
    }
    case "matching":
      return (
        para(q.stem) + list(q.pairs.map((p) => p.left)) + para("Match with:") + list(sorted(rightItems(q)))
      );
    case "order":
      return para(q.stem) + list(sorted(q.items));
  }
}

function back(q: Question): string {
  const explanation = `<hr>${para(q.explanation)}`;
  switch (q.type) {
    case "single":
    case "multiple": {
      const right = q.options.flatMap((o, i) => (o.correct ? [letter(i)] : []));
      const reasons = q.options.map(
        (o) =>
          `<li>${o.correct ? "<b>right</b>" : "wrong"}: ${escapeHtml(o.text)}${o.why ? ` - ${escapeHtml(o.why)}` : ""}</li>`,
      );
      return `${para(`Answer: ${right.join(", ")}`)}<ol type="A">${reasons.join("")}</ol>${explanation}`;
    }
    case "matching":
      return `<ul>${q.pairs.map((p) => `<li>${escapeHtml(p.left)} &rarr; ${escapeHtml(p.right)}</li>`).join("")}</ul>${explanation}`;
    case "order":
      return `<ol>${q.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ol>${explanation}`;
  }
}

function tags(q: Question): string {
  const words = [q.pack, q.domain, ...q.tags].map((t) => t.replace(/\s+/g, "-"));
  return [...new Set(words)].join(" ");
}
