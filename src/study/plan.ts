import type { Domain } from "../catalog/types.js";
import { DAY_MS, dayLabel, dayNumber, dayStart } from "./days.js";
import { blueprintScore, readiness, type QuestionRef, type Readiness } from "./readiness.js";
import type { CardState, Memory, Scheduler } from "./scheduler.js";

/** Seconds per answer assumed for the expected minutes until the log has timed answers. */
export const DEFAULT_ANSWER_SECONDS = 60;

/** The day number of a `YYYY-MM-DD` date (see `days.ts`). */
export function dateDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * New questions to introduce on `day` with `unseen` still unseen at its start: enough to have every
 * question seen by `firstSeenDaysBefore` days before the exam (spread over the days left), never fewer
 * than `newPerDay`. Once that day is past, what is left is spread over the days to the exam; after the
 * exam, `newPerDay` again.
 */
export function newTarget(
  unseen: number,
  day: number,
  examDay: number,
  firstSeenDaysBefore: number,
  newPerDay: number,
): number {
  if (day >= examDay) return Math.min(unseen, newPerDay);
  const deadline = examDay - firstSeenDaysBefore;
  const daysLeft = day <= deadline ? deadline - day + 1 : examDay - day;
  return Math.min(unseen, Math.max(newPerDay, Math.ceil(unseen / daysLeft)));
}

/** The last `firstSeenDaysBefore` days before the exam, when study also serves what would be forgotten by then. */
export function inFinalStretch(day: number, examDay: number, firstSeenDaysBefore: number): boolean {
  return day < examDay && day >= examDay - firstSeenDaysBefore;
}

/** What study may still introduce today: the plan's figure with an exam date ahead, else `newPerDay`. */
export function newLeftToday(input: {
  unseen: number;
  introducedToday: number;
  today: number;
  examDate: string | null;
  firstSeenDaysBefore: number;
  newPerDay: number;
}): number {
  const { unseen, introducedToday, today, examDate, firstSeenDaysBefore, newPerDay } = input;
  const target =
    examDate === null
      ? newPerDay
      : newTarget(unseen + introducedToday, today, dateDay(examDate), firstSeenDaysBefore, newPerDay);
  return Math.max(0, target - introducedToday);
}

/** The exam's first instant while `now` is in the final stretch before it, else null. */
export function finalStretchExamAt(
  now: number,
  utcOffsetMinutes: number,
  examDate: string | null,
  firstSeenDaysBefore: number,
): number | null {
  if (examDate === null) return null;
  const examDay = dateDay(examDate);
  return inFinalStretch(dayNumber(now, utcOffsetMinutes), examDay, firstSeenDaysBefore)
    ? dayStart(examDay, utcOffsetMinutes)
    : null;
}

export interface PlanInput {
  /** The questions study serves (the blueprint's domains). */
  questions: readonly QuestionRef[];
  cards: ReadonlyMap<string, CardState>;
  domains: readonly Domain[];
  scheduler: Scheduler;
  unseenPrior: number;
  now: number;
  utcOffsetMinutes: number;
  examDate: string;
  firstSeenDaysBefore: number;
  newPerDay: number;
  /** New questions already introduced today. */
  newToday: number;
  /** The learner's mean time per answer, null when unknown. */
  answerMs: number | null;
}

export interface PlanDay {
  date: string;
  new: number;
  /** Expected reviews: those falling due, the final stretch's, and relearning after expected lapses. */
  reviews: number;
  minutes: number;
  /** The predicted exam score at the end of the day, if the plan is followed until then. */
  predicted: number;
  stretch: boolean;
}

export interface ExamPlan {
  examDate: string;
  daysLeft: number;
  /** The day by which every question is first seen. */
  firstSeenBy: string;
  /** Today's new questions in all (including those already introduced today). */
  newToday: number;
  newLeftToday: number;
  unseen: number;
  answerSeconds: number;
  finalStretch: boolean;
  days: PlanDay[];
  today: Readiness;
  /** Readiness on the exam day if the plan is followed. */
  onExamDay: Readiness;
}

interface Share {
  domain: number;
  count: number;
}

interface Track {
  memory: Memory;
  last: number;
  due: number;
}

