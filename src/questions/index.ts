import { matching, type Matching, type MatchingAnswer } from "./matching.js";
import { multiple, type MultipleAnswer, type MultipleSelect } from "./multiple.js";
import { order, type ListOrder, type OrderAnswer } from "./order.js";
import { single, type SingleAnswer, type SingleChoice } from "./single.js";
import { z } from "zod";
import type { QuestionTypeModule } from "./type-module.js";

export type { ChoiceOption } from "./choice.js";
export type { MatchPair } from "./matching.js";
export { rightItems } from "./matching.js";
export { nonEmptyText, type AnswerResult, type Finding, type QuestionTypeModule, type Shuffler } from "./type-module.js";
export type { ListOrder, Matching, MultipleSelect, SingleChoice };

/** What a question of each type adds to the common fields: its `type` and its own fields. */
export type QuestionBody = SingleChoice | MultipleSelect | Matching | ListOrder;

/** What a learner answered, always in the question file's own indices (never in the order shown). */
export type Answer = SingleAnswer | MultipleAnswer | MatchingAnswer | OrderAnswer;

export type QuestionType = QuestionBody["type"];
export type BodyOf<T extends QuestionType> = Extract<QuestionBody, { type: T }>;
export type AnswerOf<T extends QuestionType> = Extract<Answer, { type: T }>;

/** One module per type; a type without its module, or a module without one of its parts, does not compile. */
export type QuestionTypeTable = { [T in QuestionType]: QuestionTypeModule<BodyOf<T>, AnswerOf<T>> };

export const QUESTION_TYPE_MODULES = { single, multiple, matching, order } satisfies QuestionTypeTable;

export const QUESTION_TYPES = Object.keys(QUESTION_TYPE_MODULES) as readonly QuestionType[];

/**
 * The module of a body's type, taking the unions. TypeScript cannot follow a table lookup by a union's
 * discriminant, so this is the one place that asserts it: callers pass a body and an answer of the
 * same type (`answerProblem` checks answers from outside).
 */
export function typeModule(type: QuestionType): QuestionTypeModule<QuestionBody, Answer> {
  return QUESTION_TYPE_MODULES[type] as unknown as QuestionTypeModule<QuestionBody, Answer>;
}

/** The schema of any answer: the types' own schemas, told apart by `type` (built on each call). */
export function answerSchema(): z.ZodType<Answer> {
  // Each module's schema is a `z.object` with a literal `type`; their declared type only promises the output.
  const options = QUESTION_TYPES.map((type) => QUESTION_TYPE_MODULES[type].answerSchema());
  return z.discriminatedUnion("type", options as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>]) as unknown as z.ZodType<Answer>;
}
