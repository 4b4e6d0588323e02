import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/catalog/types.js";
import {
  assembleExam,
  correctAnswer,
  createScheduler,
  examReducer,
  scoreExam,
  seededRandom,
  startExam,
  toShownAnswer,
  type Rating,
} from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "../study/factory.js";
import { open, tempDir } from "./helpers.js";

const answer = { type: "single", choice: 0 } as const;
const record = (questionId: string, at: number, rating: Rating, extra: object = {}) => ({
  questionId,
  at,
  mode: "study" as const,
  answer,
  correct: rating > 1,
  rating,
  durationMs: 4_000,
  ...extra,
});

describe("recording answers", () => {
  it("appends the review and writes the card in the same transaction", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    const { reviewId, card } = store.recordAnswer(record("p/a", T0, 3, { revision: "r1" }));
    expect(reviewId).toBe(1);
    expect(store.card("p/a")).toEqual(card);
    expect(store.history("p/a")).toMatchObject([
      {
        questionId: "p/a",
        at: T0,
        mode: "study",
        answer,
        correct: true,
        rating: 3,
        autoRating: 3,
        durationMs: 4000,
        revision: "r1",
      },
    ]);
    expect(store.totalReviews()).toBe(1);
  });

  it("writes nothing when the review is refused", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    expect(() => store.recordAnswer(record("p/a", T0, 7 as Rating))).toThrow(/rating/);
    expect(store.totalReviews()).toBe(0);
    expect(store.card("p/a")).toBeNull();
  });

  it("the cards equal what replaying the review log gives", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    const random = seededRandom("rebuild");
    let at = T0;
    for (let i = 0; i < 400; i++) {
      at += random.int(2 * DAY);
      store.recordAnswer(record(`p/q${random.int(25)}`, at, (1 + random.int(4)) as Rating));
    }
    const incremental = store.cards();
    expect(incremental.size).toBe(25);
    // Wipe the cards and rebuild them from the log alone.
    const db = new Database(store.file);
    db.exec("DELETE FROM card");
    db.close();
    expect(store.cards().size).toBe(0);
    expect(store.rebuildCards()).toBe(25);
    expect(store.cards()).toEqual(incremental);
    // And the same by hand, with the pure scheduler.
    const scheduler = createScheduler(0.9);
    for (const [id, card] of incremental) {
      expect(scheduler.replay(store.history(id))).toEqual(card);
    }
  });

  it("a rating override replaces the derived one, keeps it, and rebuilds the card", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    store.recordAnswer(record("p/a", T0, 3));
    const { reviewId } = store.recordAnswer(record("p/a", T0 + 3 * DAY, 4));
    const card = store.overrideRating(reviewId, 2);
    expect(store.history("p/a")[1]).toMatchObject({ rating: 2, autoRating: 4 });
    const expected = createScheduler(0.9).replay([
      { at: T0, rating: 3 },
      { at: T0 + 3 * DAY, rating: 2 },
    ]);
    expect(card).toEqual(expected);
    expect(store.card("p/a")).toEqual(expected);
    expect(() => store.overrideRating(999, 3)).toThrow(/no review/);
  });

  it("a new version of a question keeps its card; a removed question keeps its history", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    store.recordAnswer(record("p/a", T0, 3, { revision: "v1" }));
    store.recordAnswer(record("p/a", T0 + DAY, 3, { revision: "v2" }));
    expect(store.card("p/a")?.reps).toBe(2);
    expect(store.history("p/a").map((r) => r.revision)).toEqual(["v1", "v2"]);
    // Nothing in the store depends on the catalog: a question gone from every pack is still there.
    store.rebuildCards();
    expect(store.card("p/a")?.reps).toBe(2);
    expect(store.exportProgress(T0).reviews.filter((r) => r.questionId === "p/a")).toHaveLength(2);
  });

  it("counts reviews per day, review days and new questions studied today", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    store.recordAnswer(record("p/a", T0 - 2 * DAY, 3));
    store.recordAnswer(record("p/a", T0, 3));
    store.recordAnswer(record("p/b", T0 + 1000, 3));
    store.recordAnswer(record("p/c", T0 + 2000, 3, { mode: "practice" }));
    const today = Math.floor(T0 / DAY);
    expect(store.reviewsPerDay(T0 - 30 * DAY, 0)).toEqual(
      new Map([
        [today - 2, 1],
        [today, 3],
      ]),
    );
    expect(store.streakDays(today, 0)).toEqual([today]);
    store.recordAnswer(record("p/d", T0 - DAY, 3));
    expect(store.streakDays(today, 0)).toEqual([today, today - 1, today - 2]);
    expect(store.streakDays(today + 1, 0)).toEqual([today, today - 1, today - 2]);
    expect(store.streakDays(today + 2, 0)).toEqual([]);
    // p/b is new today in study mode; p/a was seen before; p/c was practice.
    expect(store.newStudiedSince(today * DAY)).toBe(1);
  });
});

