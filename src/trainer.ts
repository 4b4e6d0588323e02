import { loadPacks, type Blueprint, type Catalog, type LoadedPack, type Question } from "./catalog/index.js";
import { openStore, progressDbPath, type Store, type StudyMode } from "./store/index.js";
import {
  assembleExam,
  buildQueue,
  dayNumber,
  dayStart,
  deriveRating,
  finalStretchExamAt,
  fitOf,
  fitsBetter,
  MIN_REVIEWS_TO_FIT,
  reviewHistories,
  trainingPrefixes,
  type DayReview,
  type Fit,
  newLeftToday,
  planToExam,
  scoreAnswer,
  scoreExam,
  startExam,
  type Answer,
  type AnswerResult,
  type ExamResult,
  type ExamPlan,
  type ExamSession,
  type QueueItem,
  type Rating,
  type StatsReport,
} from "./study/index.js";

const FALLBACK_BLUEPRINT: Blueprint = { exam: { questions: 60, minutes: 90, passPercent: 70 }, domains: [] };

export interface RecordedAnswer {
  reviewId: number;
  result: AnswerResult;
  /** The rating the answer earned; the learner may override it. */
  rating: Rating;
}

/**
 * The trainer's use cases over the loaded packs and the progress store: what the CLI and the study
 * screens call. Study logic stays pure in `study/`, SQL in `store/`; this joins them with the clock.
 */
export class Trainer {
  readonly questions: ReadonlyMap<string, Question>;

