import type { Migration } from "./types.js";

/**
 * Graded lab drills. One row per drill (`uid` is the attempt folder and drill number); grading again
 * replaces the report and timeline and counts the grades. Report and timeline are JSON.
 */
export const migration: Migration = {
  version: 2,
  name: "labs",
  up(db) {
    db.exec(`
      CREATE TABLE lab_attempt (
        id          INTEGER PRIMARY KEY,
        uid         TEXT    NOT NULL UNIQUE,
        lab         TEXT    NOT NULL,
        started_at  INTEGER NOT NULL,
        graded_at   INTEGER NOT NULL,
        grades      INTEGER NOT NULL DEFAULT 1 CHECK (grades >= 1),
        score       INTEGER NOT NULL,
        max_score   INTEGER NOT NULL,
        percent     REAL    NOT NULL,
        passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
        hints_used  INTEGER NOT NULL DEFAULT 0,
        report      TEXT    NOT NULL,
        timeline    TEXT    NOT NULL
      );
      CREATE INDEX lab_attempt_by_lab ON lab_attempt (lab, graded_at);
    `);
  },
};
