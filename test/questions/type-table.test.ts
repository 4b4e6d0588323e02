import { describe, expect, it } from "vitest";
import {
  answerSchema,
  QUESTION_TYPE_MODULES,
  QUESTION_TYPES,
  typeModule,
  type ListOrder,
  type QuestionTypeModule,
  type QuestionTypeTable,
} from "../../src/questions/index.js";
import type { OrderAnswer } from "../../src/questions/order.js";
import { ANSWER_VIEWS, type AnswerView, type AnswerViewTable } from "../../src/tui/answers/index.js";
import { seededRandom } from "../../src/study/index.js";
import { matching, multiple, order, single } from "../study/factory.js";

const { single: singleModule, multiple: multipleModule, matching: matchingModule } = QUESTION_TYPE_MODULES;
const { single: singleView, multiple: multipleView, matching: matchingView } = ANSWER_VIEWS;

// `npm run typecheck` (part of `npm test`) fails if any of these ever compiles: a question type must
// come with every part, in both tables.
const { score: _score, ...withoutScore } = QUESTION_TYPE_MODULES.order;
// @ts-expect-error a question type without `score` is not a question type module
const moduleWithoutScore: QuestionTypeModule<ListOrder, OrderAnswer> = withoutScore;
// @ts-expect-error the table of question types must list every type
const tableWithoutOrder = { single: singleModule, multiple: multipleModule, matching: matchingModule } satisfies QuestionTypeTable;
const { solution: _solution, ...withoutSolution } = ANSWER_VIEWS.order;
// @ts-expect-error an answer view without `solution` is not an answer view
const viewWithoutSolution: AnswerView<ListOrder, OrderAnswer> = withoutSolution;
// @ts-expect-error the table of answer views must list every type
const viewsWithoutOrder = { single: singleView, multiple: multipleView, matching: matchingView } satisfies AnswerViewTable;

describe("the question type tables", () => {
  it("the fixtures above lack the part they claim to lack", () => {
    expect(moduleWithoutScore).not.toHaveProperty("score");
    expect(Object.keys(tableWithoutOrder)).not.toContain("order");
    expect(viewWithoutSolution).not.toHaveProperty("solution");
    expect(Object.keys(viewsWithoutOrder)).not.toContain("order");
  });

  it("every type has a module and a view, registered under its own name", () => {
    expect(QUESTION_TYPES).toEqual(["single", "multiple", "matching", "order"]);
    for (const type of QUESTION_TYPES) {
      expect(QUESTION_TYPE_MODULES[type].type).toBe(type);
      expect(Object.keys(ANSWER_VIEWS)).toContain(type);
    }
  });

  const questions = [single({ options: 4 }), multiple(), matching({ pairs: 3, distractors: 1 }), order({ items: 4 })];

  it.each(questions.map((q) => [q.type, q] as const))(
    "%s: the right answer fits, scores, survives the progress schema and a display round trip",
    (_type, question) => {
      const module = typeModule(question.type);
      const right = module.correct(question);
      expect(module.problem(question, right)).toBeNull();
      expect(module.score(question, right).correct).toBe(true);
      expect(answerSchema().parse(right)).toEqual(right);
      const shown = module.shuffle(question, seededRandom(7));
      expect([...shown].sort((a, b) => a - b)).toEqual(shown.map((_, i) => i));
      const lefts = module.lefts(question);
      const toShown = module.remap(right, (i) => shown.indexOf(i), lefts);
      expect(module.remap(toShown, (d) => shown[d]!, lefts)).toEqual(right);
    },
  );

  it("an answer is complete with as many ticks as \"choose N\" says, and every pair matched", () => {
    const { multiple: many, matching: pairs, order: list } = QUESTION_TYPE_MODULES;
    const right = multiple().options.filter((o) => o.correct).length;
    expect(right).toBeGreaterThan(1);
    const ticks = (n: number) => ({ type: "multiple" as const, choices: Array.from({ length: n }, (_, i) => i) });
    expect(many.isComplete(multiple(), ticks(0))).toBe(false);
    expect(many.isComplete(multiple(), ticks(1))).toBe(false);
    expect(many.isComplete(multiple(), ticks(right))).toBe(true);
    const open = pairs.empty(matching({ pairs: 2 }), [0, 1, 2]);
    expect(open).toEqual({ type: "matching", matches: [null, null] });
    expect(pairs.isComplete(matching({ pairs: 2 }), open!)).toBe(false);
    expect(pairs.isComplete(matching({ pairs: 2 }), { type: "matching", matches: [2, 0] })).toBe(true);
    expect(QUESTION_TYPE_MODULES.single.empty(single(), [0, 1, 2, 3])).toBeUndefined();
    // A list starts in the order shown, and any order can be submitted.
    const start = list.empty(order(), [2, 0, 3, 1]);
    expect(start).toEqual({ type: "order", order: [2, 0, 3, 1] });
    expect(list.isComplete(order(), start!)).toBe(true);
  });
});
