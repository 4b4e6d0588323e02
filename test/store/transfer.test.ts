import path from "node:path";
import { describe, expect, it } from "vitest";
import { CSV_HEADER, ImportError } from "../../src/store/index.js";
import { assembleExam, examReducer, scoreExam, startExam, type Rating } from "../../src/study/index.js";
import { BLUEPRINT, DAY, T0, bank } from "../study/factory.js";
import { open, tempDir } from "./helpers.js";

function filled() {
  const store = open(path.join(tempDir(), "progress.db"));
  store.updateSettings({ newPerDay: 7 });
  const ratings: Rating[] = [1, 3, 3, 4, 2, 3];
  ratings.forEach((rating, i) =>
    store.recordAnswer({
      questionId: `p/q${i % 2}`,
      at: T0 + i * DAY,
      mode: "study",
      answer: { type: "single", choice: rating > 1 ? 0 : 1 },
      correct: rating > 1,
      rating,
      durationMs: 1000 + i,
    }),
  );
  const questions = bank(3);
  let session = startExam(
    assembleExam({ questions, blueprint: BLUEPRINT, pack: "test", seed: 1 }),
    T0 + 10 * DAY,
  );
  const id = store.startExam(session);
  session = examReducer(session, {
    type: "answer",
    now: T0 + 10 * DAY,
    index: 0,
    answer: { type: session.paper.items[0]!.type, ...answerFor(session.paper.items[0]!.type) } as never,
  });
  session = examReducer(session, { type: "submit", now: T0 + 10 * DAY + 1000 });
  store.finishExam(id, session, scoreExam(session, new Map(questions.map((q) => [q.id, q]))));
  return store;
}

function answerFor(type: string): object {
  switch (type) {
    case "single":
      return { choice: 0 };
    case "multiple":
      return { choices: [0] };
    case "matching":
      return { matches: [0, 1, 2] };
    default:
      return { order: [0, 1, 2, 3] };
  }
}

describe("export and import", () => {
  it("moves the whole progress to another database, and a second import changes nothing", () => {
    const source = filled();
    const data = JSON.parse(JSON.stringify(source.exportProgress(T0)));
    expect(data).toMatchObject({ format: "ccaak-train-progress", version: 1, settings: { newPerDay: 7 } });
    expect(data.reviews).toHaveLength(7);
    expect(data.exams).toHaveLength(1);

    const target = open(path.join(tempDir(), "progress.db"));
    const first = target.importProgress(data);
    expect(first).toMatchObject({
      reviewsAdded: 7,
      reviewsAlreadyThere: 0,
      examsAdded: 1,
      settingsApplied: ["newPerDay"],
    });
    expect(target.cards()).toEqual(source.cards());
    expect(target.settings().newPerDay).toBe(7);
    expect(target.recentExams()).toEqual(source.recentExams());

    const second = target.importProgress(data);
    expect(second).toMatchObject({ reviewsAdded: 0, reviewsAlreadyThere: 7, examsAdded: 0 });
    expect(target.totalReviews()).toBe(7);
    expect(target.exportProgress(T0).reviews).toEqual(data.reviews);
  });

  it("merges two machines' logs and rebuilds the cards in time order", () => {
    const a = open(path.join(tempDir(), "a.db"));
    const b = open(path.join(tempDir(), "b.db"));
    const rec = (at: number, rating: Rating) => ({
      questionId: "p/x",
      at,
      mode: "study" as const,
      answer: { type: "single" as const, choice: 0 },
      correct: true,
      rating,
      durationMs: 1,
    });
    a.recordAnswer(rec(T0, 3));
    a.recordAnswer(rec(T0 + 4 * DAY, 3));
    b.recordAnswer(rec(T0 + 2 * DAY, 1));
    b.importProgress(a.exportProgress(T0));
    expect(b.history("p/x").map((r) => r.at)).toEqual([T0, T0 + 2 * DAY, T0 + 4 * DAY]);
    expect(b.card("p/x")).toEqual(b.scheduler().replay(b.history("p/x")));
  });

  it("refuses a file that is not a progress export, naming the bad field, and writes nothing", () => {
    const store = open(path.join(tempDir(), "progress.db"));
    expect(() => store.importProgress({ hello: 1 })).toThrow(ImportError);
    const data = filled().exportProgress(T0);
    const bad = { ...data, reviews: [{ ...data.reviews[0], rating: 9 }] };
    expect(() => store.importProgress(bad)).toThrow(/reviews\.0\.rating/);
    expect(store.totalReviews()).toBe(0);
  });

  it("writes the review log as the FSRS optimizer's CSV", () => {
    const store = filled();
    const lines = [...store.reviewLogCsv()];
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(8);
    const q0 = lines.slice(1).filter((l) => l.startsWith("p/q0,"));
    // p/q0 was rated 1, 3, 2; review_state is the card's state just before each review.
    const s = store.scheduler();
    const after1 = s.next(null, 1, T0);
    const after2 = s.next(after1, 3, T0 + 2 * DAY);
    expect(q0).toEqual([
      `p/q0,${T0},1,0,1000`,
      `p/q0,${T0 + 2 * DAY},3,${after1.state},1002`,
      `p/q0,${T0 + 4 * DAY},2,${after2.state},1004`,
    ]);
    const examRow = lines.slice(1).find((l) => !l.startsWith("p/"));
    expect(examRow).toMatch(/^test\/[^,]+,\d+,[13],0,0$/);
  });
});
