import type { Question } from "../catalog/types.js";
import type { Answer, AnswerResult } from "../study/answers.js";
import { feedbackLines } from "./answer-feedback.js";
import { answerBlocks, type AnswerCursor } from "./answer-input.js";
import { Doc } from "./lines.js";
import { markdownLines } from "./text.js";

const stems = new Map<string, string[]>();

/** A stem's lines, kept per question and width: a key press then redraws only the answer rows. */
function stemLines(question: Question, columns: number): string[] {
  const key = `${columns}:${question.id}:${question.revision}`;
  let lines = stems.get(key);
  if (!lines) {
    if (stems.size > 500) stems.clear();
    lines = markdownLines(question.stem, columns);
    stems.set(key, lines);
  }
  return lines;
}

/** A question being answered: the stem, then the answer area with the cursor row marked. */
export function questionDoc(
  question: Question,
  shown: readonly number[],
  answer: Answer | undefined,
  cursor: AnswerCursor,
  columns: number,
): Doc {
  const doc = new Doc().add("stem", stemLines(question, columns)).gap();
  for (const block of answerBlocks(question, shown, answer, cursor, columns)) doc.add(block.key, block.lines);
  return doc;
}

/** A question after answering: the stem, the verdict, the solution and the explanation. */
export function feedbackDoc(
  question: Question,
  shown: readonly number[],
  answer: Answer | null,
  result: AnswerResult | null,
  columns: number,
): Doc {
  return new Doc()
    .add("stem", stemLines(question, columns))
    .gap()
    .add("feedback", feedbackLines(question, shown, answer, result, columns));
}

/** The first line of a question's text, as plain words: how lists of questions name them. */
export function firstLine(stem: string): string {
  const line = stem
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("```"));
  return (line ?? "").replace(/^(#+|>|[-*+]|\d+\.)\s+/, "").replace(/\*\*|__|[*_`]/g, "");
}
