import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/study/index.js";

describe("seeded random", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = Array.from({ length: 5 }, seededRandom("s").next);
    const b = Array.from({ length: 5 }, seededRandom("s").next);
    const c = Array.from({ length: 5 }, seededRandom("t").next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("shuffles into a permutation, spread over the positions", () => {
    const random = seededRandom(42);
    const firsts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const s = random.shuffle([0, 1, 2, 3]);
      expect([...s].sort()).toEqual([0, 1, 2, 3]);
      firsts.set(s[0]!, (firsts.get(s[0]!) ?? 0) + 1);
    }
    for (const n of firsts.values()) expect(n).toBeGreaterThan(850);
  });
});
