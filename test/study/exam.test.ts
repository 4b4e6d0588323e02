import { describe, expect, it } from "vitest";
import type { Question } from "../../src/catalog/types.js";
import {
  assembleExam,
  correctAnswer,
  examReducer,
  examReviews,
  isPaused,
  remainingMs,
  savedSession,
  scoreExam,
  startExam,
  timeLimitMs,
  timeUsedMs,
  toFileAnswer,
  toShownAnswer,
  type Answer,
  type ExamSession,
} from "../../src/study/index.js";
import { BLUEPRINT, T0, bank, matching, order, single } from "./factory.js";

const questions = bank(20);
const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));
const paper = (seed: string | number = 1, count?: number) =>
  assembleExam({ questions, blueprint: BLUEPRINT, pack: "test", seed, ...(count ? { count } : {}) });

/** The answer a screen would send for the right answer: file indices mapped to display positions. */
function rightShown(session: ExamSession, index: number): Answer {
  const item = session.paper.items[index]!;
  return toShownAnswer(item, correctAnswer(byId.get(item.questionId)!));
}

describe("assembling a mock exam", () => {
  it("draws 60 questions per the blueprint's weights, without repeats", () => {
    const p = paper();
    expect(p.items).toHaveLength(60);
    expect(p.minutes).toBe(90);
    expect(p.passPercent).toBe(70);
    expect(new Set(p.items.map((i) => i.questionId)).size).toBe(60);
    const per = (d: string) => p.items.filter((i) => i.domain === d).length;
    expect([per("fundamentals"), per("cluster-config"), per("security"), per("observability")]).toEqual([
      9, 13, 9, 6,
    ]);
  });

  it("is reproducible from its seed and changes with it", () => {
    expect(paper("a")).toEqual(paper("a"));
    expect(paper("a").items.map((i) => i.questionId)).not.toEqual(paper("b").items.map((i) => i.questionId));
    const reversed = assembleExam({
      questions: [...questions].reverse(),
      blueprint: BLUEPRINT,
      pack: "test",
      seed: "a",
    });
    expect(reversed).toEqual(paper("a"));
  });

  it("shuffles options and never shows a list already in order", () => {
    const p = paper(7);
    for (const item of p.items) {
      expect([...item.shown].sort((a, b) => a - b)).toEqual(item.shown.map((_, i) => i));
      if (item.type === "order") expect(item.shown).not.toEqual(item.shown.map((_, i) => i));
    }
    expect(p.items.some((i) => i.type === "single" && i.shown.some((v, k) => v !== k))).toBe(true);
  });

  it("reports what a small bank could not supply", () => {
    const small = assembleExam({ questions: bank(2), blueprint: BLUEPRINT, pack: "test", seed: 1 });
    expect(small.items).toHaveLength(14);
    expect(small.missing).toBe(46);
  });

  it("maps answers between display positions and file indices", () => {
    const item = { questionId: "x", domain: "d", type: "single" as const, shown: [2, 0, 3, 1], lefts: 0 };
    expect(toFileAnswer(item, { type: "single", choice: 0 })).toEqual({ type: "single", choice: 2 });
    const m = { questionId: "m", domain: "d", type: "matching" as const, shown: [3, 1, 0, 2], lefts: 3 };
    const file = toFileAnswer(m, { type: "matching", matches: [2, 1, null] });
    expect(file).toEqual({ type: "matching", matches: [0, 1, null] });
    expect(toShownAnswer(m, file)).toEqual({ type: "matching", matches: [2, 1, null] });
    const o = { questionId: "o", domain: "d", type: "order" as const, shown: [1, 2, 0], lefts: 0 };
    expect(toFileAnswer(o, { type: "order", order: [2, 0, 1] })).toEqual({ type: "order", order: [0, 1, 2] });
    expect(() => toFileAnswer(item, { type: "single", choice: 4 })).toThrow(RangeError);
  });
});