describe("settings", () => {
  it("has defaults, validates, and survives reopening", () => {
    const file = path.join(tempDir(), "progress.db");
    const store = open(file);
    expect(store.settings()).toMatchObject({
      desiredRetention: 0.9,
      newPerDay: 20,
      studyPack: "ccaak-core",
      passPercent: null,
    });
    expect(() => store.updateSettings({ desiredRetention: 1.5 })).toThrow(/desiredRetention/);
    expect(() => store.updateSettings({ newPerDay: 2.5 })).toThrow(/newPerDay/);
    store.updateSettings({ newPerDay: 5, passPercent: 75 });
    store.close();
    expect(open(file).settings()).toMatchObject({ newPerDay: 5, passPercent: 75 });
  });

  it("a new desired retention reschedules every card from the log", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    store.recordAnswer(record("p/a", T0, 4));
    const before = store.card("p/a")!;
    store.updateSettings({ desiredRetention: 0.8 });
    const after = store.card("p/a")!;
    expect(after.due).toBeGreaterThan(before.due);
    expect(after).toEqual(createScheduler(0.8).replay([{ at: T0, rating: 4 }]));
  });
});

describe("mock exams in the store", () => {
  it("stores the exam and its items, saves answers as they change, and feeds the results to the scheduler", () => {
    const questions: Question[] = bank(12);
    const byId = new Map(questions.map((q) => [q.id, q]));
    const store = open(path.join(tempDir(), "progress.db"));
    const paper = assembleExam({ questions, blueprint: BLUEPRINT, pack: "test", seed: 9 });
    let session = startExam(paper, T0);
    const id = store.startExam(session);
    for (let i = 0; i < 10; i++) {
      const item = paper.items[i]!;
      const right = toShownAnswer(item, correctAnswer(byId.get(item.questionId)!));
      session = examReducer(session, { type: "answer", now: T0 + i, index: i, answer: right });
    }
    session = examReducer(session, { type: "flag", now: T0 + 20, index: 3 });
    store.saveExam(id, session, T0 + 30);
    expect(store.exam(id)?.session.answers).toEqual(session.answers);
    expect(store.exam(id)?.session.flags[3]).toBe(true);

    session = examReducer(session, { type: "submit", now: T0 + 60_000 });
    const result = scoreExam(session, byId);
    store.finishExam(id, session, result, new Map(questions.map((q) => [q.id, q.revision])));
    const stored = store.exam(id)!;
    expect(stored.summary).toMatchObject({ total: 60, correct: 10, passed: false, submittedAt: T0 + 60_000 });
    expect(stored.domains).toEqual(result.domains);
    expect(store.recentExams()).toHaveLength(1);
    // Ten answered items became ten exam reviews and ten cards.
    expect(store.totalReviews()).toBe(10);
    const first = paper.items[0]!.questionId;
    expect(store.history(first)).toMatchObject([{ mode: "exam", examId: id, rating: 3, correct: true }]);
    expect(store.card(first)).not.toBeNull();
    expect(() => store.finishExam(id, session, result)).toThrow(/already submitted/);
    expect(store.totalReviews()).toBe(10);
  });
});
