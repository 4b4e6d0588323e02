import { describe, expect, it } from "vitest";
import { buildStats, createScheduler, dayNumber, dayStart, lastDays, streak } from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "./factory.js";

describe("days and streaks", () => {
  it("day numbers follow the learner's time zone", () => {
    const lateEvening = Date.UTC(2026, 0, 5, 23, 30); // 00:30 on the 6th in UTC+1
    expect(dayNumber(lateEvening, 60)).toBe(dayNumber(lateEvening, 0) + 1);
    expect(dayStart(dayNumber(lateEvening, 60), 60)).toBe(Date.UTC(2026, 0, 5, 23, 0));
  });

  it("counts consecutive days ending today, or yesterday while today is still empty", () => {
    expect(streak([10, 9, 8, 6], 10)).toBe(3);
    expect(streak([9, 8, 6], 10)).toBe(2);
    expect(streak([8], 10)).toBe(0);
    expect(streak([], 10)).toBe(0);
  });

  it("fills the last days with zeros, oldest first", () => {
    const today = dayNumber(T0, 0);
    const days = lastDays(
      new Map([
        [today, 4],
        [today - 2, 1],
      ]),
      today,
      3,
    );
    expect(days).toEqual([
      { day: "2026-01-03", count: 1 },
      { day: "2026-01-04", count: 0 },
      { day: "2026-01-05", count: 4 },
    ]);
  });
});

describe("stats report", () => {
  const scheduler = createScheduler(0.9);
  const questions = bank(3);

  it("is empty but complete with no progress", () => {
    const r = buildStats({
      now: T0,
      utcOffsetMinutes: 0,
      questions,
      cards: new Map(),
      domains: BLUEPRINT.domains,
      scheduler,
      unseenPrior: 0.25,
      newPerDay: 20,
      newToday: 0,
      reviewsPerDay: new Map(),
      reviewDays: [],
      totalReviews: 0,
      exams: [],
    });
    expect(r).toMatchObject({
      dueNow: 0,
      dueToday: 0,
      newLeftToday: 20,
      streakDays: 0,
      seen: 0,
      questions: 21,
    });
    expect(r.reviewsPerDay).toHaveLength(30);
    expect(r.domains).toHaveLength(7);
    expect(r.predictedScore).toBeCloseTo(0.25, 10);
  });

  it("counts due now and due later today, and ignores cards of removed questions", () => {
    const today = dayNumber(T0, 0);
    const dueLater = { ...scheduler.next(null, 3, T0 - DAY), due: T0 + 3600_000 };
    const overdue = { ...scheduler.next(null, 3, T0 - DAY), due: T0 - 1 };
    const tomorrow = { ...scheduler.next(null, 3, T0 - DAY), due: T0 + DAY };
    const r = buildStats({
      now: T0,
      utcOffsetMinutes: 0,
      questions,
      cards: new Map([
        [questions[0]!.id, overdue],
        [questions[1]!.id, dueLater],
        [questions[2]!.id, tomorrow],
        ["gone/question", overdue],
      ]),
      domains: BLUEPRINT.domains,
      scheduler,
      unseenPrior: 0.25,
      newPerDay: 20,
      newToday: 25,
      reviewsPerDay: new Map([[today, 3]]),
      reviewDays: [today, today - 1],
      totalReviews: 3,
      exams: [],
    });
    expect(r).toMatchObject({ dueNow: 1, dueToday: 2, newLeftToday: 0, streakDays: 2, seen: 3 });
    expect(r.reviewsPerDay.at(-1)).toEqual({ day: "2026-01-05", count: 3 });
  });
});
