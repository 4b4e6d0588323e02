import type { Database } from "better-sqlite3";

/** A graded drill as the store keeps it; `report` and `timeline` are whatever the grader produced. */
export interface LabAttemptRecord {
  uid: string;
  lab: string;
  startedAt: number;
  gradedAt: number;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  hintsUsed: number;
  report: unknown;
  timeline: unknown;
}

export interface StoredLabAttempt extends LabAttemptRecord {
  grades: number;
}

interface Row {
  uid: string;
  lab: string;
  started_at: number;
  graded_at: number;
  grades: number;
  score: number;
  max_score: number;
  percent: number;
  passed: number;
  hints_used: number;
  report: string;
  timeline: string;
}

/** Inserts the drill's grade or replaces the previous one, counting how often it was graded. */
export function saveLabAttempt(db: Database, a: LabAttemptRecord): void {
  db.prepare(
    `INSERT INTO lab_attempt (uid, lab, started_at, graded_at, score, max_score, percent, passed, hints_used, report, timeline)
     VALUES (@uid, @lab, @startedAt, @gradedAt, @score, @maxScore, @percent, @passed, @hintsUsed, @report, @timeline)
     ON CONFLICT (uid) DO UPDATE SET
       graded_at = excluded.graded_at, grades = grades + 1, score = excluded.score,
       max_score = excluded.max_score, percent = excluded.percent, passed = excluded.passed,
       hints_used = excluded.hints_used, report = excluded.report, timeline = excluded.timeline`,
  ).run({
    ...a,
    passed: a.passed ? 1 : 0,
    report: JSON.stringify(a.report),
    timeline: JSON.stringify(a.timeline),
  });
}

/** Graded drills, newest first, of one lab or all. */
export function labAttempts(db: Database, lab: string | undefined, limit: number): StoredLabAttempt[] {
  const rows = (
    lab === undefined
      ? db.prepare("SELECT * FROM lab_attempt ORDER BY graded_at DESC, id DESC LIMIT ?").all(limit)
      : db
          .prepare("SELECT * FROM lab_attempt WHERE lab = ? ORDER BY graded_at DESC, id DESC LIMIT ?")
          .all(lab, limit)
  ) as Row[];
  return rows.map(fromRow);
}

/** One graded drill by its id (`<attempt folder>#<drill>`), or null. */
export function labAttempt(db: Database, uid: string): StoredLabAttempt | null {
  const row = db.prepare("SELECT * FROM lab_attempt WHERE uid = ?").get(uid) as Row | undefined;
  return row ? fromRow(row) : null;
}

function fromRow(r: Row): StoredLabAttempt {
  return {
    uid: r.uid,
    lab: r.lab,
    startedAt: r.started_at,
    gradedAt: r.graded_at,
    grades: r.grades,
    score: r.score,
    maxScore: r.max_score,
    percent: r.percent,
    passed: r.passed === 1,
    hintsUsed: r.hints_used,
    report: JSON.parse(r.report) as unknown,
    timeline: JSON.parse(r.timeline) as unknown,
  };
}
