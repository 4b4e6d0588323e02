import type { Domain } from "../catalog/types.js";
import { dayNumber, dayStart, lastDays, streak } from "./days.js";
import { readiness, type DomainReadiness, type QuestionRef } from "./readiness.js";
import type { CardState, Scheduler } from "./scheduler.js";

export interface ExamSummary {
  id: number;
  startedAt: number;
  submittedAt: number | null;
  total: number;
  correct: number;
  percent: number;
  passed: boolean;
  timedOut: boolean;
}

export interface StatsInput {
  now: number;
  utcOffsetMinutes: number;
  questions: readonly QuestionRef[];
  cards: ReadonlyMap<string, CardState>;
  domains: readonly Domain[];
  scheduler: Scheduler;
  unseenPrior: number;
  newPerDay: number;
  /** New questions already introduced today. */
  newToday: number;
  /** Reviews per day number (at least the last 30 days). */
  reviewsPerDay: ReadonlyMap<number, number>;
  /** Every day number with a review. */
  reviewDays: Iterable<number>;
  totalReviews: number;
  exams: readonly ExamSummary[];
}

export interface StatsReport {
  generatedAt: string;
  questions: number;
  seen: number;
  totalReviews: number;
  dueNow: number;
  dueToday: number;
  newLeftToday: number;
  streakDays: number;
  reviewsPerDay: { day: string; count: number }[];
  domains: (DomainReadiness & { mastery: number })[];
  predictedScore: number;
  unseenPrior: number;
  exams: ExamSummary[];
}

/** Everything `stats` shows, from the store's raw figures. Questions no longer in any pack are left out. */
export function buildStats(input: StatsInput): StatsReport {
  const today = dayNumber(input.now, input.utcOffsetMinutes);
  const endOfToday = dayStart(today + 1, input.utcOffsetMinutes);
  let dueNow = 0;
  let dueToday = 0;
  let seen = 0;
  for (const q of input.questions) {
    const card = input.cards.get(q.id);
    if (!card || card.state === 0) continue;
    seen += 1;
    if (card.due <= input.now) dueNow += 1;
    if (card.due < endOfToday) dueToday += 1;
  }
  const ready = readiness(input);
  return {
    generatedAt: new Date(input.now).toISOString(),
    questions: input.questions.length,
    seen,
    totalReviews: input.totalReviews,
    dueNow,
    dueToday,
    newLeftToday: Math.max(0, input.newPerDay - input.newToday),
    streakDays: streak(input.reviewDays, today),
    reviewsPerDay: lastDays(input.reviewsPerDay, today, 30),
    domains: ready.domains.map((d) => ({ ...d, mastery: d.questions > 0 ? d.mastered / d.questions : 0 })),
    predictedScore: ready.predicted,
    unseenPrior: ready.unseenPrior,
    exams: [...input.exams],
  };
}
