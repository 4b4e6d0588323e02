import { randomUUID } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { Answer } from "../study/answers.js";
import {
  savedSession,
  timeLimitMs,
  type DomainScore,
  type ExamItem,
  type ExamPaper,
  type ExamResult,
  type ExamSession,
} from "../study/index.js";
import type { ExamSummary } from "../study/stats.js";
import type { QuestionType } from "../catalog/types.js";

export interface ExamRow {
  id: number;
  uid: string;
  pack: string;
  seed: string;
  started_at: number;
  deadline: number;
  minutes: number;
  pass_percent: number;
  status: "running" | "submitted";
  submitted_at: number | null;
  timed_out: number;
  total: number | null;
  correct: number | null;
  percent: number | null;
  passed: number | null;
  domains: string | null;
  used_ms: number;
  strict_time: number;
  current: number;
  saved_at: number | null;
  discarded_at: number | null;
}

export interface ExamItemRow {
  exam_id: number;
  position: number;
  question_id: string;
  domain: string;
  type: QuestionType;
  shown: string;
  lefts: number;
  answer: string | null;
  flagged: number;
  correct: number | null;
  result: string | null;
  time_ms: number;
}

export interface StoredExam {
  id: number;
  uid: string;
  session: ExamSession;
  /** Per-domain scores once submitted. */
  domains: DomainScore[] | null;
  summary: ExamSummary;
}

export function summaryFromRow(row: ExamRow): ExamSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
    total: row.total ?? 0,
    correct: row.correct ?? 0,
    percent: row.percent ?? 0,
    passed: row.passed === 1,
    timedOut: row.timed_out === 1,
  };
}

