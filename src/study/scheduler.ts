import {
  createEmptyCard,
  default_w,
  forgetting_curve,
  fsrs,
  type Card,
  type FSRS,
  type Grade,
} from "ts-fsrs";
import type { Rating } from "./rating.js";

/** FSRS card states: 0 New, 1 Learning, 2 Review, 3 Relearning. */
export type CardPhase = 0 | 1 | 2 | 3;

/** The FSRS memory state of one question, with times in ms since the epoch (the store's shape). */
export interface CardState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardPhase;
  lastReview: number | null;
}

/** One review as the scheduler needs it. */
export interface ReviewEvent {
  at: number;
  rating: Rating;
}

const DAY_MS = 86_400_000;

/** A memory state in plain numbers, for simulations that must not allocate a card per step. */
export interface Memory {
  stability: number;
  difficulty: number;
}

/** FSRS-6's published default parameters (21 numbers), used until parameters are fitted to the learner. */
export const DEFAULT_FSRS_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

export interface Scheduler {
  readonly desiredRetention: number;
  /** The 21 FSRS parameters in use. */
  readonly parameters: readonly number[];
  /** The card after a review at `now` with `rating`; `card` null means the question is new. */
  next(card: CardState | null, rating: Rating, now: number): CardState;
  /** The probability of recalling now; 0 for a card never reviewed. */
  retrievability(card: CardState, now: number): number;
  /** The card as the whole review log of one question makes it (reviews in time order). */
  replay(reviews: readonly ReviewEvent[]): CardState | null;
  /** For each rating, how long until the question would be due again after a review at `now`. */
  nextIntervals(card: CardState | null, now: number): Record<Rating, number>;
  /** The memory after a review `elapsedDays` after the last (0: the same day; `memory` null: a first review). */
  memoryAfter(memory: Memory | null, elapsedDays: number, rating: Rating): Memory;
  /** The chance of recall `elapsedDays` after a review that left `stability`. */
  recall(elapsedDays: number, stability: number): number;
  /** Whole days until a memory of `stability` falls to the desired retention (at least 1). */
  intervalDays(stability: number): number;
}

function toCard(c: CardState): Card {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.lastReview === null ? {} : { last_review: new Date(c.lastReview) }),
  };
}

function fromCard(c: Card): CardState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as number as CardPhase,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

/**
 * A scheduler with fuzz off, so the same log always gives the same card. `parameters` are the 21 FSRS-6
 * weights (fitted to the learner by `fsrs optimize`); FSRS's defaults when left out.
 */
export function createScheduler(
  desiredRetention = 0.9,
  parameters: readonly number[] = DEFAULT_FSRS_PARAMETERS,
): Scheduler {
  const engine: FSRS = fsrs({ request_retention: desiredRetention, enable_fuzz: false, w: [...parameters] });
  const weights = engine.parameters.w;

  const next = (card: CardState | null, rating: Rating, now: number): CardState => {
    const current = card ? toCard(card) : createEmptyCard(new Date(now));
    return fromCard(engine.next(current, new Date(now), rating as number as Grade).card);
  };

  // Elapsed time in fractional days (ts-fsrs rounds down to whole days), so cards due on the same day
  // still rank by how much they have faded.
  const retrievability = (card: CardState, now: number): number => {
    if (card.state === 0 || card.lastReview === null || card.stability <= 0) return 0;
    const elapsed = Math.max(0, now - card.lastReview) / DAY_MS;
    return forgetting_curve(weights, elapsed, card.stability);
  };

  const replay = (reviews: readonly ReviewEvent[]): CardState | null => {
    let card: CardState | null = null;
    for (const review of reviews) card = next(card, review.rating, review.at);
    return card;
  };

  const nextIntervals = (card: CardState | null, now: number): Record<Rating, number> => {
    const interval = (rating: Rating) => next(card, rating, now).due - now;
    return { 1: interval(1), 2: interval(2), 3: interval(3), 4: interval(4) };
  };

  return {
    desiredRetention,
    parameters: weights,
    next,
    retrievability,
    replay,
    nextIntervals,
    memoryAfter: (memory, elapsedDays, rating) => engine.next_state(memory, elapsedDays, rating),
    recall: (elapsedDays, stability) => forgetting_curve(weights, elapsedDays, stability),
    intervalDays: (stability) => engine.next_interval(stability, 0),
  };
}

/** An interval as a learner reads it on a rating key: `10m`, `5h`, `4d`, `3mo`, `1.2y`. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / DAY_MS);
  if (days < 31) return `${days}d`;
  if (days < 365) return `${Math.round(days / 30)}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, "")}y`;
}