describe("the exam session", () => {
  it("answers can change until submit; flags toggle; moves stay in range", () => {
    let s = startExam(paper(3), T0);
    expect(remainingMs(s, T0 + 60_000)).toBe(90 * 60_000 - 60_000);
    s = examReducer(s, { type: "answer", now: T0 + 1, index: 0, answer: rightShown(s, 0) });
    const first = s.answers[0];
    expect(first).not.toBeNull();
    s = examReducer(s, { type: "clear", now: T0 + 2, index: 0 });
    expect(s.answers[0]).toBeNull();
    s = examReducer(s, { type: "answer", now: T0 + 3, index: 0, answer: rightShown(s, 0) });
    expect(s.answers[0]).toEqual(first);
    s = examReducer(s, { type: "flag", now: T0 + 4, index: 5 });
    expect(s.flags[5]).toBe(true);
    s = examReducer(s, { type: "flag", now: T0 + 5, index: 5 });
    expect(s.flags[5]).toBe(false);
    s = examReducer(s, { type: "prev", now: T0 + 6 });
    expect(s.current).toBe(0);
    s = examReducer(s, { type: "goto", now: T0 + 7, index: 59 });
    s = examReducer(s, { type: "next", now: T0 + 8 });
    expect(s.current).toBe(59);
    s = examReducer(s, { type: "submit", now: T0 + 9 });
    expect(s).toMatchObject({ status: "submitted", submittedAt: T0 + 9, timedOut: false });
    const after = examReducer(s, { type: "answer", now: T0 + 10, index: 1, answer: rightShown(s, 1) });
    expect(after).toBe(s);
  });

  it("submits itself at the time limit and ignores a late answer", () => {
    let s = startExam(paper(3), T0);
    s = examReducer(s, { type: "answer", now: T0 + 1000, index: 0, answer: rightShown(s, 0) });
    const end = T0 + timeLimitMs(s.paper)!;
    const late = examReducer(s, { type: "answer", now: end, index: 1, answer: rightShown(s, 1) });
    expect(late).toMatchObject({ status: "submitted", timedOut: true, submittedAt: end });
    expect(late.answers[1]).toBeNull();
    expect(examReducer(s, { type: "tick", now: end + 5 }).timedOut).toBe(true);
  });
});

describe("the exam's clock", () => {
  const MIN = 60_000;

  it("stops while paused: a paused exam hides nothing but resume and submit, and keeps its time", () => {
    let s = startExam(paper(3), T0);
    s = examReducer(s, { type: "pause", now: T0 + 10 * MIN });
    expect(isPaused(s)).toBe(true);
    expect(remainingMs(s, T0 + 500 * MIN)).toBe(80 * MIN);
    expect(examReducer(s, { type: "answer", now: T0 + 11 * MIN, index: 0, answer: rightShown(s, 0) })).toBe(
      s,
    );
    s = examReducer(s, { type: "resume", now: T0 + 600 * MIN });
    expect(remainingMs(s, T0 + 605 * MIN)).toBe(75 * MIN);
    // Time runs out 80 minutes of running clock after the resume, not at the wall-clock deadline.
    const done = examReducer(s, { type: "tick", now: T0 + 700 * MIN });
    expect(done).toMatchObject({ status: "submitted", timedOut: true, submittedAt: T0 + 680 * MIN });
    expect(timeUsedMs(done, T0 + 700 * MIN)).toBe(90 * MIN);
  });

  it("with strict time runs whatever happens, and cannot be paused", () => {
    let s = startExam(paper(3), T0, { strictTime: true });
    s = examReducer(s, { type: "pause", now: T0 + 10 * MIN });
    expect(isPaused(s)).toBe(false);
    const saved = { ...savedSession(s, T0 + 10 * MIN), runningSince: null };
    expect(remainingMs(saved, T0 + 60 * MIN)).toBe(30 * MIN);
    expect(examReducer(saved, { type: "tick", now: T0 + 91 * MIN })).toMatchObject({
      timedOut: true,
      submittedAt: T0 + 90 * MIN,
    });
  });

  it("saved and read back closed, resumes with the time it had left", () => {
    let s = startExam(paper(3), T0);
    s = examReducer(s, { type: "answer", now: T0 + 23 * MIN, index: 0, answer: rightShown(s, 0) });
    const saved = { ...savedSession(s, T0 + 25 * MIN), runningSince: null, lastCountedAt: undefined };
    expect(saved.usedMs).toBe(25 * MIN);
    // The program was closed for a day.
    const resumed = examReducer(saved, { type: "resume", now: T0 + 1440 * MIN });
    expect(remainingMs(resumed, T0 + 1441 * MIN)).toBe(64 * MIN);
  });

  it("counts the time spent on each question while it is shown", () => {
    let s = startExam(paper(3), T0);
    s = examReducer(s, { type: "next", now: T0 + 30_000 }); // 30 s on question 1
    s = examReducer(s, { type: "pause", now: T0 + 50_000 }); // 20 s on question 2
    s = examReducer(s, { type: "resume", now: T0 + 900_000 });
    s = examReducer(s, { type: "goto", now: T0 + 905_000, index: 0 }); // 5 s more on question 2
    s = examReducer(s, { type: "submit", now: T0 + 915_000 }); // 10 s more on question 1
    expect(s.itemMs.slice(0, 3)).toEqual([40_000, 25_000, 0]);
  });

  it("an untimed exam never times out", () => {
    const p = { ...paper(3), minutes: null };
    const s = startExam(p, T0);
    expect(remainingMs(s, T0 + 10_000 * MIN)).toBe(Infinity);
    expect(examReducer(s, { type: "tick", now: T0 + 10_000 * MIN }).status).toBe("running");
  });
});

