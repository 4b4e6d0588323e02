import type { Question, QuestionType } from "../catalog/types.js";
import { typeModule, type Answer, type AnswerResult } from "../questions/index.js";

export { rightItems, type Answer, type AnswerResult } from "../questions/index.js";

/** Why an answer does not fit a question, or null when it does. Used on every answer that is recorded. */
export function answerProblem(question: Question, answer: Answer): string | null {
  if (answer.type !== question.type) return `a ${answer.type} answer given to a ${question.type} question`;
  return typeModule(question.type).problem(question, answer);
}

/** The one right answer to a question. */
export function correctAnswer(question: Question): Answer {
  return typeModule(question.type).correct(question);
}

/** Scores an answer; throws on an answer that does not fit the question (see `answerProblem`). */
export function scoreAnswer(question: Question, answer: Answer): AnswerResult {
  const problem = answerProblem(question, answer);
  if (problem) throw new RangeError(`${question.id}: ${problem}`);
  return typeModule(question.type).score(question, answer);
}

/** The answer a learner starts from (`shown`: the display order), or undefined when nothing is chosen. */
export function emptyAnswer(question: Question, shown: readonly number[]): Answer | undefined {
  return typeModule(question.type).empty(question, shown);
}

/** Whether the answer can be submitted: something chosen, every pair matched. */
export function isComplete(question: Question, answer: Answer | undefined): boolean {
  return (
    answer !== undefined &&
    answer.type === question.type &&
    typeModule(question.type).isComplete(question, answer)
  );
}

/** "2 of 3 right, 1 wrong pick": the partial result in words. */
export function describeResult(result: AnswerResult, type: QuestionType): string {
  const base = `${result.right} of ${result.total} ${typeModule(type).resultUnit}`;
  return result.wrongPicks > 0
    ? `${base}, ${result.wrongPicks} wrong pick${result.wrongPicks > 1 ? "s" : ""}`
    : base;
}
