import type { MatchingQuestion, Question, QuestionType } from "../catalog/types.js";

/**
 * What a learner answered, always in the question file's own indices (never in the shuffled order a
 * screen showed).
 * - single: the chosen option.
 * - multiple: the chosen options.
 * - matching: for each left item, the index of the right item given to it (`null`: left open). Right
 *   items are numbered as `rightItems()` lists them: the pairs' right sides, then the distractors.
 * - order: the item indices in the order the learner put them.
 */
export type Answer =
  | { type: "single"; choice: number }
  | { type: "multiple"; choices: number[] }
  | { type: "matching"; matches: (number | null)[] }
  | { type: "order"; order: number[] };

/**
 * The score of one answer. Every type is all-or-nothing (`correct`); `right` of `total` is the partial
 * result shown beside it: right options picked, pairs matched, items in place. `wrongPicks` counts
 * wrong options chosen in a multiple-select question.
 */
export interface AnswerResult {
  correct: boolean;
  right: number;
  total: number;
  wrongPicks: number;
}

/** The right-hand items of a matching question in file order: the pairs' right sides, then distractors. */
export function rightItems(question: MatchingQuestion): string[] {
  return [...question.pairs.map((p) => p.right), ...question.distractors];
}

/** How many slots each question type has, as the answer's indices count them. */
export function answerSize(question: Question): number {
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.length;
    case "matching":
      return rightItems(question).length;
    case "order":
      return question.items.length;
  }
}

const isIndex = (value: unknown, size: number): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < size;

/** Why an answer does not fit a question, or null when it does. Used on every answer that is recorded. */
export function answerProblem(question: Question, answer: Answer): string | null {
  if (answer.type !== question.type) return `a ${answer.type} answer given to a ${question.type} question`;
  const size = answerSize(question);
  switch (answer.type) {
    case "single":
      return isIndex(answer.choice, size) ? null : `option ${answer.choice} does not exist`;
    case "multiple": {
      if (!Array.isArray(answer.choices)) return "choices must be a list";
      if (!answer.choices.every((c) => isIndex(c, size))) return "a chosen option does not exist";
      return new Set(answer.choices).size === answer.choices.length ? null : "an option is chosen twice";
    }
    case "matching": {
      const lefts = (question as MatchingQuestion).pairs.length;
      if (!Array.isArray(answer.matches) || answer.matches.length !== lefts)
        return `matching needs one entry per left item (${lefts})`;
      return answer.matches.every((m) => m === null || isIndex(m, size))
        ? null
        : "a right item does not exist";
    }
    case "order": {
      if (!Array.isArray(answer.order) || answer.order.length !== size)
        return `order needs all ${size} items`;
      const seen = new Set(answer.order);
      return seen.size === size && answer.order.every((i) => isIndex(i, size))
        ? null
        : "order is not a permutation";
    }
  }
}

/** The one right answer to a question. */
export function correctAnswer(question: Question): Answer {
  switch (question.type) {
    case "single":
      return { type: "single", choice: question.options.findIndex((o) => o.correct) };
    case "multiple":
      return {
        type: "multiple",
        choices: question.options.flatMap((o, i) => (o.correct ? [i] : [])),
      };
    case "matching":
      return { type: "matching", matches: question.pairs.map((_, i) => i) };
    case "order":
      return { type: "order", order: question.items.map((_, i) => i) };
  }
}

/** Scores an answer; throws on an answer that does not fit the question (see `answerProblem`). */
export function scoreAnswer(question: Question, answer: Answer): AnswerResult {
  const problem = answerProblem(question, answer);
  if (problem) throw new RangeError(`${question.id}: ${problem}`);
  const result = (right: number, total: number, wrongPicks = 0): AnswerResult => ({
    correct: right === total && wrongPicks === 0,
    right,
    total,
    wrongPicks,
  });
  switch (question.type) {
    case "single": {
      const a = answer as Extract<Answer, { type: "single" }>;
      return result(question.options[a.choice]?.correct ? 1 : 0, 1);
    }
    case "multiple": {
      const a = answer as Extract<Answer, { type: "multiple" }>;
      const picked = a.choices.map((i) => question.options[i]?.correct === true);
      return result(
        picked.filter(Boolean).length,
        question.options.filter((o) => o.correct).length,
        picked.filter((p) => !p).length,
      );
    }
    case "matching": {
      const a = answer as Extract<Answer, { type: "matching" }>;
      // Right items are unique (the catalog checks it), so the pair's own index is the only right match.
      return result(a.matches.filter((m, left) => m === left).length, question.pairs.length);
    }
    case "order": {
      const a = answer as Extract<Answer, { type: "order" }>;
      return result(a.order.filter((item, position) => item === position).length, question.items.length);
    }
  }
}

/** "2 of 3 right, 1 wrong pick": the partial result in words. */
export function describeResult(result: AnswerResult, type: QuestionType): string {
  const unit = { single: "right", multiple: "right picks", matching: "pairs matched", order: "in place" }[
    type
  ];
  const base = `${result.right} of ${result.total} ${unit}`;
  return result.wrongPicks > 0
    ? `${base}, ${result.wrongPicks} wrong pick${result.wrongPicks > 1 ? "s" : ""}`
    : base;
}
