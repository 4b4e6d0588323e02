/**
 * GIFT (Moodle's text format) read with the `gift-pegjs` grammar. Moodle splits a file into questions
 * at blank lines; so does this, parsing each block on its own, so that every question and every
 * syntax error has its file and line and one broken question does not hide the others.
 */
import {
  parse,
  type GIFTQuestion,
  type MultipleChoice,
  type TextChoice,
  type TextFormat,
  type TrueFalse,
} from "gift-pegjs";
import type { ChoiceOption } from "../questions/index.js";
import { cleanText, type Draft, type ReadResult, type Report } from "./draft.js";

interface Block {
  text: string;
  /** Line of the block's first line in the file. */
  first: number;
  /** Line of its first line that is not a comment: where the question starts. */
  start: number;
}

export function readGift(text: string, file: string): ReadResult {
  const drafts: Draft[] = [];
  const reports: Report[] = [];
  let category: string | undefined;
  for (const block of blocks(text)) {
    let parsed: GIFTQuestion[];
    try {
      parsed = parse(`${block.text}\n`);
    } catch (error) {
      const where = (error as { location?: { start: { line: number } } }).location?.start.line ?? 1;
      const message = error instanceof Error ? error.message : String(error);
      reports.push({
        file,
        line: block.first + where - 1,
        message: `not imported: GIFT syntax: ${cleanText(message)}`,
      });
      continue;
    }
    for (const question of parsed) {
      if (question.type === "Category") {
        category = cleanText(question.title);
        continue;
      }
      const at = { file, line: block.start };
      const result = toDraft(question, at, category);
      if (result.draft) drafts.push(result.draft);
      reports.push(...result.notes.map((message) => ({ ...at, message })));
    }
  }
  return { drafts, reports };
}

function blocks(text: string): Block[] {
  const found: Block[] = [];
  let lines: string[] = [];
  let first = 0;
  let start = 0;
  const close = () => {
    if (lines.length > 0 && start > 0) found.push({ text: lines.join("\n"), first, start });
    lines = [];
    start = 0;
  };
  text.split(/\r\n?|\n/).forEach((line, index) => {
    if (line.trim() === "") return close();
    if (lines.length === 0) first = index + 1;
    if (start === 0 && !line.trim().startsWith("//")) start = index + 1;
    lines.push(line);
  });
  close();
  return found;
}

interface Converted {
  draft?: Draft;
  notes: string[];
}

function toDraft(q: GIFTQuestion, at: { file: string; line: number }, category?: string): Converted {
  if (q.type === "Category") return { notes: [] };
  const common = {
    ...(q.title ? { title: cleanText(q.title) } : {}),
    ...(category ? { category } : {}),
    stem: textOf(q.stem),
    file: at.file,
    line: at.line,
  };
  const left = (what: string): Converted => ({
    notes: [`not imported: ${what} cannot be expressed in a pack`],
  });
  switch (q.type) {
    case "Description":
      return { notes: ["not imported: a description (text without answers) is not a question"] };
    case "Essay":
      return left("an essay question");
    case "Numerical":
      return left("a numeric question");
    case "Short":
      return left("a short-answer question");
    default:
      break;
  }
  if (q.hasEmbeddedAnswers) return left("a question with its answers inside the text (a cloze)");
  const explanation = q.globalFeedback ? textOf(q.globalFeedback) : "";
  const notes = explanation ? [] : ["no general feedback (####): write the explanation under ## Explanation"];
  if (q.type === "Matching") {
    const pairs = q.matchPairs.filter((p) => textOf(p.subquestion) !== "");
    const distractors = q.matchPairs
      .filter((p) => textOf(p.subquestion) === "")
      .map((p) => rightSide(p.subanswer));
    const body = {
      type: "matching" as const,
      pairs: pairs.map((p) => ({ left: textOf(p.subquestion), right: rightSide(p.subanswer) })),
      distractors,
    };
    return { draft: { ...common, body, explanation }, notes };
  }
  const choice = q.type === "TF" ? trueFalse(q) : multipleChoice(q, notes);
  return { draft: { ...common, body: choice, explanation }, notes };
}

function trueFalse(q: TrueFalse) {
  const option = (text: string, correct: boolean, feedback: TextFormat | null): ChoiceOption => ({
    text,
    correct,
    ...(feedback && textOf(feedback) ? { why: textOf(feedback) } : {}),
  });
  return {
    type: "single" as const,
    options: [option("True", q.isTrue, q.trueFeedback), option("False", !q.isTrue, q.falseFeedback)],
  };
}

/** Right options: `=` ones and those with a positive weight. Two or more right ones make a multiple select. */
function multipleChoice(q: MultipleChoice, notes: string[]) {
  const isRight = (c: TextChoice) => c.isCorrect || (c.weight ?? 0) > 0;
  const options = q.choices.map((c): ChoiceOption => ({
    text: textOf(c.text),
    correct: isRight(c),
    ...(c.feedback && textOf(c.feedback) ? { why: textOf(c.feedback) } : {}),
  }));
  const right = q.choices.filter(isRight);
  const weights = new Set(right.map((c) => c.weight ?? 100));
  if (right.length > 1 && right.some((c) => c.isCorrect))
    notes.push("several answers marked = (each one full marks): imported as multiple select, check it");
  if (weights.size > 1 || (right.length === 1 && [...weights][0] !== 100))
    notes.push("partial credit weights are not kept: the question is scored all or nothing");
  return { type: right.length > 1 ? ("multiple" as const) : ("single" as const), options };
}

/** Formatted text as written; in markdown or HTML `-&gt;` is how `->` is written where GIFT would read a match. */
const textOf = (text: TextFormat) =>
  cleanText(
    text.format === "markdown" || text.format === "html" ? text.text.replace(/-&gt;/g, "->") : text.text,
  );

/** gift-pegjs leaves the right side of a match with its escapes encoded (`&&035;` for `\#`): decode them. */
const ENCODED: Record<string, string> = {
  "092": "\\",
  "058": ":",
  "035": "#",
  "061": "=",
  "123": "{",
  "125": "}",
  "126": "~",
};
const rightSide = (text: string) =>
  cleanText(text.replace(/&&(\d{3});/g, (all, code: string) => ENCODED[code] ?? all).replace(/&&010/g, "\n"));
