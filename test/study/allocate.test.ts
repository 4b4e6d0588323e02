import { describe, expect, it } from "vitest";
import { allocate } from "../../src/study/index.js";
import { BLUEPRINT } from "./factory.js";

const shares = BLUEPRINT.domains.map((d) => ({ key: d.id, weight: d.weight }));

describe("largest remainder allocation", () => {
  it("splits 60 questions by the blueprint's weights (which add to 101)", () => {
    const result = allocate(60, shares);
    // Quotas: 8.91, 13.07, 8.91, 8.91, 7.13, 7.13, 5.94 -> floors 56, the 4 largest remainders get one more.
    expect(Object.fromEntries(result)).toEqual({
      fundamentals: 9,
      "cluster-config": 13,
      security: 9,
      troubleshooting: 9,
      deployment: 7,
      connect: 7,
      observability: 6,
    });
  });

  it("always sums to the total and stays within one of each exact quota", () => {
    for (const total of [1, 7, 20, 59, 60, 61, 100]) {
      const result = allocate(total, shares);
      expect([...result.values()].reduce((a, b) => a + b, 0)).toBe(total);
      for (const s of shares) {
        expect(Math.abs((result.get(s.key) ?? 0) - (total * s.weight) / 101)).toBeLessThan(1);
      }
    }
  });

  it("passes on what a key cannot take", () => {
    const result = allocate(10, [
      { key: "a", weight: 50, capacity: 2 },
      { key: "b", weight: 25 },
      { key: "c", weight: 25 },
    ]);
    expect(result.get("a")).toBe(2);
    expect((result.get("b") ?? 0) + (result.get("c") ?? 0)).toBe(8);
    expect(result.get("b")).toBe(4);
  });

  it("gives at most the sum of capacities", () => {
    const result = allocate(10, [
      { key: "a", weight: 1, capacity: 2 },
      { key: "b", weight: 1, capacity: 3 },
    ]);
    expect(Object.fromEntries(result)).toEqual({ a: 2, b: 3 });
  });

  it("shares equally when every weight is zero", () => {
    const result = allocate(4, [
      { key: "a", weight: 0 },
      { key: "b", weight: 0 },
    ]);
    expect(Object.fromEntries(result)).toEqual({ a: 2, b: 2 });
  });
});
