import type { Question } from "../../catalog/types.js";
import type { Answer, AnswerOf, BodyOf, QuestionBody, QuestionType } from "../../questions/index.js";
import { matching } from "./matching.js";
import { multiple } from "./multiple.js";
import { order } from "./order.js";
import { single } from "./single.js";
import type { AnswerView } from "./view.js";

export type { AnswerBlock, AnswerCursor, AnswerEdit, AnswerView } from "./view.js";

/** One view per question type; a type without its view, or a view without one of its parts, does not compile. */
export type AnswerViewTable = { [T in QuestionType]: AnswerView<BodyOf<T>, AnswerOf<T>> };

export const ANSWER_VIEWS = { single, multiple, matching, order } satisfies AnswerViewTable;

/**
 * The view of a question's type, taking the unions (the one assertion, as in `typeModule`); hand it
 * answers through `ownAnswer`.
 */
export function answerView(type: QuestionType): AnswerView<QuestionBody, Answer> {
  return ANSWER_VIEWS[type] as unknown as AnswerView<QuestionBody, Answer>;
}

/** The answer as the question's type sees it: one of another type is none. */
export function ownAnswer(question: Question, answer: Answer | undefined): Answer | undefined {
  return answer?.type === question.type ? answer : undefined;
}
