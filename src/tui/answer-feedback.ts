import type { Question } from "../catalog/types.js";
import { describeResult, rightItems, type Answer, type AnswerResult } from "../study/answers.js";
import { hanging, indent, inlineText, markdownLines, style, wrap } from "./text.js";

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
  const lines = [verdict + partial, "", ...solution(question, shown, answer, columns), ""];
  lines.push(...markdownLines(question.explanation, columns));
  if (question.references.length > 0) {
    lines.push("", style.dim("References:"));
    for (const ref of question.references) lines.push(...hanging("  ", style.dim(inlineText(ref)), columns));
  }
  return lines;
}

function solution(
  question: Question,
  shown: readonly number[],
  answer: Answer | null,
  columns: number,
): string[] {
  if (question.type === "single" || question.type === "multiple") {
    const picked = (i: number) =>
      answer?.type === "single"
        ? answer.choice === i
        : answer?.type === "multiple" && answer.choices.includes(i);
    return shown.flatMap((index, position) => {
      const option = question.options[index]!;
      const mark = option.correct ? "✓" : picked(index) ? "✗" : " ";
      const note = picked(index)
        ? option.correct
          ? "  (your pick)"
          : "  (your pick, wrong)"
        : option.correct
          ? "  (right answer)"
          : "";
      const text = inlineText(option.text) + style.dim(note);
      const head = hanging(`${mark} ${position + 1}. `, option.correct ? style.bold(text) : text, columns);
      const why = option.why ? indent(wrap(style.dim(inlineText(option.why)), columns - 5), "     ") : [];
      return [...head, ...why];
    });
  }
  if (question.type === "matching") {
    const rights = rightItems(question);
    const given = answer?.type === "matching" ? answer.matches : [];
    return question.pairs.flatMap((pair, left) => {
      const mine = given[left];
      const ok = mine === left;
      const yours =
        !ok && mine !== undefined && mine !== null
          ? style.dim(`  (you matched: ${inlineText(rights[mine] ?? "")})`)
          : "";
      return hanging(
        `${ok ? "✓" : "✗"} `,
        `${inlineText(pair.left)}  →  ${inlineText(pair.right)}${yours}`,
        columns,
      );
    });
  }
  if (question.type === "order") {
    const mine = answer?.type === "order" ? answer.order : [];
    return [
      style.dim("The right order:"),
      ...question.items.flatMap((item, position) => {
        const placed = mine.indexOf(position);
        const note = placed !== position && placed >= 0 ? style.dim(`  (you put it at ${placed + 1})`) : "";
        return hanging(
          `${placed === position ? "✓" : "✗"} ${position + 1}. `,
          inlineText(item) + note,
          columns,
        );
      }),
    ];
  }
  return [];
}
