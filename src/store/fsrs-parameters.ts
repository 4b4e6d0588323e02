import type { Database } from "better-sqlite3";
import type { LoggedReview } from "../study/fsrs-fit.js";
import type { Rating } from "../study/rating.js";

/** FSRS parameters fitted to the learner, with the fit they were chosen on. */
export interface StoredFsrsParameters {
  parameters: number[];
  fittedAt: number;
  reviews: number;
  logLoss: number;
  rmse: number;
}

interface ParametersRow {
  parameters: string;
  fitted_at: number;
  reviews: number;
  log_loss: number;
  rmse: number;
}

/** The stored parameters, or null for FSRS's defaults (also when the row cannot be read as 21 numbers). */
export function readFsrsParameters(db: Database): StoredFsrsParameters | null {
  // A database opened with an older list of migrations (tests of migrations) has no such table.
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'fsrs_parameters'").get();
  if (!exists) return null;
  const row = db.prepare("SELECT * FROM fsrs_parameters WHERE id = 1").get() as ParametersRow | undefined;
  if (!row) return null;
  let parameters: unknown;
  try {
    parameters = JSON.parse(row.parameters);
  } catch {
    return null;
  }
  const valid =
    Array.isArray(parameters) &&
    parameters.length === 21 &&
    parameters.every((p) => typeof p === "number" && Number.isFinite(p));
  if (!valid) return null;
  return {
    parameters: parameters as number[],
    fittedAt: row.fitted_at,
    reviews: row.reviews,
    logLoss: row.log_loss,
    rmse: row.rmse,
  };
}

/** Replaces the stored parameters; null deletes them (back to the defaults). Call inside a transaction. */
export function writeFsrsParameters(db: Database, stored: StoredFsrsParameters | null): void {
  db.prepare("DELETE FROM fsrs_parameters").run();
  if (stored === null) return;
  db.prepare(
    `INSERT INTO fsrs_parameters (id, parameters, fitted_at, reviews, log_loss, rmse)
     VALUES (1, ?, ?, ?, ?, ?)`,
  ).run(JSON.stringify(stored.parameters), stored.fittedAt, stored.reviews, stored.logLoss, stored.rmse);
}

/** The whole review log as the optimizer reads it: question by question, each in time order. */
export function reviewLog(db: Database): LoggedReview[] {
  const rows = db
    .prepare("SELECT question_id, at, rating FROM review ORDER BY question_id, at, id")
    .raw()
    .all() as [string, number, number][];
  return rows.map(([questionId, at, rating]) => ({ questionId, at, rating: rating as Rating }));
}

/**
 * The learner's mean time per answer in ms, from the answers that were timed and took between a second
 * and ten minutes (longer ones are breaks, not answers); null when there are none.
 */
export function averageAnswerMs(db: Database): number | null {
  const mean = db
    .prepare("SELECT avg(duration_ms) FROM review WHERE duration_ms BETWEEN 1000 AND 600000")
    .pluck()
    .get() as number | null;
  return mean ?? null;
}