  constructor(
    readonly catalog: Catalog,
    readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {
    this.questions = new Map(catalog.packs.flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
  }

  /** With `verify`, the whole progress file is checked first (see `OpenOptions.verify`). */
  static async open(
    home: string,
    clock: () => number = Date.now,
    options: { verify?: boolean } = {},
  ): Promise<Trainer> {
    const catalog = await loadPacks({ home });
    return new Trainer(catalog, openStore(progressDbPath(home), options), clock);
  }

  close(): void {
    this.store.close();
  }

  now(): number {
    return this.clock();
  }

  /** The pack whose blueprint drives exams and readiness (the setting, else the first loaded). */
  get studyPack(): LoadedPack | undefined {
    const id = this.store.settings().studyPack;
    return this.catalog.packs.find((p) => p.manifest.id === id) ?? this.catalog.packs[0];
  }

  get blueprint(): Blueprint {
    return this.studyPack?.manifest.blueprint ?? FALLBACK_BLUEPRINT;
  }

  get allQuestions(): Question[] {
    return [...this.questions.values()];
  }

  domainName(id: string): string {
    return this.blueprint.domains.find((d) => d.id === id)?.name ?? id;
  }

  passPercent(): number {
    return this.store.settings().passPercent ?? this.blueprint.exam.passPercent;
  }

  stats(): StatsReport {
    const now = this.now();
    const offset = utcOffset(now);
    const report = this.store.stats({
      questions: this.allQuestions,
      domains: this.blueprint.domains,
      now,
      utcOffsetMinutes: offset,
    });
    const settings = this.store.settings();
    if (settings.examDate === null) return report;
    const introduced = this.store.newStudiedSince(dayStart(dayNumber(now, offset), offset));
    return {
      ...report,
      newLeftToday: newLeftToday({
        unseen: this.unseenStudyQuestions(this.store.cards()),
        introducedToday: introduced,
        today: dayNumber(now, offset),
        examDate: settings.examDate,
        firstSeenDaysBefore: settings.firstSeenDaysBefore,
        newPerDay: settings.newPerDay,
      }),
    };
  }

  /**
   * Fits FSRS's parameters to the review log with `optimize` and keeps them only when they predict the
   * log better than those in use; the cards are then rebuilt with them.
   */
  async optimizeFsrs(optimize: FsrsOptimize): Promise<FsrsOptimizeReport> {
    const log = this.store.reviewLog();
    if (log.length < MIN_REVIEWS_TO_FIT) {
      return { outcome: "too-few", reviews: log.length, needed: MIN_REVIEWS_TO_FIT - log.length };
    }
    const histories = reviewHistories(log, utcOffset(this.now()));
    const current = this.store.scheduler().parameters;
    const before = fitOf(current, histories);
    const candidate = await optimize(histories, trainingPrefixes(histories));
    const after = fitOf(candidate, histories);
    const kept = !fitsBetter(after, before);
    if (!kept) {
      this.store.setFsrsParameters({
        parameters: candidate,
        fittedAt: this.now(),
        reviews: log.length,
        logLoss: after.logLoss,
        rmse: after.rmse,
      });
    }
    return { outcome: kept ? "kept" : "stored", reviews: log.length, before, after, candidate };
  }

  /** What a stats report is about: the database, the pack whose blueprint it uses, the pass mark. */
  statsContext(): { database: string; pack: string | null; passPercent: number } {
    return {
      database: this.store.file,
      pack: this.studyPack?.manifest.id ?? null,
      passPercent: this.passPercent(),
    };
  }

  /** Questions answered wrong most often, for review. */
  mostMissed(limit: number): { questionId: string; missed: number; answered: number }[] {
    return this.store.mostMissed(limit).filter((m) => this.questions.has(m.questionId));
  }

  /** Due questions, then new ones within today's limit (study), or one domain or tag (practice). */
  queue(options: {
    mode: "study" | "practice";
    domain?: string;
    tag?: string;
    only?: ReadonlySet<string>;
    seed?: string;
  }): QueueItem[] {
    const now = this.now();
    const settings = this.store.settings();
    const offset = utcOffset(now);
    const introduced = this.store.newStudiedSince(dayStart(dayNumber(now, offset), offset));
    const cards = this.store.cards();
    const examAt = finalStretchExamAt(now, offset, settings.examDate, settings.firstSeenDaysBefore);
    return buildQueue({
      questions: this.allQuestions,
      cards,
      domains: this.blueprint.domains,
      now,
      seed: options.seed ?? String(now),
      newLimit:
        options.mode === "study"
          ? newLeftToday({
              unseen: this.unseenStudyQuestions(cards),
              introducedToday: introduced,
              today: dayNumber(now, offset),
              examDate: settings.examDate,
              firstSeenDaysBefore: settings.firstSeenDaysBefore,
              newPerDay: settings.newPerDay,
            })
          : Number.MAX_SAFE_INTEGER,
      ...(options.mode === "study" && examAt !== null ? { examAt } : {}),
      scheduler: this.store.scheduler(),
      unseenPrior: settings.unseenPrior,
      mode: options.mode,
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.tag ? { tag: options.tag } : {}),
      ...(options.only ? { only: options.only } : {}),
    });
  }

  /** Questions of the blueprint's domains never answered: what study still has to introduce. */
  private unseenStudyQuestions(cards: ReadonlyMap<string, { state: number }>): number {
    const domains = new Set(this.blueprint.domains.map((d) => d.id));
    return this.allQuestions.filter(
      (q) => (domains.size === 0 || domains.has(q.domain)) && (cards.get(q.id)?.state ?? 0) === 0,
    ).length;
  }

  /** The plan to the exam date and the readiness it leads to; null without an exam date. */
  plan(): ExamPlan | null {
    const settings = this.store.settings();
    if (settings.examDate === null) return null;
    const now = this.now();
    const offset = utcOffset(now);
    return planToExam({
      questions: this.allQuestions,
      cards: this.store.cards(),
      domains: this.blueprint.domains,
      scheduler: this.store.scheduler(),
      unseenPrior: settings.unseenPrior,
      now,
      utcOffsetMinutes: offset,
      examDate: settings.examDate,
      firstSeenDaysBefore: settings.firstSeenDaysBefore,
      newPerDay: settings.newPerDay,
      newToday: this.store.newStudiedSince(dayStart(dayNumber(now, offset), offset)),
      answerMs: this.store.averageAnswerMs(),
    });
  }

  /**
   * The questions to practise after mistakes: of mock exam `examId`, the items answered wrong or left
   * blank; without it, every question whose most recent answer was wrong. Only questions still in the bank.
   */
  missedQuestions(examId?: number): string[] {
    if (examId === undefined) return this.store.missedLastTime().filter((id) => this.questions.has(id));
    const exam = this.store.exam(examId);
    if (!exam) return [];
    return scoreExam(exam.session, this.questions)
      .items.filter((item) => !item.correct && this.questions.has(item.questionId))
      .map((item) => item.questionId);
  }

  /** Scores and records an answer, durably, before anything else happens. */
  answer(question: Question, answer: Answer, durationMs: number, mode: StudyMode): RecordedAnswer {
    const result = scoreAnswer(question, answer);
    const settings = this.store.settings();
    const phase = this.store.card(question.id)?.state;
    const rating = deriveRating(result.correct, durationMs, settings, phase === 1 || phase === 3);
    const { reviewId } = this.store.recordAnswer({
      questionId: question.id,
      revision: question.revision,
      at: this.now(),
      mode,
      answer,
      correct: result.correct,
      rating,
      durationMs,
    });
    return { reviewId, result, rating };
  }

  /** Stores a learner's doubt about a question for the pack's author, with the answer they gave. */
  flagQuestion(questionId: string, note: string, reviewId: number | null = null): void {
    const review =
      reviewId === null ? undefined : this.store.history(questionId).find((r) => r.id === reviewId);
    this.store.flagQuestion({
      questionId,
      revision: this.questions.get(questionId)?.revision ?? null,
      at: this.now(),
      note,
      answer: review?.answer ?? null,
      reviewId: review ? reviewId : null,
    });
  }

  /**
   * For each rating, the interval FSRS would give the question if review `reviewId` (its latest) were
   * rated so: the card as the log stood before that review, reviewed at its time.
   */
  nextIntervals(questionId: string, reviewId: number): Record<Rating, number> {
    const history = this.store.history(questionId);
    const at = history.findIndex((r) => r.id === reviewId);
    const scheduler = this.store.scheduler();
    const before = scheduler.replay(history.slice(0, Math.max(0, at)));
    return scheduler.nextIntervals(before, history[at]?.at ?? this.now());
  }

  overrideRating(reviewId: number, rating: Rating): void {
    this.store.overrideRating(reviewId, rating);
  }

  /**
   * A new mock exam, stored at once so that a crash mid-exam keeps it. Options left out come from the
   * settings, then the blueprint; `missed` makes a paper of the questions missed last time.
   */
  newExam(
    options: ExamOptions = {},
    seed: string = String(this.now()),
  ): { examId: number; session: ExamSession } {
    const paper = assembleExam({
      questions: this.allQuestions,
      blueprint: this.blueprint,
      pack: this.studyPack?.manifest.id ?? "",
      seed,
      ...this.examFormat(options),
      ...(options.domains?.length ? { domains: options.domains } : {}),
      ...(options.missed ? { only: new Set(this.missedQuestions()) } : {}),
    });
    const session = startExam(paper, this.now(), { strictTime: options.strictTime ?? false });
    return { examId: this.store.startExam(session), session };
  }

  /** Questions, minutes (null: untimed) and pass mark an exam with these options gets. */
  examFormat(options: ExamOptions = {}): { count: number; minutes: number | null; passPercent: number } {
    const settings = this.store.settings();
    const exam = this.blueprint.exam;
    return {
      count: options.questions ?? settings.examQuestions ?? exam.questions,
      minutes: options.untimed ? null : (options.minutes ?? settings.examMinutes ?? exam.minutes),
      passPercent: settings.passPercent ?? exam.passPercent,
    };
  }

  saveExam(examId: number, session: ExamSession): void {
    this.store.saveExam(examId, session, this.now());
  }

  finishExam(examId: number, session: ExamSession): ExamResult {
    const result = scoreExam(session, this.questions);
    this.store.finishExam(examId, session, result, this.revisions());
    return result;
  }

  /** The exam a closed or crashed session left running, to resume or discard. */
  runningExam(): { examId: number; session: ExamSession } | null {
    const stored = this.store.runningExam();
    return stored ? { examId: stored.id, session: stored.session } : null;
  }

  /** Abandons a running exam; the answers given still reach the schedule. */
  discardExam(examId: number): void {
    const stored = this.store.exam(examId);
    if (!stored) return;
    const result = scoreExam(stored.session, this.questions);
    this.store.discardExam(examId, stored.session, result, this.now(), this.revisions());
  }

  private revisions(): Map<string, string> {
    return new Map([...this.questions.values()].map((q) => [q.id, q.revision]));
  }
}

/** The optimizer: histories and the training prefixes in, 21 parameters out. */
export type FsrsOptimize = (
  histories: readonly DayReview[][],
  prefixes: readonly { history: number; length: number }[],
) => Promise<number[]>;

export type FsrsOptimizeReport =
  | { outcome: "too-few"; reviews: number; needed: number }
  | { outcome: "stored" | "kept"; reviews: number; before: Fit; after: Fit; candidate: number[] };

/** What a learner may ask of a mock exam; anything left out follows the settings and the blueprint. */
export interface ExamOptions {
  questions?: number;
  minutes?: number;
  untimed?: boolean;
  domains?: readonly string[];
  /** A paper of the questions missed last time. */
  missed?: boolean;
  /** Time runs while the program is closed, and there is no pause, as in the real exam. */
  strictTime?: boolean;
}

/** Minutes the local zone is ahead of UTC at `now`. */
export function utcOffset(now: number): number {
  return -new Date(now).getTimezoneOffset();
}
