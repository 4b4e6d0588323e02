import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, progressDbPath } from "../../src/store/index.js";
import { cli, installTestPack, tempHome } from "./helpers.js";

const DAY = 86_400_000;

describe("ccaak-train stats", () => {
  it("works on a fresh machine with an empty database", () => {
    const home = tempHome();
    const json = cli(home, "stats", "--json");
    expect(json.err).toBe("");
    expect(json.code).toBe(0);
    const data = JSON.parse(json.out);
    expect(data).toMatchObject({
      database: progressDbPath(home),
      dueNow: 0,
      dueToday: 0,
      newLeftToday: 20,
      streakDays: 0,
      totalReviews: 0,
      exams: [],
    });
    expect(data.reviewsPerDay).toHaveLength(30);
    expect(data.predictedScore).toBeCloseTo(0.25, 5);

    const text = cli(home, "stats");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Due now 0 {3}due today 0 {3}new left today 20 {3}streak 0 days/);
    expect(text.out).toMatch(/Mock exams: none yet\./);
  });

  it("reports due counts, new left, streak, reviews per day and readiness for the study pack", () => {
    const home = tempHome();
    const ids = installTestPack(home);
    const now = Date.now();
    const store = openStore(progressDbPath(home));
    store.updateSettings({ studyPack: "t", newPerDay: 5 });
    const answer = (questionId: string, at: number, rating: 1 | 3) =>
      store.recordAnswer({
        questionId,
        at,
        mode: "study",
        answer: { type: "single", choice: 0 },
        correct: rating === 3,
        rating,
        durationMs: 20_000,
      });
    answer(ids[0]!, now - 30 * DAY, 3); // due long ago
    answer(ids[1]!, now - DAY, 3); // yesterday
    answer(ids[2]!, now - 1000, 3); // new today
    answer("gone/question", now - 30 * DAY, 3); // no longer in any pack
    store.close();

    const run = cli(home, "stats", "--json");
    expect(run.code).toBe(0);
    const data = JSON.parse(run.out);
    expect(data).toMatchObject({
      pack: "t",
      passPercent: 75,
      totalReviews: 4,
      seen: 3,
      questions: expect.any(Number),
    });
    expect(data.dueNow).toBeGreaterThanOrEqual(1);
    expect(data.newLeftToday).toBe(4);
    expect(data.streakDays).toBe(2);
    expect(data.reviewsPerDay.at(-1).count).toBe(1);
    expect(data.reviewsPerDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(2);
    expect(data.domains.map((d: { id: string }) => d.id)).toEqual(["alpha", "beta"]);
    const alpha = data.domains[0];
    expect(alpha).toMatchObject({ questions: 2, seen: 2 });
    expect(alpha.expected).toBeGreaterThan(0.25);

    const text = cli(home, "stats");
    expect(text.out).toMatch(/Readiness \(t blueprint\): predicted exam score \d+%, pass mark 75%/);
    expect(text.out).toMatch(/Alpha +60% +2\/2/);
  });

  it("fails clearly on a damaged database and leaves it alone", () => {
    const home = tempHome();
    const file = progressDbPath(home);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "not a database".repeat(100));
    const run = cli(home, "stats", "--json");
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toContain(file);
    expect(run.err).toMatch(/left untouched/);
    expect(fs.readFileSync(file, "utf8")).toBe("not a database".repeat(100));
  });

  it("rejects unknown options with exit code 2", () => {
    const run = cli(tempHome(), "stats", "--bogus");
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/Usage: ccaak-train stats/);
  });
});
