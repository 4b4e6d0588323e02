import type { Migration } from "./types.js";

/**
 * Mock exams that survive a closed program: the time used so far (the clock stops while the program is
 * closed unless the exam keeps strict time), the question on screen, the time spent on each question,
 * and the learner's discarding of an exam they abandoned. Exams still running from before kept
 * wall-clock time, so they become strict-time exams.
 */
export const migration: Migration = {
  version: 4,
  name: "exam-sittings",
  up(db) {
    db.exec(`
      ALTER TABLE exam ADD COLUMN used_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE exam ADD COLUMN strict_time INTEGER NOT NULL DEFAULT 0 CHECK (strict_time IN (0, 1));
      ALTER TABLE exam ADD COLUMN current INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE exam ADD COLUMN saved_at INTEGER;
      ALTER TABLE exam ADD COLUMN discarded_at INTEGER;
      ALTER TABLE exam_item ADD COLUMN time_ms INTEGER NOT NULL DEFAULT 0;
      UPDATE exam SET strict_time = 1 WHERE status = 'running';
      UPDATE exam SET used_ms = max(0, coalesce(submitted_at, deadline) - started_at) WHERE status = 'submitted';
    `);
  },
};
