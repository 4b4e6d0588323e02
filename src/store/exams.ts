import { randomUUID } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { Answer } from "../study/answers.js";
import type { DomainScore, ExamItem, ExamPaper, ExamResult, ExamSession } from "../study/exam.js";
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

/** Inserts an exam and its items as they stand; returns the exam's id. */
export function insertExam(db: Database, session: ExamSession, uid: string = randomUUID()): number {
  const info = db
    .prepare(
      `INSERT INTO exam (uid, pack, seed, started_at, deadline, minutes, pass_percent, status, submitted_at, timed_out)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      uid,
      session.paper.pack,
      session.paper.seed,
      session.startedAt,
      session.deadline,
      session.paper.minutes,
      session.paper.passPercent,
      session.status,
      session.submittedAt,
      session.timedOut ? 1 : 0,
    );
  const examId = Number(info.lastInsertRowid);
  const item = db.prepare(
    `INSERT INTO exam_item (exam_id, position, question_id, domain, type, shown, lefts, answer, flagged)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  session.paper.items.forEach((it, position) => {
    const answer = session.answers[position];
    item.run(
      examId,
      position,
      it.questionId,
      it.domain,
      it.type,
      JSON.stringify(it.shown),
      it.lefts,
      answer ? JSON.stringify(answer) : null,
      session.flags[position] ? 1 : 0,
    );
  });
  return examId;
}

/** Saves the answers and flags of a running exam, so a crash mid-exam loses nothing. */
export function updateExamItems(db: Database, examId: number, session: ExamSession): void {
  const update = db.prepare(
    "UPDATE exam_item SET answer = ?, flagged = ? WHERE exam_id = ? AND position = ?",
  );
  session.answers.forEach((answer, position) => {
    update.run(answer ? JSON.stringify(answer) : null, session.flags[position] ? 1 : 0, examId, position);
  });
}

/** Marks the exam submitted with its scores (call inside the transaction that records its reviews). */
export function writeExamResult(
  db: Database,
  examId: number,
  session: ExamSession,
  result: ExamResult,
): void {
  const changed = db
    .prepare(
      `UPDATE exam SET status = 'submitted', submitted_at = ?, timed_out = ?, total = ?, correct = ?,
              percent = ?, passed = ?, pass_percent = ?, domains = ?
       WHERE id = ? AND status = 'running'`,
    )
    .run(
      session.submittedAt ?? session.deadline,
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
  updateExamItems(db, examId, session);
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
    minutes: row.minutes,
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
      deadline: row.deadline,
      current: 0,
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
    .prepare("SELECT * FROM exam WHERE status = 'submitted' ORDER BY submitted_at DESC, id DESC LIMIT ?")
    .all(limit) as ExamRow[];
}
