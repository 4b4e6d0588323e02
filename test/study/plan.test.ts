import { describe, expect, it } from "vitest";
import {
  buildQueue,
  createScheduler,
  dayLabel,
  dayNumber,
  newLeftToday,
  newTarget,
  planToExam,
  readiness,
  seededRandom,
  type CardState,
  type PlanInput,
} from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "./factory.js";

const scheduler = createScheduler(0.9);
const questions = bank(30);
const EXAM_DAY = dayNumber(T0, 0) + 40;
const EXAM_DATE = dayLabel(EXAM_DAY);
const EXAM_AT = EXAM_DAY * DAY;
const FIRST_SEEN_DAYS_BEFORE = 7;

function planInput(now: number, cards: ReadonlyMap<string, CardState>, newToday = 0): PlanInput {
  return {
    questions,
    cards,
    domains: BLUEPRINT.domains,
    scheduler,
    unseenPrior: 0.25,
    now,
    utcOffsetMinutes: 0,
    examDate: EXAM_DATE,
    firstSeenDaysBefore: FIRST_SEEN_DAYS_BEFORE,
    newPerDay: 0,
    newToday,
    answerMs: 30_000,
  };
}

/**
 * A learner who studies every day at 09:00 as the queue serves (due, final stretch, the plan's new
 * questions, then what a mistake put back in relearning), recalling each question with its FSRS
 * retrievability at that moment (a new one with the prior), from `from` until the day before `until`.
 */
function study(cards: Map<string, CardState>, from: number, until: number, seed: string): void {
  const random = seededRandom(seed);
  for (let day = dayNumber(from, 0); day < dayNumber(until, 0); day++) {
    let at = day * DAY + 9 * 3_600_000;
    let introduced = 0;
    for (let pass = 0; pass < 6; pass++) {
      const unseen = questions.filter((q) => !cards.has(q.id)).length;
      const queue = buildQueue({
        questions,
        cards,
        domains: BLUEPRINT.domains,
        now: at,
        seed: `${seed}-${day}-${pass}`,
        newLimit: newLeftToday({
          unseen,
          introducedToday: introduced,
          today: day,
          examDate: EXAM_DATE,
          firstSeenDaysBefore: FIRST_SEEN_DAYS_BEFORE,
          newPerDay: 0,
        }),
        scheduler,
        unseenPrior: 0.25,
        ...(day >= EXAM_DAY - FIRST_SEEN_DAYS_BEFORE ? { examAt: EXAM_AT } : {}),
      });
      if (queue.length === 0) break;
      for (const item of queue) {
        const card = cards.get(item.questionId) ?? null;
        const chance = card ? scheduler.retrievability(card, at) : 0.25;
        if (!card) introduced += 1;
        cards.set(item.questionId, scheduler.next(card, random.next() < chance ? 3 : 1, at));
        at += 30_000;
      }
      at += 15 * 60_000;
    }
  }
}

