import type { Question } from "../catalog/types.js";
import { rightItems, type Answer } from "../study/answers.js";

/**
 * Pure edits of an answer as a learner builds it. Positions are display positions; `shown[d]` is the
 * file index shown at position d (the same convention as exam items), and answers are kept in file
 * indices so they can be scored and stored as they are.
 */

export function emptyAnswer(question: Question, shown: readonly number[]): Answer | undefined {
  switch (question.type) {
    case "single":
    case "multiple":
      return undefined;
    case "matching":
      return { type: "matching", matches: question.pairs.map(() => null) };
    case "order":
      return { type: "order", order: [...shown] };
  }
}

export function chooseSingle(shown: readonly number[], position: number): Answer {
  return { type: "single", choice: shown[position]! };
}

export function toggleMultiple(
  answer: Answer | undefined,
  shown: readonly number[],
  position: number,
): Answer {
  const choices = answer?.type === "multiple" ? answer.choices : [];
  const index = shown[position]!;
  return {
    type: "multiple",
    choices: choices.includes(index)
      ? choices.filter((c) => c !== index)
      : [...choices, index].sort((a, b) => a - b),
  };
}

/** Gives left item `left` the right item at display position `position`, or steps through them with `step`. */
export function assignMatch(
  answer: Answer | undefined,
  leftCount: number,
  shown: readonly number[],
  left: number,
  change: { position: number } | { step: 1 | -1 },
): Answer {
  const matches =
    answer?.type === "matching" ? [...answer.matches] : Array<number | null>(leftCount).fill(null);
  const current = matches[left] ?? null;
  let position: number;
  if ("position" in change) position = change.position;
  else {
    const at = current === null ? -1 : shown.indexOf(current);
    position =
      at === -1
        ? change.step === 1
          ? 0
          : shown.length - 1
        : (at + change.step + shown.length) % shown.length;
  }
  matches[left] = shown[position] ?? null;
  return { type: "matching", matches };
}

/** Moves the item at `from` to `to` in an order answer. */
export function moveItem(answer: Answer, from: number, to: number): Answer {
  if (answer.type !== "order") return answer;
  const order = [...answer.order];
  const [item] = order.splice(from, 1);
  order.splice(Math.max(0, Math.min(order.length, to)), 0, item!);
  return { type: "order", order };
}

/** Whether the answer can be submitted: something chosen, every pair matched. */
export function isComplete(question: Question, answer: Answer | undefined): boolean {
  if (!answer) return false;
  if (answer.type === "multiple") return answer.choices.length > 0;
  if (answer.type === "matching") return answer.matches.every((m) => m !== null);
  return true;
}

/** How many rows the cursor moves over for this question type. */
export function rowCount(question: Question): number {
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.length;
    case "matching":
      return question.pairs.length;
    case "order":
      return question.items.length;
  }
}

export function rightItemAt(question: Question, index: number): string {
  return question.type === "matching" ? (rightItems(question)[index] ?? "") : "";
}
