import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkMigrations, MIGRATIONS, StoreTooNewError, type Migration } from "../../src/store/index.js";
import { open, tempDir } from "./helpers.js";

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe("migration 001-initial", () => {
  it("creates the review log, cards, exams and settings at user_version 1", () => {
    const file = path.join(tempDir(), "progress.db");
    open(file).close();
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

describe("migration runner", () => {
  const v2: Migration = {
    version: 2,
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
    expect(migrated.migration).toEqual({ from: 1, to: 2, backup: `${file}.bak-v1` });
    expect(migrated.history("p/q")).toHaveLength(1);
    migrated.close();

    const backup = new Database(`${file}.bak-v1`, { readonly: true });
    expect(backup.pragma("user_version", { simple: true })).toBe(1);
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
      { version: 3, name: "broken", up: (db) => db.exec("ALTER TABLE nowhere ADD COLUMN x TEXT") },
    ];
    expect(() => open(file, { migrations: broken })).toThrow(/nowhere/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(columns(db, "review")).not.toContain("note");
    db.close();
  });

  it("refuses a database newer than the code and leaves it untouched", () => {
    const file = path.join(tempDir(), "progress.db");
    open(file).close();
    const db = new Database(file);
    db.pragma("user_version = 7");
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
    expect((error as Error).message).toMatch(/schema version 7.*versions up to 1.*newer ccaak-train/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
