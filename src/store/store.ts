import fs from "node:fs";
import type { Database as Db } from "better-sqlite3";
import type { ExamResult, ExamSession } from "../study/index.js";
import { examReviews } from "../study/index.js";
import type { Rating } from "../study/rating.js";
import type { Domain } from "../catalog/types.js";
import { dayNumber, dayStart } from "../study/days.js";
import { reviewsPerDay, streakDays } from "./activity.js";
import type { QuestionRef } from "../study/readiness.js";
import { createScheduler, type CardState, type Scheduler } from "../study/scheduler.js";
import type { Settings } from "../study/settings.js";
import { buildStats, type ExamSummary, type StatsReport } from "../study/stats.js";
import { copyDatabase, dailyBackupPath } from "./backup.js";
import { asStoreError, verify } from "./sqlite-file.js";
import {
  discardExam,
  insertExam,
  readExam,
  recentExamRows,
  runningExamId,
  summaryFromRow,
  updateExamItems,
  writeExamResult,
} from "./exams.js";
import type { StoredExam } from "./exams.js";
import { insertFlag, listFlags, type QuestionFlag } from "./flags.js";
import {
  averageAnswerMs,
  readFsrsParameters,
  reviewLog,
  writeFsrsParameters,
  type StoredFsrsParameters,
} from "./fsrs-parameters.js";
import type { LoggedReview } from "../study/fsrs-fit.js";
import {
  labAttempt,
  labAttempts,
  saveLabAttempt,
  type LabAttemptRecord,
  type StoredLabAttempt,
} from "./labs.js";
import type { MigrationReport } from "./migrate.js";
import { Reviews, type AnswerRecord, type StoredReview } from "./reviews.js";
import { readSettings, writeSettings } from "./settings.js";
import {
  exportProgress,
  importProgress,
  parseProgressFile,
  reviewLogCsv,
  type ImportReport,
  type ProgressFile,
} from "./transfer.js";

/** The progress database: review log, cards, exams and settings. The only place with SQL. */
export class Store {
  readonly reviews: Reviews;
  private cachedSettings: Settings;
  private cachedScheduler: Scheduler;
  private cachedParameters: StoredFsrsParameters | null;

