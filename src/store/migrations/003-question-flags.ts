import type { Migration } from "./types.js";

/**
 * Questions a learner flagged as doubtful, for the pack's author: the question and its revision at the
 * time, an optional note, and the answer the learner gave (JSON) when the flag came from a review.
 */
export const migration: Migration = {
  version: 3,
  name: "question-flags",
  up(db) {
    db.exec(`
      CREATE TABLE question_flag (
        id          INTEGER PRIMARY KEY,
        question_id TEXT    NOT NULL,
        revision    TEXT,
        at          INTEGER NOT NULL,
        note        TEXT    NOT NULL DEFAULT '',
        answer      TEXT,
        review_id   INTEGER REFERENCES review(id)
      );
      CREATE INDEX question_flag_by_question ON question_flag (question_id, at);
    `);
  },
};
