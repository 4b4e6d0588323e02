import { dayNumber } from "./days.js";
import type { Rating } from "./rating.js";
import { createScheduler, type Memory } from "./scheduler.js";

/** One row of the review log as fitting needs it. */
export interface LoggedReview {
  questionId: string;
  at: number;
  rating: Rating;
}

/** A review in FSRS's training format: whole days since the card's previous review (0 for the first). */
export interface DayReview {
  rating: Rating;
  deltaT: number;
}

/**
 * Reviews the optimizer needs before a fit is worth making. Anki's optimizer refused fewer than 1,000
 * reviews, and from Anki 24.04 fewer than 400; the lower figure is used (see the README).
 */
export const MIN_REVIEWS_TO_FIT = 400;

export interface Fit {
  /** Mean negative log likelihood of the outcomes (recalled or not) the parameters predict; lower is better. */
  logLoss: number;
  /** Root mean square of (outcome − predicted recall) over the same reviews. */
  rmse: number;
  /** Reviews the fit was measured on: those a day or more after the card's previous review. */
  reviews: number;
}

/** Each card's history in FSRS's format, from a log ordered by question, then time (as the store gives it). */
export function reviewHistories(log: readonly LoggedReview[], utcOffsetMinutes: number): DayReview[][] {
  const histories: DayReview[][] = [];
  let current: DayReview[] = [];
  let question: string | null = null;
  let lastDay = 0;
  for (const review of log) {
    const day = dayNumber(review.at, utcOffsetMinutes);
    if (review.questionId !== question) {
      if (current.length > 0) histories.push(current);
      current = [];
      question = review.questionId;
      lastDay = day;
    }
    current.push({ rating: review.rating, deltaT: Math.max(0, day - lastDay) });
    lastDay = day;
  }
  if (current.length > 0) histories.push(current);
  return histories;
}

/**
 * The training set as fsrs-rs builds it from a log: for every card, one item per review that came a day
 * or more after the previous one, holding the card's history up to and including that review.
 */
export function trainingPrefixes(histories: readonly DayReview[][]): { history: number; length: number }[] {
  const prefixes: { history: number; length: number }[] = [];
  histories.forEach((reviews, history) => {
    for (let length = 2; length <= reviews.length; length++) {
      if (reviews[length - 1]!.deltaT > 0) prefixes.push({ history, length });
    }
  });
  return prefixes;
}

/**
 * How well `parameters` predict the learner's own reviews: each card's memory is replayed through FSRS
 * with those parameters, and every review a day or more after the previous one is scored against the
 * recall probability predicted for it (recalled: any rating but Again).
 */
export function fitOf(parameters: readonly number[], histories: readonly DayReview[][]): Fit {
  const scheduler = createScheduler(0.9, parameters);
  let loss = 0;
  let squares = 0;
  let count = 0;
  for (const reviews of histories) {
    let memory: Memory | null = null;
    for (const review of reviews) {
      if (memory !== null && review.deltaT > 0) {
        const p = Math.min(1 - 1e-6, Math.max(1e-6, scheduler.recall(review.deltaT, memory.stability)));
        const recalled = review.rating > 1 ? 1 : 0;
        loss -= recalled * Math.log(p) + (1 - recalled) * Math.log(1 - p);
        squares += (recalled - p) ** 2;
        count += 1;
      }
      memory = scheduler.memoryAfter(memory, review.deltaT, review.rating);
    }
  }
  return count === 0
    ? { logLoss: Number.NaN, rmse: Number.NaN, reviews: 0 }
    : { logLoss: loss / count, rmse: Math.sqrt(squares / count), reviews: count };
}

/** A candidate replaces the current parameters only when it predicts the log better (lower log loss). */
export function fitsBetter(candidate: Fit, current: Fit): boolean {
  return Number.isFinite(candidate.logLoss) && !(candidate.logLoss >= current.logLoss);
}
