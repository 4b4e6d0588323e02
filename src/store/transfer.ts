import type { Database } from "better-sqlite3";
import { z } from "zod";
import { answerSchema as anyAnswer, QUESTION_TYPES, type Answer } from "../questions/index.js";
import type { Rating } from "../study/rating.js";
import type { CardState, Scheduler } from "../study/scheduler.js";
import { settingProblem } from "../study/settings.js";
import { ImportError } from "./errors.js";
import { examItemFromRow, type ExamItemRow, type ExamRow } from "./exams.js";
import { reviewFromRow, STUDY_MODES, type Reviews, type ReviewRow } from "./reviews.js";
import { readRawSettings } from "./settings.js";

export const PROGRESS_FORMAT = "ccaak-train-progress";
export const PROGRESS_VERSION = 1;

/** The schema of a progress file, built on first use: building zod schemas costs start-up time. */
function buildProgressSchema() {
  const answerSchema = anyAnswer();
  const rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
  const time = z.number().int().min(0);

  const reviewSchema = z.object({
    uid: z.string().min(1),
    questionId: z.string().min(1),
    revision: z.string().nullable(),
    at: time,
    mode: z.enum(STUDY_MODES as [string, ...string[]]),
    answer: answerSchema,
    correct: z.boolean(),
    rating,
    autoRating: rating,
    durationMs: z.number().int().min(0).nullable(),
    exam: z.string().nullable(),
  });

  const examItemSchema = z.object({
    questionId: z.string().min(1),
    domain: z.string(),
    type: z.enum(QUESTION_TYPES),
    shown: z.array(z.number().int().min(0)),
    lefts: z.number().int().min(0),
    answer: answerSchema.nullable(),
    flagged: z.boolean(),
    correct: z.boolean().nullable(),
    result: z.unknown().nullable(),
    timeMs: z.number().int().min(0).default(0),
  });

  const examSchema = z.object({
    uid: z.string().min(1),
    pack: z.string(),
    seed: z.string(),
    startedAt: time,
    deadline: time,
    // 0: untimed.
    minutes: z.number().int().min(0),
    passPercent: z.number().min(0).max(100),
    status: z.enum(["running", "submitted"]),
    submittedAt: time.nullable(),
    timedOut: z.boolean(),
    total: z.number().int().nullable(),
    correct: z.number().int().nullable(),
    percent: z.number().nullable(),
    passed: z.boolean().nullable(),
    domains: z.unknown().nullable(),
    usedMs: z.number().int().min(0).default(0),
    strictTime: z.boolean().default(false),
    discardedAt: time.nullable().default(null),
    items: z.array(examItemSchema),
  });

  const progressSchema = z.object({
    format: z.literal(PROGRESS_FORMAT),
    version: z.literal(PROGRESS_VERSION),
    exportedAt: z.string(),
    settings: z.record(z.string(), z.unknown()),
    reviews: z.array(reviewSchema),
    exams: z.array(examSchema),
  });
  return progressSchema;
}

let progressSchemaCache: ReturnType<typeof buildProgressSchema> | undefined;
const progressSchema = () => (progressSchemaCache ??= buildProgressSchema());

export type ProgressFile = z.infer<ReturnType<typeof buildProgressSchema>>;
type ExportedReview = ProgressFile["reviews"][number];
type ExportedExam = ProgressFile["exams"][number];

export interface ImportReport {
  reviewsAdded: number;
  reviewsAlreadyThere: number;
  examsAdded: number;
  settingsApplied: string[];
  settingsIgnored: string[];
  cardsRebuilt: number;
}

/** The whole progress as one JSON-ready object: review log, exams and settings. */
export function exportProgress(db: Database, now: number): ProgressFile {
  const examUid = new Map<number, string>();
  const exams: ExportedExam[] = (db.prepare("SELECT * FROM exam ORDER BY id").all() as ExamRow[]).map(
    (row) => {
      examUid.set(row.id, row.uid);
      const items = db
        .prepare("SELECT * FROM exam_item WHERE exam_id = ? ORDER BY position")
        .all(row.id) as ExamItemRow[];
      return {
        uid: row.uid,
        pack: row.pack,
        seed: row.seed,
        startedAt: row.started_at,
        deadline: row.deadline,
        minutes: row.minutes,
        passPercent: row.pass_percent,
        status: row.status,
        submittedAt: row.submitted_at,
        timedOut: row.timed_out === 1,
        total: row.total,
        correct: row.correct,
        percent: row.percent,
        passed: row.passed === null ? null : row.passed === 1,
        domains: row.domains ? (JSON.parse(row.domains) as unknown) : null,
        usedMs: row.used_ms,
        strictTime: row.strict_time === 1,
        discardedAt: row.discarded_at,
        items: items.map((i) => ({
          ...examItemFromRow(i),
          answer: i.answer ? (JSON.parse(i.answer) as Answer) : null,
          flagged: i.flagged === 1,
          correct: i.correct === null ? null : i.correct === 1,
          result: i.result ? (JSON.parse(i.result) as unknown) : null,
          timeMs: i.time_ms,
        })),
      };
    },
  );
  const reviews: ExportedReview[] = (
    db.prepare("SELECT * FROM review ORDER BY at, id").all() as ReviewRow[]
  ).map((row) => {
    const r = reviewFromRow(row);
    return {
      uid: r.uid,
      questionId: r.questionId,
      revision: r.revision,
      at: r.at,
      mode: r.mode,
      answer: r.answer,
      correct: r.correct,
      rating: r.rating,
      autoRating: r.autoRating,
      durationMs: r.durationMs,
      exam: r.examId === null ? null : (examUid.get(r.examId) ?? null),
    };
  });
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: new Date(now).toISOString(),
    settings: readRawSettings(db),
    reviews,
    exams,
  };
}