/**
 * The day-by-day plan to the exam and the readiness it leads to, simulated per card with plain numbers.
 * The learner studies once a day at the time of day of `now`, reviewing every card due by then, the
 * final stretch's cards, and the plan's new questions. The simulation follows expected values: a review
 * at recall chance r leaves the memory r × (its state after Good) + (1 − r) × (its state after Again and
 * a relearning Good the same day); a new question is answered right with the unseen prior.
 */
export function planToExam(input: PlanInput): ExamPlan {
  const { scheduler, now, utcOffsetMinutes: offset } = input;
  const today = dayNumber(now, offset);
  const examDay = dateDay(input.examDate);
  const examAt = Math.max(now, dayStart(examDay, offset));
  const dayCount = Math.max(0, examDay - today);
  const domainIndex = new Map(input.domains.map((d, i) => [d.id, i]));
  const questions = input.questions.filter((q) => domainIndex.has(q.domain));
  const stretchFrom = examDay - input.firstSeenDaysBefore - today;
  const retention = scheduler.desiredRetention;
  const slot = (i: number) => now + i * DAY_MS;
  const sampleAt = (i: number) => (i === dayCount - 1 ? examAt : dayStart(today + i + 1, offset));

  const reviews = new Float64Array(dayCount);
  const sums = new Float64Array(dayCount * input.domains.length);
  const simulated = new Map<string, CardState>();

  const review = (track: Track, at: number, i: number, weight: number) => {
    const elapsed = Math.max(0, (at - track.last) / DAY_MS);
    const r = scheduler.recall(elapsed, track.memory.stability);
    const whole = Math.floor(elapsed);
    const good = scheduler.memoryAfter(track.memory, whole, 3);
    const lapsed = scheduler.memoryAfter(scheduler.memoryAfter(track.memory, whole, 1), 0, 3);
    track.memory = mix(good, lapsed, r);
    track.last = at;
    track.due = at + scheduler.intervalDays(track.memory.stability) * DAY_MS;
    reviews[i]! += weight * (2 - r);
  };
  // From day `from` on (after it, for a question introduced that day), reviews what falls due and what
  // the final stretch serves, adding the chance of recall at each day's end to the domains' sums.
  const follow = (track: Track, from: number, shares: readonly Share[], reviewFirst: boolean) => {
    const weight = shares.reduce((s, x) => s + x.count, 0);
    for (let i = from; i < dayCount; i++) {
      const at = slot(i);
      if (i > from || reviewFirst) {
        const atRisk =
          i >= stretchFrom &&
          scheduler.recall((examAt - track.last) / DAY_MS, track.memory.stability) < retention;
        if (track.due <= at || atRisk) review(track, at, i, weight);
      }
      const r = scheduler.recall((sampleAt(i) - track.last) / DAY_MS, track.memory.stability);
      for (const share of shares) sums[i * input.domains.length + share.domain]! += share.count * r;
    }
  };

  const unseenQuestions: QuestionRef[] = [];
  for (const q of questions) {
    const card = input.cards.get(q.id);
    if (!card || card.state === 0 || card.lastReview === null) {
      unseenQuestions.push(q);
      continue;
    }
    const track: Track = {
      memory: { stability: card.stability, difficulty: card.difficulty },
      last: card.lastReview,
      due: card.due,
    };
    follow(track, 0, [{ domain: domainIndex.get(q.domain)!, count: 1 }], true);
    simulated.set(q.id, asCard(track));
  }

  // New questions by the plan, day by day; each day's are one cohort with the same expected history.
  const order = spreadByDomain(unseenQuestions);
  const newPerDay = new Array<number>(dayCount).fill(0);
  const introducedOn = new Array<number>(order.length).fill(dayCount);
  let unseen = order.length;
  let next = 0;
  for (let i = 0; i < dayCount; i++) {
    const introducedBefore = i === 0 ? input.newToday : 0;
    const target = newTarget(
      unseen + introducedBefore,
      today + i,
      examDay,
      input.firstSeenDaysBefore,
      input.newPerDay,
    );
    const count = Math.min(unseen, Math.max(0, target - introducedBefore));
    newPerDay[i] = count;
    if (count === 0) continue;
    const p = input.unseenPrior;
    const first = mix(
      scheduler.memoryAfter(null, 0, 3),
      scheduler.memoryAfter(scheduler.memoryAfter(null, 0, 1), 0, 3),
      p,
    );
    reviews[i]! += count * (1 - p);
    const cohort = order.slice(next, next + count);
    const perDomain = new Map<number, number>();
    for (const q of cohort) {
      const d = domainIndex.get(q.domain)!;
      perDomain.set(d, (perDomain.get(d) ?? 0) + 1);
    }
    const track: Track = {
      memory: first,
      last: slot(i),
      due: slot(i) + scheduler.intervalDays(first.stability) * DAY_MS,
    };
    follow(
      track,
      i,
      [...perDomain].map(([domain, n]) => ({ domain, count: n })),
      false,
    );
    for (const q of cohort) simulated.set(q.id, asCard(track));
    introducedOn.fill(i, next, next + count);
    unseen -= count;
    next += count;
  }
  // Before a question is introduced, and if the plan never reaches it, it counts at the prior.
  order.forEach((q, rank) => {
    const introduced = rank < next ? introducedOn[rank]! : dayCount;
    for (let i = 0; i < introduced; i++)
      sums[i * input.domains.length + domainIndex.get(q.domain)!]! += input.unseenPrior;
  });

  const counts = input.domains.map((d) => questions.filter((q) => q.domain === d.id).length);
  const answerSeconds = input.answerMs === null ? DEFAULT_ANSWER_SECONDS : input.answerMs / 1000;
  const days = Array.from({ length: dayCount }, (_, i): PlanDay => {
    const expected = input.domains.map((d, k) => ({
      weight: d.weight,
      expected: counts[k]! > 0 ? sums[i * input.domains.length + k]! / counts[k]! : input.unseenPrior,
    }));
    const answers = newPerDay[i]! + reviews[i]!;
    return {
      date: dayLabel(today + i),
      new: newPerDay[i]!,
      reviews: Math.round(reviews[i]!),
      minutes: Math.round((answers * answerSeconds) / 60),
      predicted: blueprintScore(expected, input.unseenPrior),
      stretch: i >= stretchFrom,
    };
  });

  const base = { questions, domains: input.domains, scheduler, unseenPrior: input.unseenPrior };
  const newToday = newTarget(
    order.length + input.newToday,
    today,
    examDay,
    input.firstSeenDaysBefore,
    input.newPerDay,
  );
  return {
    examDate: input.examDate,
    daysLeft: dayCount,
    firstSeenBy: dayLabel(examDay - input.firstSeenDaysBefore),
    newToday,
    newLeftToday: Math.max(0, newToday - input.newToday),
    unseen: order.length,
    answerSeconds,
    finalStretch: inFinalStretch(today, examDay, input.firstSeenDaysBefore),
    days,
    today: readiness({ ...base, cards: input.cards, now }),
    onExamDay: readiness({ ...base, cards: simulated, now: examAt }),
  };
}

function mix(a: Memory, b: Memory, share: number): Memory {
  return {
    stability: share * a.stability + (1 - share) * b.stability,
    difficulty: share * a.difficulty + (1 - share) * b.difficulty,
  };
}

function asCard(track: Track): CardState {
  return {
    due: track.due,
    stability: track.memory.stability,
    difficulty: track.memory.difficulty,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: 2,
    lastReview: track.last,
  };
}

/** Unseen questions in the order the plan introduces them: each domain spread evenly over the days. */
function spreadByDomain(questions: readonly QuestionRef[]): QuestionRef[] {
  const byDomain = new Map<string, QuestionRef[]>();
  for (const q of questions) {
    const list = byDomain.get(q.domain);
    if (list) list.push(q);
    else byDomain.set(q.domain, [q]);
  }
  const keyed: { q: QuestionRef; key: number }[] = [];
  for (const list of byDomain.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((q, rank) => keyed.push({ q, key: (rank + 0.5) / list.length }));
  }
  return keyed.sort((a, b) => a.key - b.key || (a.q.id < b.q.id ? -1 : 1)).map((k) => k.q);
}