/** Inserts an exam and its items as they stand at `now`; returns the exam's id. */
export function insertExam(
  db: Database,
  session: ExamSession,
  now: number = session.startedAt,
  uid: string = randomUUID(),
): number {
  const saved = savedSession(session, now);
  const info = db
    .prepare(
      `INSERT INTO exam (uid, pack, seed, started_at, deadline, minutes, pass_percent, status, submitted_at, timed_out,
                         used_ms, strict_time, current, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      uid,
      saved.paper.pack,
      saved.paper.seed,
      saved.startedAt,
      // The nominal end, for readers of the file; the clock is used_ms.
      saved.startedAt + (timeLimitMs(saved.paper) ?? 0),
      saved.paper.minutes ?? 0,
      saved.paper.passPercent,
      saved.status,
      saved.submittedAt,
      saved.timedOut ? 1 : 0,
      saved.usedMs,
      saved.strictTime ? 1 : 0,
      saved.current,
      now,
    );
  const examId = Number(info.lastInsertRowid);
  const item = db.prepare(
    `INSERT INTO exam_item (exam_id, position, question_id, domain, type, shown, lefts, answer, flagged, time_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  saved.paper.items.forEach((it, position) => {
    const answer = saved.answers[position];
    item.run(
      examId,
      position,
      it.questionId,
      it.domain,
      it.type,
      JSON.stringify(it.shown),
      it.lefts,
      answer ? JSON.stringify(answer) : null,
      saved.flags[position] ? 1 : 0,
      Math.round(saved.itemMs[position] ?? 0),
    );
  });
  return examId;
}

/**
 * Saves a running exam as it stands at `now`: answers, flags, the question on screen, time used and
 * time per question, so that a crash or a closed terminal loses nothing.
 */
export function updateExamItems(db: Database, examId: number, session: ExamSession, now: number): void {
  const saved = savedSession(session, now);
  db.prepare("UPDATE exam SET used_ms = ?, current = ?, saved_at = ? WHERE id = ?").run(
    saved.usedMs,
    saved.current,
    now,
    examId,
  );
  const update = db.prepare(
    "UPDATE exam_item SET answer = ?, flagged = ?, time_ms = ? WHERE exam_id = ? AND position = ?",
  );
  saved.answers.forEach((answer, position) => {
    update.run(
      answer ? JSON.stringify(answer) : null,
      saved.flags[position] ? 1 : 0,
      Math.round(saved.itemMs[position] ?? 0),
      examId,
      position,
    );
  });
}

/** Marks the exam submitted with its scores (call inside the transaction that records its reviews). */
export function writeExamResult(
  db: Database,
  examId: number,
  session: ExamSession,
  result: ExamResult,
  now: number = session.submittedAt ?? session.startedAt,
): void {
  const changed = db
    .prepare(
      `UPDATE exam SET status = 'submitted', submitted_at = ?, timed_out = ?, total = ?, correct = ?,
              percent = ?, passed = ?, pass_percent = ?, domains = ?
       WHERE id = ? AND status = 'running'`,
    )
    .run(
      session.submittedAt ?? now,
      session.timedOut ? 1 : 0,
      result.total,
      result.correct,
      result.percent,
      result.passed ? 1 : 0,
      result.passPercent,
      JSON.stringify(result.domains),
      examId,
    ).changes;
  if (changed !== 1) throw new RangeError(`exam ${examId} does not exist or was already submitted`);
  updateExamItems(db, examId, session, session.submittedAt ?? now);
  const item = db.prepare("UPDATE exam_item SET correct = ?, result = ? WHERE exam_id = ? AND position = ?");
  result.items.forEach((it, position) => {
    item.run(it.correct ? 1 : 0, it.result ? JSON.stringify(it.result) : null, examId, position);
  });
}

/** How an exam item was drawn and shown, from its row. */
export function examItemFromRow(row: ExamItemRow): ExamItem {
  return {
    questionId: row.question_id,
    domain: row.domain,
    type: row.type,
    shown: JSON.parse(row.shown) as number[],
    lefts: row.lefts,
  };
}

export function readExam(db: Database, examId: number): StoredExam | null {
  const row = db.prepare("SELECT * FROM exam WHERE id = ?").get(examId) as ExamRow | undefined;
  if (!row) return null;
  const items = db
    .prepare("SELECT * FROM exam_item WHERE exam_id = ? ORDER BY position")
    .all(examId) as ExamItemRow[];
  const paper: ExamPaper = {
    seed: row.seed,
    pack: row.pack,
    minutes: row.minutes > 0 ? row.minutes : null,
    passPercent: row.pass_percent,
    missing: 0,
    items: items.map(examItemFromRow),
  };
  return {
    id: row.id,
    uid: row.uid,
    session: {
      paper,
      startedAt: row.started_at,
      strictTime: row.strict_time === 1,
      usedMs: row.used_ms,
      // Read back closed: the clock runs again when the learner resumes it.
      runningSince: null,
      itemMs: items.map((i) => i.time_ms),
      current: Math.min(row.current, Math.max(0, items.length - 1)),
      answers: items.map((i) => (i.answer ? (JSON.parse(i.answer) as Answer) : null)),
      flags: items.map((i) => i.flagged === 1),
      status: row.status,
      submittedAt: row.submitted_at,
      timedOut: row.timed_out === 1,
    },
    domains: row.domains ? (JSON.parse(row.domains) as DomainScore[]) : null,
    summary: summaryFromRow(row),
  };
}

export function recentExamRows(db: Database, limit: number): ExamRow[] {
  return db
    .prepare(
      "SELECT * FROM exam WHERE status = 'submitted' AND discarded_at IS NULL ORDER BY submitted_at DESC, id DESC LIMIT ?",
    )
    .all(limit) as ExamRow[];
}

/** The exam left running (closed without submitting), newest first; null when there is none. */
export function runningExamId(db: Database): number | null {
  return (
    (db
      .prepare(
        "SELECT id FROM exam WHERE status = 'running' AND discarded_at IS NULL ORDER BY started_at DESC, id DESC",
      )
      .pluck()
      .get() as number | undefined) ?? null
  );
}

/** Marks an abandoned exam discarded: it is kept in the file but never offered or scored. */
export function discardExam(db: Database, examId: number, now: number): void {
  const changed = db
    .prepare("UPDATE exam SET discarded_at = ? WHERE id = ? AND status = 'running' AND discarded_at IS NULL")
    .run(now, examId).changes;
  if (changed !== 1) throw new RangeError(`exam ${examId} is not a running exam`);
}
