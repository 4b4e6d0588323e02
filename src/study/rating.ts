/** FSRS grades: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Rating = 1 | 2 | 3 | 4;
export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export const RATING_NAMES: Record<Rating, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

export interface RatingThresholds {
  easyUnderMs: number;
  hardOverMs: number;
}

/**
 * The rating an answer earns before the learner sees the explanation: wrong is Again; right is Good,
 * Easy when faster than `easyUnderMs`, Hard when slower than `hardOverMs`. The learner may override it.
 * An unknown time (null) counts as an ordinary Good.
 */
export function deriveRating(
  correct: boolean,
  durationMs: number | null,
  thresholds: RatingThresholds,
): Rating {
  if (!correct) return RATING.again;
  if (durationMs === null) return RATING.good;
  if (durationMs < thresholds.easyUnderMs) return RATING.easy;
  if (durationMs > thresholds.hardOverMs) return RATING.hard;
  return RATING.good;
}

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
