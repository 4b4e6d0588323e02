import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkMigrations, MIGRATIONS, StoreTooNewError, type Migration } from "../../src/store/index.js";
import { open, tempDir } from "./helpers.js";

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe("migration 001-initial", () => {
  it("creates the review log, cards, exams and settings", () => {
    const file = path.join(tempDir(), "progress.db");
    open(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(columns(db, "review")).toEqual([
      "id",
      "uid",
      "question_id",
      "revision",
      "at",
      "mode",
      "answer",
      "correct",
      "rating",
      "auto_rating",
      "duration_ms",
      "exam_id",
    ]);
    expect(columns(db, "card")).toContain("stability");
    expect(columns(db, "exam_item")).toEqual(expect.arrayContaining(["answer", "flagged", "shown"]));
    expect(columns(db, "setting")).toEqual(["key", "value"]);
    db.close();
  });
});

describe("migration 002-labs", () => {
  it("adds graded lab drills to a version 1 database, keeping its reviews", () => {
    const file = path.join(tempDir(), "progress.db");
    const old = open(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.recordAnswer({
      questionId: "p/q",
      at: 1_000,
      mode: "study",
      answer: { type: "single", choice: 0 },
      correct: true,
      rating: 3,
      durationMs: 5,
    });
    old.close();
    const store = open(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(store.migration).toEqual({ from: 1, to: 2, backup: `${file}.bak-v1` });
    expect(store.history("p/q")).toHaveLength(1);
    const attempt = {
      uid: "stamp-planned-failover#1",
      lab: "planned-failover",
      startedAt: 1_000,
      gradedAt: 2_000,
      score: 40,
      maxScore: 100,
      percent: 40,
      passed: false,
      hintsUsed: 1,
      report: { left: ["DNS points to region B"] },
      timeline: [{ at: "t", event: "hint" }],
    };
    store.saveLabAttempt(attempt);
    store.saveLabAttempt({ ...attempt, gradedAt: 3_000, score: 100, percent: 100, passed: true });
    expect(store.labAttempts()).toEqual([
      { ...attempt, gradedAt: 3_000, score: 100, percent: 100, passed: true, grades: 2 },
    ]);
    expect(store.labAttempts({ lab: "durability" })).toEqual([]);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(columns(db, "lab_attempt")).toEqual(
      expect.arrayContaining(["uid", "report", "timeline", "grades"]),
    );
    db.close();
  });
});

describe("migration 003-question-flags", () => {
  it("adds question flags to a version 2 database, keeping its reviews", () => {
    const file = path.join(tempDir(), "progress.db");
    const old = open(file, { migrations: MIGRATIONS.slice(0, 2) });
    const { reviewId } = old.recordAnswer({
      questionId: "p/q",
      at: 1_000,
      mode: "study",
      answer: { type: "single", choice: 2 },
      correct: false,
      rating: 1,
      durationMs: 5,
    });
    old.close();
    const store = open(file, { migrations: MIGRATIONS.slice(0, 3) });
    expect(store.migration).toEqual({ from: 2, to: 3, backup: `${file}.bak-v2` });
    expect(store.history("p/q")).toHaveLength(1);
    store.flagQuestion({
      questionId: "p/q",
      revision: "abc",
      at: 2_000,
      note: "  option 3 is right too in 4.1  ",
      answer: { type: "single", choice: 2 },
      reviewId,
    });
    store.flagQuestion({
      questionId: "other/x",
      revision: null,
      at: 3_000,
      note: "",
      answer: null,
      reviewId: null,
    });
    expect(store.flags("p")).toEqual([
      {
        questionId: "p/q",
        revision: "abc",
        at: 2_000,
        note: "option 3 is right too in 4.1",
        answer: { type: "single", choice: 2 },
        reviewId,
      },
    ]);
    expect(store.flags().map((f) => f.questionId)).toEqual(["p/q", "other/x"]);
    // A pack id is matched whole, never as a LIKE pattern.
    expect(store.flags("_")).toEqual([]);
  });
});

describe("migration 005-fsrs-parameters", () => {
  it("adds a place for fitted FSRS parameters to a version 4 database, keeping its reviews and cards", () => {
    const file = path.join(tempDir(), "progress.db");
    const old = open(file, { migrations: MIGRATIONS.slice(0, 4) });
    old.recordAnswer({
      questionId: "p/q",
      at: 1_000,
      mode: "study",
      answer: { type: "single", choice: 0 },
      correct: true,
      rating: 3,
      durationMs: 5,
    });
    const card = old.card("p/q");
    old.close();
    const store = open(file, { migrations: MIGRATIONS.slice(0, 5) });
    expect(store.migration).toEqual({ from: 4, to: 5, backup: `${file}.bak-v4` });
    expect(store.history("p/q")).toHaveLength(1);
    expect(store.card("p/q")).toEqual(card);
    expect(store.fsrsParameters()).toBeNull();
    const parameters = store.scheduler().parameters.map((w) => w * 1.01);
    store.setFsrsParameters({ parameters, fittedAt: 2_000, reviews: 1, logLoss: 0.2, rmse: 0.1 });
    expect(store.fsrsParameters()?.parameters).toEqual(parameters);
  });
});

describe("migration runner", () => {
  const latest = MIGRATIONS.at(-1)!.version;
  const v2: Migration = {
    version: latest + 1,
    name: "add-note",
    up: (db) => db.exec("ALTER TABLE review ADD COLUMN note TEXT"),
  };

  it("checks that versions strictly increase", () => {
    expect(() => checkMigrations(MIGRATIONS)).not.toThrow();
    expect(() => checkMigrations([...MIGRATIONS, { ...v2, version: 1 }])).toThrow(/out of order/);
    expect(() => checkMigrations([{ ...v2, version: 0 }])).toThrow(/out of order/);
  });

  it("copies the database before migrating it, then applies the new version", () => {
    const file = path.join(tempDir(), "progress.db");
    const store = open(file);
    store.recordAnswer({
      questionId: "p/q",
      at: 1_000,
      mode: "study",
      answer: { type: "single", choice: 0 },
      correct: true,
      rating: 3,
      durationMs: 5,
    });
    store.close();

    const migrated = open(file, { migrations: [...MIGRATIONS, v2] });
    expect(migrated.migration).toEqual({ from: latest, to: latest + 1, backup: `${file}.bak-v${latest}` });
    expect(migrated.history("p/q")).toHaveLength(1);
    migrated.close();

    const backup = new Database(`${file}.bak-v${latest}`, { readonly: true });
    expect(backup.pragma("user_version", { simple: true })).toBe(latest);
    expect(backup.prepare("SELECT count(*) FROM review").pluck().get()).toBe(1);
    expect(columns(backup, "review")).not.toContain("note");
    backup.close();
    const db = new Database(file, { readonly: true });
    expect(columns(db, "review")).toContain("note");
    db.close();
  });

  it("applies pending migrations in one transaction: a failure leaves the old version intact", () => {
    const file = path.join(tempDir(), "progress.db");
    open(file).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      v2,
      { version: latest + 2, name: "broken", up: (db) => db.exec("ALTER TABLE nowhere ADD COLUMN x TEXT") },
    ];
    expect(() => open(file, { migrations: broken })).toThrow(/nowhere/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(latest);
    expect(columns(db, "review")).not.toContain("note");
    db.close();
  });

  it("refuses a database newer than the code and leaves it untouched", () => {
    const file = path.join(tempDir(), "progress.db");
    open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${latest + 5}`);
    db.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      open(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreTooNewError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(
      new RegExp(`schema version ${latest + 5}.*versions up to ${latest}.*newer ccaak-train`),
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