/** Checks a parsed file against the export format; the message points at the first bad field. */
export function parseProgressFile(data: unknown): ProgressFile {
  const parsed = progressSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(top level)";
    throw new ImportError(`not a ccaak-train progress file: ${where}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/**
 * Merges a progress file into the database in one transaction. Rows are matched by uid, so importing
 * the same file twice changes nothing the second time. Settings in the file replace local ones. The
 * cards of every question that gained a review are rebuilt from its whole log.
 */
export function importProgress(db: Database, reviews: Reviews, file: ProgressFile): ImportReport {
  const report: ImportReport = {
    reviewsAdded: 0,
    reviewsAlreadyThere: 0,
    examsAdded: 0,
    settingsApplied: [],
    settingsIgnored: [],
    cardsRebuilt: 0,
  };
  const run = db.transaction(() => {
    const upsertSetting = db.prepare(
      "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    for (const [key, value] of Object.entries(file.settings)) {
      if (settingProblem(key, value) === null) {
        upsertSetting.run(key, JSON.stringify(value));
        report.settingsApplied.push(key);
      } else {
        report.settingsIgnored.push(key);
      }
    }

    const examId = new Map<string, number>();
    const findExam = db.prepare("SELECT id FROM exam WHERE uid = ?").pluck();
    const insertExam = db.prepare(
      `INSERT INTO exam (uid, pack, seed, started_at, deadline, minutes, pass_percent, status, submitted_at,
                         timed_out, total, correct, percent, passed, domains, used_ms, strict_time, discarded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertItem = db.prepare(
      `INSERT INTO exam_item (exam_id, position, question_id, domain, type, shown, lefts, answer, flagged, correct, result, time_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const bool = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    for (const e of file.exams) {
      const existing = findExam.get(e.uid) as number | undefined;
      if (existing !== undefined) {
        examId.set(e.uid, existing);
        continue;
      }
      const id = Number(
        insertExam.run(
          e.uid,
          e.pack,
          e.seed,
          e.startedAt,
          e.deadline,
          e.minutes,
          e.passPercent,
          e.status,
          e.submittedAt,
          e.timedOut ? 1 : 0,
          e.total,
          e.correct,
          e.percent,
          bool(e.passed),
          json(e.domains),
          e.usedMs,
          e.strictTime ? 1 : 0,
          e.discardedAt,
        ).lastInsertRowid,
      );
      e.items.forEach((i, position) => {
        insertItem.run(
          id,
          position,
          i.questionId,
          i.domain,
          i.type,
          JSON.stringify(i.shown),
          i.lefts,
          json(i.answer),
          i.flagged ? 1 : 0,
          bool(i.correct),
          json(i.result),
          i.timeMs,
        );
      });
      examId.set(e.uid, id);
      report.examsAdded += 1;
    }

    const touched = new Set<string>();
    for (const r of file.reviews) {
      const { inserted } = reviews.insert({
        uid: r.uid,
        questionId: r.questionId,
        revision: r.revision,
        at: r.at,
        mode: r.mode as (typeof STUDY_MODES)[number],
        answer: r.answer as Answer,
        correct: r.correct,
        rating: r.rating,
        autoRating: r.autoRating,
        durationMs: r.durationMs,
        examId: r.exam === null ? null : (examId.get(r.exam) ?? null),
      });
      if (inserted) {
        report.reviewsAdded += 1;
        touched.add(r.questionId);
      } else {
        report.reviewsAlreadyThere += 1;
      }
    }
    for (const id of touched) reviews.rebuildOne(id);
    report.cardsRebuilt = touched.size;
  });
  run.immediate();
  return report;
}

export const CSV_HEADER = "card_id,review_time,review_rating,review_state,review_duration";

const csvField = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * The review log as the FSRS optimizer reads it: one row per review, grouped by card in time order.
 * `review_state` is the card's FSRS state just before the review (0 New, 1 Learning, 2 Review,
 * 3 Relearning), found by replaying the log; `review_duration` is 0 when the time was not measured
 * (exam answers).
 */
export function* reviewLogCsv(db: Database, scheduler: Scheduler): Generator<string> {
  yield CSV_HEADER;
  const rows = db
    .prepare("SELECT question_id, at, rating, duration_ms FROM review ORDER BY question_id, at, id")
    .iterate() as IterableIterator<Pick<ReviewRow, "question_id" | "at" | "rating" | "duration_ms">>;
  let current: string | null = null;
  let card: CardState | null = null;
  for (const row of rows) {
    if (row.question_id !== current) {
      current = row.question_id;
      card = null;
    }
    const stateBefore = card?.state ?? 0;
    card = scheduler.next(card, row.rating as Rating, row.at);
    yield [csvField(row.question_id), row.at, row.rating, stateBefore, row.duration_ms ?? 0].join(",");
  }
}
