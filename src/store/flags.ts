import type { Database } from "better-sqlite3";

/** A question a learner marked as doubtful, with what they answered. */
export interface QuestionFlag {
  questionId: string;
  revision: string | null;
  at: number;
  note: string;
  /** The answer given in the review the flag was raised from, if any. */
  answer: unknown;
  reviewId: number | null;
}

/** The longest note kept; a flag is a pointer for the author, not an essay. */
export const MAX_FLAG_NOTE = 2000;

export function insertFlag(db: Database, flag: QuestionFlag): number {
  const note = flag.note.trim().slice(0, MAX_FLAG_NOTE);
  return Number(
    db
      .prepare(
        "INSERT INTO question_flag (question_id, revision, at, note, answer, review_id) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(
        flag.questionId,
        flag.revision,
        flag.at,
        note,
        flag.answer === undefined || flag.answer === null ? null : JSON.stringify(flag.answer),
        flag.reviewId,
      ).lastInsertRowid,
  );
}

interface Row {
  question_id: string;
  revision: string | null;
  at: number;
  note: string;
  answer: string | null;
  review_id: number | null;
}

/** Every flag, oldest first; with `pack`, only that pack's questions. */
export function listFlags(db: Database, pack?: string): QuestionFlag[] {
  const rows = (
    pack
      ? db
          .prepare("SELECT * FROM question_flag WHERE question_id LIKE ? ESCAPE '\\' ORDER BY at, id")
          .all(`${pack.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`)
      : db.prepare("SELECT * FROM question_flag ORDER BY at, id").all()
  ) as Row[];
  return rows.map((r) => ({
    questionId: r.question_id,
    revision: r.revision,
    at: r.at,
    note: r.note,
    answer: r.answer === null ? null : (JSON.parse(r.answer) as unknown),
    reviewId: r.review_id,
  }));
}
