import { describe, expect, it } from "vitest";
import { createScheduler, formatInterval, seededRandom, type Rating } from "../../src/study/index.js";
import { DAY, T0 } from "./factory.js";

describe("scheduler over ts-fsrs", () => {
  it("a new question answered Good is learning and due soon; Easy goes straight to review", () => {
    const s = createScheduler(0.9);
    const good = s.next(null, 3, T0);
    expect(good.state).toBe(1);
    expect(good.reps).toBe(1);
    expect(good.lastReview).toBe(T0);
    const easy = s.next(null, 4, T0);
    expect(easy.state).toBe(2);
    expect(easy.due).toBeGreaterThan(T0 + DAY);
  });

  it("retrievability is 0 for a new card and falls with time", () => {
    const s = createScheduler(0.9);
    const card = s.next(null, 4, T0);
    expect(s.retrievability({ ...card, state: 0 }, T0)).toBe(0);
    const soon = s.retrievability(card, T0 + DAY);
    const later = s.retrievability(card, T0 + 30 * DAY);
    expect(soon).toBeGreaterThan(later);
    expect(soon).toBeLessThanOrEqual(1);
    // At the due date the chance of recall is about the desired retention.
    expect(s.retrievability(card, card.due)).toBeCloseTo(0.9, 1);
  });

  it("a higher desired retention gives shorter intervals", () => {
    const low = createScheduler(0.8).next(null, 4, T0);
    const high = createScheduler(0.95).next(null, 4, T0);
    expect(high.due).toBeLessThan(low.due);
  });

  it("replaying a log gives the card built review by review", () => {
    const s = createScheduler(0.9);
    const random = seededRandom("replay");
    let at = T0;
    let card = null;
    const log: { at: number; rating: Rating }[] = [];
    for (let i = 0; i < 40; i++) {
      at += Math.floor(random.next() * 10 * DAY);
      const rating = (1 + random.int(4)) as Rating;
      card = s.next(card, rating, at);
      log.push({ at, rating });
    }
    expect(s.replay(log)).toEqual(card);
    expect(s.replay([])).toBeNull();
  });
});

describe("next intervals per rating", () => {
  it("are what FSRS schedules for each rating, growing from Again to Easy", () => {
    const s = createScheduler(0.9);
    const now = Date.UTC(2026, 0, 1);
    const fresh = s.nextIntervals(null, now);
    for (const rating of [1, 2, 3, 4] as const)
      expect(fresh[rating]).toBe(s.next(null, rating, now).due - now);
    expect(fresh[1]).toBeLessThanOrEqual(fresh[2]);
    expect(fresh[2]).toBeLessThanOrEqual(fresh[3]);
    expect(fresh[3]).toBeLessThan(fresh[4]);
    const reviewed = s.next(s.next(null, 3, now), 3, now + 600_000);
    const later = reviewed.due + 1;
    const intervals = s.nextIntervals(reviewed, later);
    expect(intervals[3]).toBeGreaterThan(86_400_000);
    expect(intervals[1]).toBeLessThan(intervals[3]);
  });
  it("read as a learner reads them", () => {
    expect(formatInterval(30_000)).toBe("1m");
    expect(formatInterval(10 * 60_000)).toBe("10m");
    expect(formatInterval(5 * 3_600_000)).toBe("5h");
    expect(formatInterval(4 * 86_400_000)).toBe("4d");
    expect(formatInterval(90 * 86_400_000)).toBe("3mo");
    expect(formatInterval(400 * 86_400_000)).toBe("1.1y");
  });
});
