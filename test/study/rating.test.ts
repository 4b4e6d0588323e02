import { describe, expect, it } from "vitest";
import { deriveRating, RATING } from "../../src/study/index.js";

describe("rating from the answer", () => {
  const t = { easyUnderMs: 10_000, hardOverMs: 60_000 };
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
    expect(deriveRating(true, 20_000, { easyUnderMs: 30_000, hardOverMs: 90_000 })).toBe(RATING.easy);
  });
});
