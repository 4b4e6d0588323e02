import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { localDateLabel } from "../../src/study/days.js";
import { runCli, tempHome } from "./run-cli.js";

const DAY = 86_400_000;
const inDays = (n: number) => localDateLabel(Date.now() + n * DAY);

describe("ccaak-train config set exam-date", () => {
  it("stores a date ahead and refuses one that is not a date or is in the past", () => {
    const home = tempHome();
    expect(runCli(["config", "set", "exam-date", inDays(30)], { home }).stdout.trim()).toBe(
      `exam-date = ${inDays(30)}`,
    );
    for (const [value, says] of [
      ["soon", "exam-date must be a date written YYYY-MM-DD"],
      ["2027-02-30", "exam-date must be a date written YYYY-MM-DD"],
      [inDays(-2), "exam-date must not be in the past"],
    ]) {
      const run = runCli(["config", "set", "exam-date", value!], { home });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(says);
    }
    expect(runCli(["config", "get", "exam-date"], { home }).stdout.trim()).toBe(inDays(30));
    const list = runCli(["config", "list"], { home }).stdout;
    expect(list).toContain("first-seen-days-before");
    expect(runCli(["config", "set", "exam-date", "null"], { home }).stdout.trim()).toBe("exam-date = null");
  });
});

describe("ccaak-train plan", () => {
  it("without an exam date says how to set one and exits 1", () => {
    const run = runCli(["plan"], { home: tempHome() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("config set exam-date YYYY-MM-DD");
  });

  it("prints the days to the exam with charts, and the same plan as JSON", () => {
    const home = tempHome();
    runCli(["config", "set", "exam-date", inDays(20)], { home });
    const text = runCli(["plan"], { home });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/new today to finish the bank by/);
    expect(text.stdout).toMatch(/Daily load +[ ▁▂▃▄▅▆▇█·]+/);
    expect(text.stdout).toMatch(/Predicted +[ ▁▂▃▄▅▆▇█·]+/);
    expect(text.stdout).toContain("final stretch");
    const json = JSON.parse(runCli(["plan", "--json"], { home }).stdout) as {
      examDate: string;
      days: { date: string; new: number; minutes: number; stretch: boolean }[];
      unseen: number;
      answerSeconds: number;
      today: { predicted: number };
      onExamDay: { predicted: number; domains: unknown[] };
    };
    expect(json.examDate).toBe(inDays(20));
    expect(json.days).toHaveLength(20);
    expect(json.days[0]!.date).toBe(inDays(0));
    expect(json.days.reduce((s, d) => s + d.new, 0)).toBe(json.unseen);
    expect(json.days.filter((d) => d.stretch)).toHaveLength(7);
    expect(json.answerSeconds).toBe(60);
    expect(json.onExamDay.predicted).toBeGreaterThan(json.today.predicted);
  });
});

describe("ccaak-train fsrs", () => {
  it("refuses to fit below the threshold, saying how many more reviews it needs", () => {
    const home = tempHome();
    const store = openStore(path.join(home, "progress.db"));
    for (let i = 0; i < 30; i++) {
      store.recordAnswer({
        questionId: `p/q${i}`,
        at: Date.now() - i * DAY,
        mode: "study",
        answer: { type: "single", choice: 0 },
        correct: true,
        rating: 3,
        durationMs: 9_000,
      });
    }
    store.close();
    const run = runCli(["fsrs", "optimize"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the log holds 30 reviews; fitting needs at least 400, so 370 more");
    expect(fs.existsSync(path.join(home, "progress.db"))).toBe(true);
  });

  it("reset returns to FSRS's default parameters", () => {
    const home = tempHome();
    const store = openStore(path.join(home, "progress.db"));
    const defaults = [...store.scheduler().parameters];
    const fitted = defaults.map((w, i) => (i < 4 ? w * 2 : w));
    store.setFsrsParameters({ parameters: fitted, fittedAt: 1, reviews: 500, logLoss: 0.3, rmse: 0.1 });
    store.close();
    const run = runCli(["fsrs", "reset", "--json"], { home });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ reset: true, parameters: defaults });
    const after = openStore(path.join(home, "progress.db"));
    expect(after.fsrsParameters()).toBeNull();
    after.close();
    expect(runCli(["fsrs", "reset"], { home }).stdout).toContain("already uses its default parameters");
    expect(runCli(["fsrs", "tune"], { home }).status).toBe(2);
  });
});
