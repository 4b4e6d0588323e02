import { describe, expect, it } from "vitest";
import { createScheduler, readiness, type CardState } from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "./factory.js";

const scheduler = createScheduler(0.9);
const questions = bank(4);

describe("readiness", () => {
  it("with nothing seen, every domain and the prediction equal the prior", () => {
    const r = readiness({
      questions,
      cards: new Map(),
      domains: BLUEPRINT.domains,
      now: T0,
      scheduler,
      unseenPrior: 0.3,
    });
    expect(r.domains.map((d) => d.expected)).toEqual(BLUEPRINT.domains.map(() => 0.3));
    expect(r.predicted).toBeCloseTo(0.3, 10);
  });

  it("uses retrievability for seen questions and weights domains by the blueprint", () => {
    const card = scheduler.next(null, 4, T0 - 2 * DAY);
    const r0 = scheduler.retrievability(card, T0);
    const cards = new Map<string, CardState>(
      questions.filter((q) => q.domain === "cluster-config").map((q) => [q.id, card]),
    );
    const r = readiness({
      questions,
      cards,
      domains: BLUEPRINT.domains,
      now: T0,
      scheduler,
      unseenPrior: 0.25,
    });
    const cc = r.domains.find((d) => d.id === "cluster-config")!;
    expect(cc.expected).toBeCloseTo(r0, 10);
    expect(cc.seen).toBe(4);
    expect(cc.mastered).toBe(4);
    const expected = (22 * r0 + (101 - 22) * 0.25) / 101;
    expect(r.predicted).toBeCloseTo(expected, 10);
  });

  it("mixes seen and unseen questions of a domain", () => {
    const card = scheduler.next(null, 1, T0); // just failed: learning, not mastered
    const ids = questions.filter((q) => q.domain === "security").map((q) => q.id);
    const cards = new Map([[ids[0]!, card]]);
    const r = readiness({
      questions,
      cards,
      domains: BLUEPRINT.domains,
      now: T0 + 60_000,
      scheduler,
      unseenPrior: 0.25,
    });
    const sec = r.domains.find((d) => d.id === "security")!;
    const rNow = scheduler.retrievability(card, T0 + 60_000);
    expect(sec.expected).toBeCloseTo((rNow + 3 * 0.25) / 4, 10);
    expect(sec.mastered).toBe(0);
  });

  it("gives a domain without questions the prior", () => {
    const r = readiness({
      questions: [],
      cards: new Map(),
      domains: BLUEPRINT.domains,
      now: T0,
      scheduler,
      unseenPrior: 0.4,
    });
    expect(r.domains.every((d) => d.questions === 0 && d.expected === 0.4)).toBe(true);
  });
});
