import { describe, expect, it } from "vitest";
import { deriveRating, RATING } from "../../src/study/index.js";

describe("rating from the answer", () => {
  const t = { timeBasedRatings: true, easyUnderMs: 10_000, hardOverMs: 60_000 };
  it("wrong is Again whatever the time", () => {
    expect(deriveRating(false, 1_000, t)).toBe(RATING.again);
    expect(deriveRating(false, null, t)).toBe(RATING.again);
  });
  it("right is Easy when quick, Good in between, Hard when slow", () => {
    expect(deriveRating(true, 9_999, t)).toBe(RATING.easy);
    expect(deriveRating(true, 10_000, t)).toBe(RATING.good);
    expect(deriveRating(true, 60_000, t)).toBe(RATING.good);
    expect(deriveRating(true, 60_001, t)).toBe(RATING.hard);
    expect(deriveRating(true, null, t)).toBe(RATING.good);
  });
  it("follows configured thresholds", () => {
    expect(deriveRating(true, 20_000, { ...t, easyUnderMs: 30_000, hardOverMs: 90_000 })).toBe(RATING.easy);
  });
  it("without time-based ratings (the default), right is Good however quick or slow", () => {
    const off = { ...t, timeBasedRatings: false };
    expect(deriveRating(true, 1, off)).toBe(RATING.good);
    expect(deriveRating(true, 3_600_000, off)).toBe(RATING.good);
    expect(deriveRating(false, 1, off)).toBe(RATING.again);
  });
  it("never rates a question still being (re)learnt Easy", () => {
    expect(deriveRating(true, 1_000, t, true)).toBe(RATING.good);
    expect(deriveRating(true, 70_000, t, true)).toBe(RATING.hard);
  });
});
