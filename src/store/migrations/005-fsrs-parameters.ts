import type { Migration } from "./types.js";

/**
 * FSRS parameters fitted to the learner's own review log (`fsrs optimize`): at most one row; no row
 * means FSRS's defaults. The fit is kept beside them to show what they were chosen on.
 */
export const migration: Migration = {
  version: 5,
  name: "fsrs-parameters",
  up(db) {
    db.exec(`
      CREATE TABLE fsrs_parameters (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        parameters TEXT NOT NULL,
        fitted_at INTEGER NOT NULL,
        reviews INTEGER NOT NULL,
        log_loss REAL NOT NULL,
        rmse REAL NOT NULL
      );
    `);
  },
};