  constructor(
    private readonly db: Db,
    readonly file: string,
    readonly migration: MigrationReport,
  ) {
    this.cachedSettings = readSettings(db);
    this.cachedParameters = readFsrsParameters(db);
    this.cachedScheduler = this.newScheduler();
    this.reviews = new Reviews(db, () => this.cachedScheduler);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  settings(): Settings {
    return { ...this.cachedSettings };
  }

  /**
   * Validates and saves settings. A new desired retention reschedules every card from the log, so a
   * card is always what replaying its reviews under the current settings gives.
   */
  updateSettings(changes: Partial<Settings>): Settings {
    const before = this.cachedSettings.desiredRetention;
    writeSettings(this.db, changes);
    this.reloadSettings();
    if (this.cachedSettings.desiredRetention !== before) this.reviews.rebuild();
    return this.settings();
  }

  private reloadSettings(): void {
    this.cachedSettings = readSettings(this.db);
    if (this.cachedScheduler.desiredRetention !== this.cachedSettings.desiredRetention) {
      this.cachedScheduler = this.newScheduler();
    }
  }

  private newScheduler(): Scheduler {
    return createScheduler(this.cachedSettings.desiredRetention, this.cachedParameters?.parameters);
  }

  /** The FSRS parameters fitted to the learner, or null while FSRS's defaults are used. */
  fsrsParameters(): StoredFsrsParameters | null {
    return this.cachedParameters;
  }

  /**
   * Stores fitted parameters (null: back to FSRS's defaults) and rebuilds every card from the log
   * with them, in one transaction; the scheduler uses them from then on.
   */
  setFsrsParameters(stored: StoredFsrsParameters | null): void {
    const before = this.cachedParameters;
    try {
      this.db
        .transaction(() => {
          writeFsrsParameters(this.db, stored);
          this.cachedParameters = stored;
          this.cachedScheduler = this.newScheduler();
          this.reviews.rebuild();
        })
        .immediate();
    } catch (error) {
      this.cachedParameters = before;
      this.cachedScheduler = this.newScheduler();
      throw error;
    }
  }

  /** The whole review log, question by question in time order, as FSRS fitting reads it. */
  reviewLog(): LoggedReview[] {
    return reviewLog(this.db);
  }

  /** The learner's mean time per answer (ms), or null before any timed answer. */
  averageAnswerMs(): number | null {
    return averageAnswerMs(this.db);
  }

  scheduler(): Scheduler {
    return this.cachedScheduler;
  }

  /** Appends an answer to the log and updates its card, durably, in one transaction. */
  recordAnswer(record: AnswerRecord): { reviewId: number; card: CardState } {
    return this.reviews.record(record);
  }

  overrideRating(reviewId: number, rating: Rating): CardState | null {
    return this.reviews.overrideRating(reviewId, rating);
  }

  cards(): Map<string, CardState> {
    return this.reviews.cards();
  }

  card(questionId: string): CardState | null {
    return this.reviews.card(questionId);
  }

  history(questionId: string): StoredReview[] {
    return this.reviews.history(questionId);
  }

  /** Rebuilds cards from the review log; returns how many questions were replayed. */
  rebuildCards(questionIds?: Iterable<string>): number {
    return this.reviews.rebuild(questionIds);
  }

  totalReviews(): number {
    return this.db.prepare("SELECT count(*) FROM review").pluck().get() as number;
  }

  /** Questions first seen in study mode at or after `since` (what counts against the daily new limit). */
  newStudiedSince(since: number): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM review r
         WHERE r.at >= ? AND r.mode = 'study'
           AND NOT EXISTS (SELECT 1 FROM review p WHERE p.question_id = r.question_id
                           AND (p.at < r.at OR (p.at = r.at AND p.id < r.id)))`,
      )
      .pluck()
      .get(since) as number;
  }

  /** Reviews per day number (see study/days) from `since` on, for a zone `utcOffsetMinutes` ahead of UTC. */
  reviewsPerDay(since: number, utcOffsetMinutes: number): Map<number, number> {
    return reviewsPerDay(this.db, since, utcOffsetMinutes);
  }

  /**
   * Everything `stats` reports, for the questions of the installed packs and the study pack's domains.
   * Cards of questions no longer in any pack are kept but not counted.
   */
  stats(input: {
    questions: readonly QuestionRef[];
    domains: readonly Domain[];
    now: number;
    utcOffsetMinutes: number;
  }): StatsReport {
    const { now, utcOffsetMinutes: offset } = input;
    const today = dayNumber(now, offset);
    const settings = this.cachedSettings;
    return buildStats({
      ...input,
      cards: this.cards(),
      scheduler: this.cachedScheduler,
      unseenPrior: settings.unseenPrior,
      newPerDay: settings.newPerDay,
      newToday: this.newStudiedSince(dayStart(today, offset)),
      reviewsPerDay: this.reviewsPerDay(dayStart(today - 29, offset), offset),
      reviewDays: this.streakDays(today, offset),
      totalReviews: this.totalReviews(),
      exams: this.recentExams(5),
    });
  }

  /** The days of the current run of days with reviews (see `activity.ts`); `streak()` over it is the streak. */
  streakDays(today: number, utcOffsetMinutes: number): number[] {
    return streakDays(this.db, today, utcOffsetMinutes);
  }

  /** Questions with at least one wrong answer, most missed first. */
  mostMissed(limit: number): { questionId: string; missed: number; answered: number }[] {
    return this.db
      .prepare(
        `SELECT question_id AS questionId, sum(1 - correct) AS missed, count(*) AS answered
         FROM review GROUP BY question_id HAVING missed > 0
         ORDER BY missed DESC, answered ASC, question_id LIMIT ?`,
      )
      .all(limit) as { questionId: string; missed: number; answered: number }[];
  }

  /** Questions whose most recent answer was wrong. */
  missedLastTime(): string[] {
    return this.db
      .prepare(
        `SELECT question_id FROM review r
         WHERE correct = 0 AND id = (SELECT max(id) FROM review WHERE question_id = r.question_id)
         ORDER BY question_id`,
      )
      .pluck()
      .all() as string[];
  }

  /** Stores a new exam with its items; returns its id. */
  startExam(session: ExamSession): number {
    return this.db.transaction(() => insertExam(this.db, session)).immediate();
  }

  /** Saves a running exam as it stands at `now` (answers, flags, time used). */
  saveExam(examId: number, session: ExamSession, now: number): void {
    this.db.transaction(() => updateExamItems(this.db, examId, session, now)).immediate();
  }

  /**
   * Stores the submitted exam with its scores and records each answered item as a review (mode
   * `exam`), all in one transaction. `revisions` gives each question's content hash when known.
   */
  finishExam(
    examId: number,
    session: ExamSession,
    result: ExamResult,
    revisions: ReadonlyMap<string, string> = new Map(),
  ): void {
    this.db
      .transaction(() => {
        writeExamResult(this.db, examId, session, result);
        this.recordExamReviews(examId, session, result, revisions);
      })
      .immediate();
  }

  /** The exam left running by an earlier session (closed, crashed), if any. */
  runningExam(): StoredExam | null {
    const id = runningExamId(this.db);
    return id === null ? null : readExam(this.db, id);
  }

  /**
   * Abandons a running exam: it is kept but never scored or offered again. The answers already given
   * still count for the schedule (they are what the learner remembered), recorded as exam reviews.
   */
  discardExam(
    examId: number,
    session: ExamSession,
    result: ExamResult,
    now: number,
    revisions: ReadonlyMap<string, string> = new Map(),
  ): void {
    this.db
      .transaction(() => {
        discardExam(this.db, examId, now);
        this.recordExamReviews(examId, { ...session, submittedAt: now }, result, revisions);
      })
      .immediate();
  }

  private recordExamReviews(
    examId: number,
    session: ExamSession,
    result: ExamResult,
    revisions: ReadonlyMap<string, string>,
  ): void {
    for (const review of examReviews(session, result)) {
      this.reviews.recordInTransaction({
        ...review,
        revision: revisions.get(review.questionId) ?? null,
        mode: "exam",
        durationMs: null,
        examId,
      });
    }
  }

  exam(examId: number): StoredExam | null {
    return readExam(this.db, examId);
  }

  recentExams(limit = 5): ExamSummary[] {
    return recentExamRows(this.db, limit).map(summaryFromRow);
  }

  /** Stores a learner's flag on a doubtful question; returns its id. */
  flagQuestion(flag: QuestionFlag): number {
    return this.db.transaction(() => insertFlag(this.db, flag)).immediate();
  }

  /** Flags raised on questions, oldest first; with `pack`, that pack's only. */
  flags(pack?: string): QuestionFlag[] {
    return listFlags(this.db, pack);
  }

  /** Stores a graded lab drill (grading the same drill again replaces its report). */
  saveLabAttempt(attempt: LabAttemptRecord): void {
    this.db.transaction(() => saveLabAttempt(this.db, attempt)).immediate();
  }

  labAttempts(options: { lab?: string; limit?: number } = {}): StoredLabAttempt[] {
    return labAttempts(this.db, options.lab, options.limit ?? 50);
  }

  labAttempt(uid: string): StoredLabAttempt | null {
    return labAttempt(this.db, uid);
  }

  exportProgress(now: number): ProgressFile {
    return exportProgress(this.db, now);
  }

  /** Validates a parsed progress file and merges it (idempotent). */
  importProgress(data: unknown): ImportReport {
    const file = parseProgressFile(data);
    const before = this.cachedSettings.desiredRetention;
    const report = importProgress(this.db, this.reviews, file);
    this.reloadSettings();
    if (this.cachedSettings.desiredRetention !== before) this.reviews.rebuild();
    return report;
  }

  reviewLogCsv(): Generator<string> {
    return reviewLogCsv(this.db, this.cachedScheduler);
  }

  /**
   * Copies the database to `<file>.bak` when that copy is missing or older than `maxAgeMs` and there is
   * progress to keep. The file is checked first (`quick_check`), so a damaged database never replaces
   * the last good copy: it raises `StoreCorruptError` instead. Returns the path written, or null.
   */
  backupIfStale(now: number, maxAgeMs = 86_400_000): string | null {
    const target = dailyBackupPath(this.file);
    const age = fs.existsSync(target) ? now - fs.statSync(target).mtimeMs : Infinity;
    if (age < maxAgeMs) return null;
    try {
      if (this.totalReviews() === 0) return null;
      verify(this.db);
    } catch (error) {
      throw asStoreError(error, this.file) ?? error;
    }
    copyDatabase(this.db, target);
    return target;
  }

  /**
   * `PRAGMA quick_check` over the whole file: raises `StoreCorruptError` (naming the newest backup) when
   * SQLite finds damage anywhere, even in pages no query has read yet.
   */
  assertIntact(): void {
    try {
      verify(this.db);
    } catch (error) {
      throw asStoreError(error, this.file) ?? error;
    }
  }

  /** `PRAGMA integrity_check`: "ok" or SQLite's first complaint. */
  integrityCheck(): string {
    return String(this.db.pragma("integrity_check(1)", { simple: true }));
  }
}
