import type { Migration } from "./types.js";

/** Review log, cards, mock exams and settings. Times are ms since the epoch; answers are JSON. */
export const migration: Migration = {
  version: 1,
  name: "initial",
  up(db) {
    db.exec(`
      CREATE TABLE exam (
        id           INTEGER PRIMARY KEY,
        uid          TEXT    NOT NULL UNIQUE,
        pack         TEXT    NOT NULL,
        seed         TEXT    NOT NULL,
        started_at   INTEGER NOT NULL,
        deadline     INTEGER NOT NULL,
        minutes      INTEGER NOT NULL,
        pass_percent REAL    NOT NULL,
        status       TEXT    NOT NULL CHECK (status IN ('running', 'submitted')),
        submitted_at INTEGER,
        timed_out    INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)),
        total        INTEGER,
        correct      INTEGER,
        percent      REAL,
        passed       INTEGER CHECK (passed IN (0, 1)),
        domains      TEXT
      );

      CREATE TABLE exam_item (
        exam_id     INTEGER NOT NULL REFERENCES exam(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        question_id TEXT    NOT NULL,
        domain      TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        shown       TEXT    NOT NULL,
        lefts       INTEGER NOT NULL,
        answer      TEXT,
        flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
        correct     INTEGER CHECK (correct IN (0, 1)),
        result      TEXT,
        PRIMARY KEY (exam_id, position)
      );

      -- Append-only: one row per answer. Only the rating of a row may change, when the learner
      -- overrides it; auto_rating keeps what the answer earned.
      CREATE TABLE review (
        id          INTEGER PRIMARY KEY,
        uid         TEXT    NOT NULL UNIQUE,
        question_id TEXT    NOT NULL,
        revision    TEXT,
        at          INTEGER NOT NULL,
        mode        TEXT    NOT NULL CHECK (mode IN ('study', 'practice', 'exam')),
        answer      TEXT    NOT NULL,
        correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        auto_rating INTEGER NOT NULL CHECK (auto_rating BETWEEN 1 AND 4),
        duration_ms INTEGER,
        exam_id     INTEGER REFERENCES exam(id)
      );
      CREATE INDEX review_by_question ON review (question_id, at, id);
      CREATE INDEX review_by_time ON review (at);

      -- The FSRS state per question, always what replaying its reviews gives.
      CREATE TABLE card (
        question_id    TEXT    PRIMARY KEY,
        due            INTEGER NOT NULL,
        stability      REAL    NOT NULL,
        difficulty     REAL    NOT NULL,
        elapsed_days   INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        learning_steps INTEGER NOT NULL,
        reps           INTEGER NOT NULL,
        lapses         INTEGER NOT NULL,
        state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
        last_review    INTEGER,
        first_review   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX card_by_due ON card (due);

      CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
