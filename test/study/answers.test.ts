import { describe, expect, it } from "vitest";
import {
  answerProblem,
  correctAnswer,
  describeResult,
  rightItems,
  scoreAnswer,
} from "../../src/study/index.js";
import { matching, multiple, order, single } from "./factory.js";

describe("scoring each question type", () => {
  it("single choice: the right option scores, any other does not", () => {
    const q = single({ correct: 2 });
    expect(scoreAnswer(q, { type: "single", choice: 2 })).toEqual({
      correct: true,
      right: 1,
      total: 1,
      wrongPicks: 0,
    });
    expect(scoreAnswer(q, { type: "single", choice: 1 })).toMatchObject({ correct: false, right: 0 });
  });

  it("multiple select is all-or-nothing and reports the partial result", () => {
    const q = multiple({ correct: [0, 2, 3], options: 5 });
    expect(scoreAnswer(q, { type: "multiple", choices: [3, 0, 2] }).correct).toBe(true);
    const partial = scoreAnswer(q, { type: "multiple", choices: [0, 2] });
    expect(partial).toEqual({ correct: false, right: 2, total: 3, wrongPicks: 0 });
    const extra = scoreAnswer(q, { type: "multiple", choices: [0, 2, 3, 4] });
    expect(extra).toEqual({ correct: false, right: 3, total: 3, wrongPicks: 1 });
    expect(describeResult(extra, "multiple")).toBe("3 of 3 right picks, 1 wrong pick");
  });

  it("matching counts the pairs matched, and a distractor or a gap is wrong", () => {
    const q = matching({ pairs: 3, distractors: 1 });
    expect(rightItems(q)).toEqual(["right 0", "right 1", "right 2", "distractor 0"]);
    expect(scoreAnswer(q, { type: "matching", matches: [0, 1, 2] }).correct).toBe(true);
    expect(scoreAnswer(q, { type: "matching", matches: [0, 3, null] })).toEqual({
      correct: false,
      right: 1,
      total: 3,
      wrongPicks: 0,
    });
  });

  it("list order counts the items in place", () => {
    const q = order({ items: 4 });
    expect(scoreAnswer(q, { type: "order", order: [0, 1, 2, 3] }).correct).toBe(true);
    const swapped = scoreAnswer(q, { type: "order", order: [0, 2, 1, 3] });
    expect(swapped).toMatchObject({ correct: false, right: 2, total: 4 });
    expect(describeResult(swapped, "order")).toBe("2 of 4 in place");
  });

  it("the correct answer of every type scores as correct", () => {
    for (const q of [single({ correct: 3 }), multiple(), matching(), order()]) {
      expect(scoreAnswer(q, correctAnswer(q)).correct).toBe(true);
    }
  });

  it("refuses answers that do not fit the question", () => {
    expect(answerProblem(single(), { type: "multiple", choices: [0] })).toMatch(
      /multiple answer given to a single/,
    );
    expect(answerProblem(single(), { type: "single", choice: 9 })).toMatch(/does not exist/);
    expect(answerProblem(multiple(), { type: "multiple", choices: [1, 1] })).toMatch(/twice/);
    expect(answerProblem(matching({ pairs: 3 }), { type: "matching", matches: [0, 1] })).toMatch(
      /one entry per left/,
    );
    expect(answerProblem(order({ items: 3 }), { type: "order", order: [0, 0, 1] })).toMatch(/permutation/);
    expect(() => scoreAnswer(single(), { type: "single", choice: -1 })).toThrow(RangeError);
  });
});
