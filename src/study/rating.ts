/** FSRS grades: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Rating = 1 | 2 | 3 | 4;
export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export const RATING_NAMES: Record<Rating, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

export interface RatingThresholds {
  /** Off by default: a right answer is Good, and Hard or Easy are the learner's own choice. */
  timeBasedRatings: boolean;
  easyUnderMs: number;
  hardOverMs: number;
}

/**
 * The rating an answer earns before the learner sees the explanation: wrong is Again, right is Good.
 * With time-based ratings on, a right answer faster than `easyUnderMs` is Easy and one slower than
 * `hardOverMs` is Hard, except that a question still being (re)learnt (missed recently) is never Easy:
 * a quick right answer minutes after a miss is recognition, not memory. The learner may override it.
 */
export function deriveRating(
  correct: boolean,
  durationMs: number | null,
  thresholds: RatingThresholds,
  stillLearning = false,
): Rating {
  if (!correct) return RATING.again;
  if (!thresholds.timeBasedRatings || durationMs === null) return RATING.good;
  if (durationMs < thresholds.easyUnderMs) return stillLearning ? RATING.good : RATING.easy;
  if (durationMs > thresholds.hardOverMs) return RATING.hard;
  return RATING.good;
}

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
