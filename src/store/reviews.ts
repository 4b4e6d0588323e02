import { randomUUID } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";
import type { Answer } from "../study/answers.js";
import { isRating, type Rating } from "../study/rating.js";
import type { CardState, Scheduler } from "../study/scheduler.js";
import { UPSERT_CARD, cardFromRow, cardParams, type CardRow } from "./rows.js";

export type StudyMode = "study" | "practice" | "exam";
export const STUDY_MODES: readonly StudyMode[] = ["study", "practice", "exam"];

/** One answer to record. `rating` is final; `autoRating` is what the answer earned (default: rating). */
export interface AnswerRecord {
  questionId: string;
  /** The question's content hash when it was answered. */
  revision?: string | null;
  at: number;
  mode: StudyMode;
  answer: Answer;
  correct: boolean;
  rating: Rating;
  autoRating?: Rating;
  durationMs: number | null;
  examId?: number | null;
  /** A globally unique id; generated when absent. Import uses it to stay idempotent. */
  uid?: string;
}

export interface StoredReview {
  id: number;
  uid: string;
  questionId: string;
  revision: string | null;
  at: number;
  mode: StudyMode;
  answer: Answer;
  correct: boolean;
  rating: Rating;
  autoRating: Rating;
  durationMs: number | null;
  examId: number | null;
}

export interface ReviewRow {
  id: number;
  uid: string;
  question_id: string;
  revision: string | null;
  at: number;
  mode: StudyMode;
  answer: string;
  correct: number;
  rating: number;
  auto_rating: number;
  duration_ms: number | null;
  exam_id: number | null;
}

export function reviewFromRow(row: ReviewRow): StoredReview {
  return {
    id: row.id,
    uid: row.uid,
    questionId: row.question_id,
    revision: row.revision,
    at: row.at,
    mode: row.mode,
    answer: JSON.parse(row.answer) as Answer,
    correct: row.correct === 1,
    rating: row.rating as Rating,
    autoRating: row.auto_rating as Rating,
    durationMs: row.duration_ms,
    examId: row.exam_id,
  };
}

/** The review log and the cards it drives. Every write to both happens in one transaction. */
export class Reviews {
  private readonly insertReview: Statement;
  private readonly selectCard: Statement;
  private readonly upsertCard: Statement;
  private readonly deleteCard: Statement;
  private readonly selectAllCards: Statement;
  private readonly selectHistory: Statement;
  private readonly updateRating: Statement;
  private readonly selectReview: Statement;

  constructor(
    private readonly db: Database,
    private readonly scheduler: () => Scheduler,
  ) {
    this.insertReview = db.prepare(`
      INSERT INTO review (uid, question_id, revision, at, mode, answer, correct, rating, auto_rating, duration_ms, exam_id)
      VALUES (@uid, @question_id, @revision, @at, @mode, @answer, @correct, @rating, @auto_rating, @duration_ms, @exam_id)
      ON CONFLICT (uid) DO NOTHING`);
    this.selectCard = db.prepare("SELECT * FROM card WHERE question_id = ?");
    this.upsertCard = db.prepare(UPSERT_CARD);
    this.deleteCard = db.prepare("DELETE FROM card WHERE question_id = ?");
    this.selectAllCards = db.prepare("SELECT * FROM card");
    this.selectHistory = db.prepare("SELECT * FROM review WHERE question_id = ? ORDER BY at, id");
    this.updateRating = db.prepare("UPDATE review SET rating = ? WHERE id = ?");
    this.selectReview = db.prepare("SELECT * FROM review WHERE id = ?");
  }

  /** Inserts a review row; false when a row with that uid was already there. Does not touch cards. */
  insert(record: AnswerRecord): { inserted: boolean; id: number } {
    if (!isRating(record.rating) || (record.autoRating !== undefined && !isRating(record.autoRating))) {
      throw new RangeError(`rating must be 1 to 4 (got ${record.rating})`);
    }
    const info = this.insertReview.run({
      uid: record.uid ?? randomUUID(),
      question_id: record.questionId,
      revision: record.revision ?? null,
      at: Math.round(record.at),
      mode: record.mode,
      answer: JSON.stringify(record.answer),
      correct: record.correct ? 1 : 0,
      rating: record.rating,
      auto_rating: record.autoRating ?? record.rating,
      duration_ms: record.durationMs === null ? null : Math.round(record.durationMs),
      exam_id: record.examId ?? null,
    });
    return { inserted: info.changes === 1, id: Number(info.lastInsertRowid) };
  }

  /**
   * Appends the review and moves the question's card forward from its current state, in one
   * transaction: after this returns, both are committed together or neither is.
   */
  record(record: AnswerRecord): { reviewId: number; card: CardState } {
    return this.db.transaction(() => this.recordInTransaction(record)).immediate();
  }

  /** `record` for a caller that already holds a transaction (an exam records all its answers at once). */
  recordInTransaction(record: AnswerRecord): { reviewId: number; card: CardState } {
    const { id } = this.insert(record);
    const row = this.selectCard.get(record.questionId) as CardRow | undefined;
    const card = this.scheduler().next(row ? cardFromRow(row) : null, record.rating, record.at);
    this.upsertCard.run(cardParams(record.questionId, card, row?.first_review ?? record.at));
    return { reviewId: id, card };
  }

  /**
   * The learner's own rating replaces the derived one (kept in `autoRating`); the card is rebuilt from
   * the log so later reviews, if any, are replayed on top of the change.
   */
  overrideRating(reviewId: number, rating: Rating): CardState | null {
    if (!isRating(rating)) throw new RangeError(`rating must be 1 to 4 (got ${String(rating)})`);
    return this.db
      .transaction(() => {
        const row = this.selectReview.get(reviewId) as ReviewRow | undefined;
        if (!row) throw new RangeError(`no review with id ${reviewId}`);
        this.updateRating.run(rating, reviewId);
        return this.rebuildOne(row.question_id);
      })
      .immediate();
  }

  card(questionId: string): CardState | null {
    const row = this.selectCard.get(questionId) as CardRow | undefined;
    return row ? cardFromRow(row) : null;
  }

  cards(): Map<string, CardState> {
    const rows = this.selectAllCards.all() as CardRow[];
    return new Map(rows.map((r) => [r.question_id, cardFromRow(r)]));
  }

  history(questionId: string): StoredReview[] {
    return (this.selectHistory.all(questionId) as ReviewRow[]).map(reviewFromRow);
  }

  /** Replays one question's log into its card (call inside a transaction). */
  rebuildOne(questionId: string): CardState | null {
    const rows = this.selectHistory.all(questionId) as ReviewRow[];
    const card = this.scheduler().replay(rows.map((r) => ({ at: r.at, rating: r.rating as Rating })));
    if (!card || rows.length === 0) {
      this.deleteCard.run(questionId);
      return null;
    }
    this.upsertCard.run(cardParams(questionId, card, rows[0]?.at ?? card.lastReview ?? 0));
    return card;
  }

  /** Rebuilds the cards of the given questions (all questions with a review or card when omitted). */
  rebuild(questionIds?: Iterable<string>): number {
    return this.db
      .transaction(() => {
        const ids =
          questionIds !== undefined
            ? [...new Set(questionIds)]
            : (this.db
                .prepare("SELECT question_id FROM review UNION SELECT question_id FROM card")
                .pluck()
                .all() as string[]);
        for (const id of ids) this.rebuildOne(id);
        return ids.length;
      })
      .immediate();
  }
}