describe("plan to the exam date", () => {
  it("spreads the unseen questions so the bank is seen by the deadline, never below new-per-day", () => {
    // 40 days to the exam, seen 7 days before: 34 days including today.
    expect(newTarget(210, 0, 40, 7, 0)).toBe(7);
    expect(newTarget(210, 0, 40, 7, 20)).toBe(20);
    expect(newTarget(10, 33, 40, 7, 0)).toBe(10);
    // Behind after the deadline: the rest over the days to the exam; after the exam, new-per-day again.
    expect(newTarget(30, 37, 40, 7, 0)).toBe(10);
    expect(newTarget(30, 40, 40, 7, 5)).toBe(5);
    expect(
      newLeftToday({
        unseen: 200,
        introducedToday: 3,
        today: 0,
        examDate: null,
        firstSeenDaysBefore: 7,
        newPerDay: 20,
      }),
    ).toBe(17);
  });

  it("plans every day to the exam and forecasts what a learner who follows it reaches", () => {
    const cards = new Map<string, CardState>();
    const plan = planToExam(planInput(T0, cards));
    expect(plan.days).toHaveLength(40);
    expect(plan.days.reduce((s, d) => s + d.new, 0)).toBe(questions.length);
    const deadline = plan.days.findIndex((d) => d.date === plan.firstSeenBy);
    expect(plan.days.slice(deadline + 1).every((d) => d.new === 0)).toBe(true);
    expect(plan.days.slice(-FIRST_SEEN_DAYS_BEFORE).every((d) => d.stretch)).toBe(true);
    expect(plan.days[0]!.minutes).toBe(Math.round(((plan.days[0]!.new + plan.days[0]!.reviews) * 30) / 60));
    expect(plan.today.predicted).toBeCloseTo(0.25);
    expect(plan.days.at(-1)!.predicted).toBeCloseTo(plan.onExamDay.predicted, 6);

    study(cards, T0, EXAM_AT, "on-pace");
    const reached = readiness({
      questions,
      cards,
      domains: BLUEPRINT.domains,
      now: EXAM_AT,
      scheduler,
      unseenPrior: 0.25,
    });
    expect(cards.size).toBe(questions.length);
    expect(Math.abs(reached.predicted - plan.onExamDay.predicted)).toBeLessThan(0.05);
    reached.domains.forEach((d, i) =>
      expect(Math.abs(d.expected - plan.onExamDay.domains[i]!.expected)).toBeLessThan(0.1),
    );
  });

  it("forecasts less for a learner who stopped studying than for one on pace", () => {
    const onPace = new Map<string, CardState>();
    study(onPace, T0, T0 + 30 * DAY, "learner");
    const stopped = new Map<string, CardState>();
    study(stopped, T0, T0 + 10 * DAY, "learner");
    const now = T0 + 30 * DAY;
    const keptUp = planToExam(planInput(now, onPace));
    const paused = planToExam(planInput(now, stopped));
    expect(paused.today.predicted).toBeLessThan(keptUp.today.predicted - 0.1);
    expect(paused.onExamDay.predicted).toBeLessThan(keptUp.onExamDay.predicted - 0.01);
    // What is left is crowded into fewer days.
    expect(paused.newToday).toBeGreaterThan(keptUp.newToday);
    expect(paused.days[0]!.minutes).toBeGreaterThan(keptUp.days[0]!.minutes);
  });
});

describe("final stretch", () => {
  const now = EXAM_AT - 3 * DAY;
  const card = (stability: number, reviewedDaysAgo: number, dueInDays: number): CardState => ({
    ...scheduler.next(null, 3, now - reviewedDaysAgo * DAY),
    state: 2,
    stability,
    difficulty: 5,
    lastReview: now - reviewedDaysAgo * DAY,
    due: now + dueInDays * DAY,
  });

  it("serves, after the due ones, what would be forgotten by the exam, earliest forgotten first", () => {
    const [a, b, c, d, e] = questions;
    const cards = new Map<string, CardState>([
      [a!.id, card(1, 0.5, 0.5)], // weak, due later today: the lowest at the exam
      [b!.id, card(3, 1, 2)], // due before the exam, still below the retention there
      [c!.id, card(100, 10, 80)], // strong: above the retention at the exam
      [d!.id, card(2, 5, -1)], // overdue: served as due
      [e!.id, card(2.5, 1, 1.5)],
    ]);
    const atExam = (id: string) => scheduler.retrievability(cards.get(id)!, EXAM_AT);
    const queue = buildQueue({
      questions: [a!, b!, c!, d!, e!],
      cards,
      domains: BLUEPRINT.domains,
      now,
      seed: "s",
      newLimit: 0,
      scheduler,
      unseenPrior: 0.25,
      examAt: EXAM_AT,
    });
    expect(queue[0]).toMatchObject({ questionId: d!.id, kind: "due" });
    const stretch = queue.filter((i) => i.kind === "stretch").map((i) => i.questionId);
    const expected = [a!, b!, c!, e!]
      .map((q) => q.id)
      .filter((id) => cards.get(id)!.due > now && atExam(id) < 0.9)
      .sort((x, y) => atExam(x) - atExam(y));
    expect(stretch).toEqual(expected);
    expect(stretch).toEqual([a!.id, e!.id, b!.id]);
    expect(stretch).not.toContain(c!.id);
    // Without the exam (after it, or before the stretch) the same cards wait for their due date.
    const normal = buildQueue({
      questions: [a!, b!, c!, d!, e!],
      cards,
      domains: BLUEPRINT.domains,
      now,
      seed: "s",
      newLimit: 0,
      scheduler,
      unseenPrior: 0.25,
    });
    expect(normal.map((i) => i.questionId)).toEqual([d!.id]);
  });
});