describe("papers with options", () => {
  it("keeps to the domains asked for, sharing their weights, and to the questions given", () => {
    const p = assembleExam({
      questions,
      blueprint: BLUEPRINT,
      pack: "test",
      seed: 4,
      domains: ["security", "connect"],
      count: 10,
    });
    expect(new Set(p.items.map((i) => i.domain))).toEqual(new Set(["security", "connect"]));
    expect(p.items).toHaveLength(10);
    const only = new Set(questions.slice(0, 3).map((q) => q.id));
    const missed = assembleExam({ questions, blueprint: BLUEPRINT, pack: "test", seed: 4, only });
    expect(new Set(missed.items.map((i) => i.questionId))).toEqual(only);
    expect(missed.missing).toBe(57);
  });
});

describe("scoring a mock exam", () => {
  it("scores overall and per domain against the pass mark; blanks are wrong", () => {
    let s = startExam(paper(5), T0);
    // Answer the first 45 right, leave the rest blank: 45/60 = 75%.
    for (let i = 0; i < 45; i++)
      s = examReducer(s, { type: "answer", now: T0 + i, index: i, answer: rightShown(s, i) });
    s = examReducer(s, { type: "submit", now: T0 + 100 });
    const result = scoreExam(s, byId);
    expect(result).toMatchObject({ total: 60, correct: 45, percent: 75, passed: true, passPercent: 70 });
    expect(result.domains.reduce((n, d) => n + d.total, 0)).toBe(60);
    expect(result.domains.reduce((n, d) => n + d.correct, 0)).toBe(45);
    for (const d of result.domains) expect(d.percent).toBeCloseTo((100 * d.correct) / d.total, 10);
    expect(result.items.slice(45).every((i) => !i.answered && !i.correct)).toBe(true);
  });

  it("fails under the pass mark and keeps the partial result of a near miss", () => {
    const qs: Question[] = [
      single({ id: "t/s", domain: "security" }),
      order({ id: "t/o", domain: "security", items: 4 }),
    ];
    const bp = {
      exam: { questions: 2, minutes: 10, passPercent: 70 },
      domains: [{ id: "security", name: "S", weight: 100 }],
    };
    const p = assembleExam({ questions: qs, blueprint: bp, pack: "t", seed: 1 });
    let s = startExam(p, T0);
    const map = new Map(qs.map((q) => [q.id, q]));
    p.items.forEach((item, i) => {
      const q = map.get(item.questionId)!;
      const file: Answer = q.type === "order" ? { type: "order", order: [0, 2, 1, 3] } : correctAnswer(q);
      s = examReducer(s, { type: "answer", now: T0 + 1, index: i, answer: toShownAnswer(item, file) });
    });
    s = examReducer(s, { type: "submit", now: T0 + 2 });
    const result = scoreExam(s, map);
    expect(result).toMatchObject({ correct: 1, total: 2, percent: 50, passed: false });
    const orderItem = result.items.find((i) => i.questionId === "t/o")!;
    expect(orderItem.result).toEqual({ correct: false, right: 2, total: 4, wrongPicks: 0 });
  });

  it("feeds answered items to the scheduler: right is Good, wrong is Again, blanks are left out", () => {
    const qs: Question[] = [
      single({ id: "t/a", domain: "d" }),
      matching({ id: "t/b", domain: "d" }),
      single({ id: "t/c", domain: "d" }),
    ];
    const bp = {
      exam: { questions: 3, minutes: 10, passPercent: 70 },
      domains: [{ id: "d", name: "D", weight: 100 }],
    };
    const p = assembleExam({ questions: qs, blueprint: bp, pack: "t", seed: 2 });
    const map = new Map(qs.map((q) => [q.id, q]));
    let s = startExam(p, T0);
    p.items.forEach((item, i) => {
      if (item.questionId === "t/c") return;
      const q = map.get(item.questionId)!;
      const file: Answer = q.type === "single" ? correctAnswer(q) : { type: "matching", matches: [1, 0, 2] };
      s = examReducer(s, { type: "answer", now: T0 + 1, index: i, answer: toShownAnswer(item, file) });
    });
    s = examReducer(s, { type: "submit", now: T0 + 50 });
    const reviews = examReviews(s, scoreExam(s, map));
    expect(reviews.map((r) => [r.questionId, r.rating, r.at]).sort()).toEqual([
      ["t/a", 3, T0 + 50],
      ["t/b", 1, T0 + 50],
    ]);
  });
});
