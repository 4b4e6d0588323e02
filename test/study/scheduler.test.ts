import { describe, expect, it } from "vitest";
import { createScheduler, seededRandom, type Rating } from "../../src/study/index.js";
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
