import type { Question } from "../catalog/types.js";
import { describeResult, type Answer, type AnswerResult } from "../study/answers.js";
import { answerView, ownAnswer } from "./answers/index.js";
import { hanging, inlineText, markdownLines, style } from "./text.js";

/**
 * What a learner sees after answering, as lines: right or wrong with the partial result, every option
 * marked (✓ right, ✗ picked but wrong) with its reason, the explanation and the references. Marks are
 * symbols and words, so nothing depends on colour.
 */
export function feedbackLines(
  question: Question,
  shown: readonly number[],
  answer: Answer | null,
  result: AnswerResult | null,
  columns: number,
): string[] {
  const verdict = result?.correct
    ? style.good(style.bold("✓ Right"))
    : style.bad(style.bold(answer ? "✗ Wrong" : "✗ Not answered"));
  const partial = result && !result.correct ? ` (${describeResult(result, question.type)})` : "";
  const lines = [
    verdict + partial,
    "",
    ...answerView(question.type).solution(
      question,
      shown,
      ownAnswer(question, answer ?? undefined) ?? null,
      columns,
    ),
    "",
  ];
  lines.push(...markdownLines(question.explanation, columns));
  if (question.references.length > 0) {
    lines.push("", style.dim("References:"));
    for (const ref of question.references) lines.push(...hanging("  ", style.dim(inlineText(ref)), columns));
  }
  return lines;
}
