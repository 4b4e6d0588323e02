import { describe, expect, it } from "vitest";
import { buildQueue, createScheduler, type CardState, type QueueInput } from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "./factory.js";

const scheduler = createScheduler(0.9);
const questions = bank(10);

/** A card reviewed once with Easy at `reviewedAt`. */
function seenAt(reviewedAt: number): CardState {
  return scheduler.next(null, 4, reviewedAt);
}

function input(overrides: Partial<QueueInput> = {}): QueueInput {
  return {
    questions,
    cards: new Map(),
    domains: BLUEPRINT.domains,
    now: T0,
    seed: "seed",
    newLimit: 20,
    scheduler,
    unseenPrior: 0.25,
    ...overrides,
  };
}

describe("study queue", () => {
  it("puts due cards first, the most faded first, and leaves cards not yet due out", () => {
    const cards = new Map<string, CardState>([
      ["test/security-1", seenAt(T0 - 40 * DAY)], // long overdue: lowest retrievability
      ["test/connect-2", seenAt(T0 - 12 * DAY)],
      ["test/deployment-3", seenAt(T0 - 20 * DAY)],
      ["test/observability-0", seenAt(T0 - DAY)], // not due yet
    ]);
    const queue = buildQueue(input({ cards, newLimit: 0 }));
    expect(queue.map((q) => q.questionId)).toEqual([
      "test/security-1",
      "test/deployment-3",
      "test/connect-2",
    ]);
    expect(queue.every((q) => q.kind === "due")).toBe(true);
    const rs = queue.map((q) => q.retrievability ?? 0);
    expect([...rs].sort((a, b) => a - b)).toEqual(rs);
  });

  it("adds at most the new limit of new questions after the due ones", () => {
    const cards = new Map([["test/security-1", seenAt(T0 - 40 * DAY)]]);
    const queue = buildQueue(input({ cards, newLimit: 5 }));
    expect(queue).toHaveLength(6);
    expect(queue[0]?.kind).toBe("due");
    expect(queue.slice(1).every((q) => q.kind === "new" && q.retrievability === null)).toBe(true);
  });

  it("draws new questions by blueprint weight: the heaviest domain gets the most", () => {
    const queue = buildQueue(input({ newLimit: 20 }));
    const count = (d: string) => queue.filter((q) => q.domain === d).length;
    expect(queue).toHaveLength(20);
    expect(count("cluster-config")).toBeGreaterThan(count("observability"));
  });

  it("draws more new questions from a weak domain than from an equally weighted strong one", () => {
    // Security and troubleshooting weigh the same; the learner knows most of troubleshooting well.
    const cards = new Map<string, CardState>();
    for (let i = 0; i < 8; i++) cards.set(`test/troubleshooting-${i}`, seenAt(T0 - 60_000));
    const queue = buildQueue(input({ cards, newLimit: 20 }));
    const count = (d: string) => queue.filter((q) => q.domain === d).length;
    expect(count("security")).toBeGreaterThan(count("troubleshooting"));
  });

  it("introduces easier questions of a domain first", () => {
    const qs = [
      { id: "p/hard", domain: "security", tags: [], difficulty: "hard" as const },
      { id: "p/easy", domain: "security", tags: [], difficulty: "easy" as const },
      { id: "p/medium", domain: "security", tags: [], difficulty: "medium" as const },
    ];
    const queue = buildQueue(input({ questions: qs, newLimit: 1 }));
    expect(queue.map((q) => q.questionId)).toEqual(["p/easy"]);
  });

  it("is a pure function of its inputs: same seed same queue, another seed another order", () => {
    const a = buildQueue(input());
    const b = buildQueue(input({ questions: [...questions].reverse() }));
    const c = buildQueue(input({ seed: "other" }));
    expect(b).toEqual(a);
    expect(c.map((q) => q.questionId)).not.toEqual(a.map((q) => q.questionId));
  });

  it("practice by domain: only that domain, due, then new, then the rest of the seen ones", () => {
    const cards = new Map<string, CardState>([
      ["test/security-0", seenAt(T0 - 40 * DAY)],
      ["test/security-1", seenAt(T0 - DAY)],
      ["test/connect-0", seenAt(T0 - 40 * DAY)],
    ]);
    const queue = buildQueue(input({ cards, mode: "practice", domain: "security", newLimit: Infinity }));
    expect(queue.every((q) => q.domain === "security")).toBe(true);
    expect(queue).toHaveLength(10);
    expect(queue[0]).toMatchObject({ questionId: "test/security-0", kind: "due" });
    expect(queue.at(-1)).toMatchObject({ questionId: "test/security-1", kind: "seen" });
  });

  it("practice by tag, including domains outside the blueprint", () => {
    const extra = { id: "team/x", domain: "team-dr", tags: ["even"], difficulty: "easy" as const };
    const queue = buildQueue(
      input({ questions: [...questions, extra], mode: "practice", tag: "even", newLimit: Infinity }),
    );
    expect(queue.map((q) => q.questionId)).toContain("team/x");
    expect(queue).toHaveLength(36);
  });
});

describe("practising only given questions (the ones missed)", () => {
  it("serves exactly those, due or not, seen or new, and nothing else", () => {
    const cards = new Map<string, CardState>([
      ["test/security-1", seenAt(T0 - DAY)], // not due, but missed
      ["test/connect-2", seenAt(T0 - 40 * DAY)], // due, not asked for
    ]);
    const only = new Set(["test/security-1", "test/deployment-3"]);
    const queue = buildQueue(input({ cards, mode: "practice", only, newLimit: Number.MAX_SAFE_INTEGER }));
    expect(queue.map((q) => q.questionId).sort()).toEqual([...only].sort());
  });
});
