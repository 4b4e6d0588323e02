import type { Answer } from "./answers.js";
import { toFileAnswer, type ExamPaper } from "./exam.js";

/**
 * A mock exam in progress. Its clock is time used, not a wall-clock deadline: unless the exam was
 * started with `strictTime`, the clock stops while the exam is paused or the program is closed, and a
 * resumed exam has exactly the time it had left. With `strictTime`, time runs from the start whatever
 * happens, as in the real exam.
 */
export interface ExamSession {
  paper: ExamPaper;
  startedAt: number;
  strictTime: boolean;
  /** Time used in earlier sittings (ms): up to the last pause, close or save. */
  usedMs: number;
  /** When the clock of the current sitting started; null while paused or closed. */
  runningSince: number | null;
  /** Up to when the time of this sitting has been counted to questions (not stored). */
  lastCountedAt?: number;
  /** Time spent on each question (ms), counted while it is the one shown and the clock runs. */
  itemMs: number[];
  current: number;
  /** Answers in file indices; null where none is given. */
  answers: (Answer | null)[];
  flags: boolean[];
  status: "running" | "submitted";
  submittedAt: number | null;
  timedOut: boolean;
}

export type ExamAction =
  | { type: "answer"; now: number; index: number; answer: Answer /* in display positions */ }
  | { type: "clear"; now: number; index: number }
  | { type: "flag"; now: number; index: number; flagged?: boolean }
  | { type: "goto"; now: number; index: number }
  | { type: "next"; now: number }
  | { type: "prev"; now: number }
  | { type: "submit"; now: number }
  | { type: "tick"; now: number }
  /** Stops the clock (not with strict time): a pause, or the program closing. */
  | { type: "pause"; now: number }
  | { type: "resume"; now: number };

export function startExam(
  paper: ExamPaper,
  now: number,
  options: { strictTime?: boolean } = {},
): ExamSession {
  return {
    paper,
    startedAt: now,
    strictTime: options.strictTime ?? false,
    usedMs: 0,
    runningSince: now,
    itemMs: paper.items.map(() => 0),
    current: 0,
    answers: paper.items.map(() => null),
    flags: paper.items.map(() => false),
    status: "running",
    submittedAt: null,
    timedOut: false,
  };
}

/** The exam's time limit in ms, or null for an untimed exam. */
export function timeLimitMs(paper: ExamPaper): number | null {
  return paper.minutes === null ? null : paper.minutes * 60_000;
}

export function timeUsedMs(session: ExamSession, now: number): number {
  if (session.strictTime) return Math.max(0, (session.submittedAt ?? now) - session.startedAt);
  if (session.status === "submitted") return session.usedMs;
  return session.usedMs + (session.runningSince === null ? 0 : Math.max(0, now - session.runningSince));
}

/** Time left; Infinity for an untimed exam, 0 once submitted. */
export function remainingMs(session: ExamSession, now: number): number {
  if (session.status !== "running") return 0;
  const limit = timeLimitMs(session.paper);
  return limit === null ? Infinity : Math.max(0, limit - timeUsedMs(session, now));
}

export function isPaused(session: ExamSession): boolean {
  return session.status === "running" && !session.strictTime && session.runningSince === null;
}

/**
 * The session as it is to be saved at `now`: the time used so far folded into `usedMs`. A saved exam
 * read back is closed (no sitting running) until it is resumed, so a crash costs at most the time since
 * the last save.
 */
export function savedSession(session: ExamSession, now: number): ExamSession {
  const counted = countItemTime(session, now);
  return {
    ...counted,
    usedMs: timeUsedMs(session, now),
    runningSince: counted.status === "running" && counted.runningSince !== null ? now : null,
  };
}

/** Time since the last counted moment goes to the question on screen. */
function countItemTime(state: ExamSession, now: number): ExamSession {
  if (state.status !== "running" || state.runningSince === null) return state;
  const since = Math.max(state.runningSince, state.lastCountedAt ?? state.runningSince);
  const spent = Math.max(0, now - since);
  if (spent === 0) return { ...state, lastCountedAt: now };
  return {
    ...state,
    itemMs: state.itemMs.map((ms, i) => (i === state.current ? ms + spent : ms)),
    lastCountedAt: now,
  };
}

const replaceAt = <T>(list: readonly T[], index: number, value: T): T[] =>
  list.map((v, i) => (i === index ? value : v));

/**
 * Applies one action. Answers stay changeable until submit; once the time is up, the first action of
 * any kind submits the exam as it stands, at the moment time ran out (the screen sends `tick` every
 * second or so). A submitted exam ignores everything. Bad indices are ignored, bad answers throw.
 */
export function examReducer(state: ExamSession, action: ExamAction): ExamSession {
  if (state.status === "submitted") return state;
  if (remainingMs(state, action.now) <= 0) {
    const over = timeUsedMs(state, action.now) - (timeLimitMs(state.paper) ?? 0);
    const endedAt = action.now - over;
    const counted = countItemTime(state, endedAt);
    return {
      ...counted,
      usedMs: timeUsedMs(state, endedAt),
      runningSince: null,
      status: "submitted",
      submittedAt: endedAt,
      timedOut: true,
    };
  }
  if (action.type === "resume") {
    return state.runningSince === null
      ? { ...state, runningSince: action.now, lastCountedAt: action.now }
      : state;
  }
  if (state.runningSince === null && !state.strictTime) {
    // Paused: the questions are hidden, so nothing but resume (above) and submit applies.
    return action.type === "submit" ? { ...state, status: "submitted", submittedAt: action.now } : state;
  }
  const counted = countItemTime(state, action.now);
  const count = state.paper.items.length;
  const valid = (i: number) => Number.isInteger(i) && i >= 0 && i < count;
  switch (action.type) {
    case "answer": {
      const item = counted.paper.items[action.index];
      if (!item) return counted;
      return {
        ...counted,
        answers: replaceAt(counted.answers, action.index, toFileAnswer(item, action.answer)),
      };
    }
    case "clear":
      return valid(action.index)
        ? { ...counted, answers: replaceAt(counted.answers, action.index, null) }
        : counted;
    case "flag": {
      if (!valid(action.index)) return counted;
      const flagged = action.flagged ?? !counted.flags[action.index];
      return { ...counted, flags: replaceAt(counted.flags, action.index, flagged) };
    }
    case "goto":
      return valid(action.index) ? { ...counted, current: action.index } : counted;
    case "next":
      return { ...counted, current: Math.min(count - 1, counted.current + 1) };
    case "prev":
      return { ...counted, current: Math.max(0, counted.current - 1) };
    case "submit":
      return {
        ...counted,
        usedMs: timeUsedMs(counted, action.now),
        runningSince: null,
        status: "submitted",
        submittedAt: action.now,
      };
    case "pause":
      if (counted.strictTime) return counted;
      return { ...counted, usedMs: timeUsedMs(counted, action.now), runningSince: null };
    case "tick":
      return counted;
  }
}
