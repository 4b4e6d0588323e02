import { Text, useInput, type Key } from "ink";
import { useEffect, useRef } from "react";
import {
  examReducer,
  isPaused,
  remainingMs,
  type ExamAction,
  type ExamSession,
} from "../../../study/index.js";
import { useScreen } from "../../context.js";
import { onExit } from "../../exit.js";
import type { Line } from "../../frame.js";
import { useLiveReducer } from "../../live-state.js";
import { useTerminalSize } from "../../terminal-size.js";
import { examWarning, formatClock } from "./clock.js";
import { confirmFrame, confirmKeys } from "./confirm.js";
import { examViewReducer, initialExamView, type ExamView, type ExamViewAction } from "./mode.js";
import { overviewFrame, overviewKeys } from "./overview.js";
import { pausedFrame, pausedKeys } from "./paused.js";
import { questionFrame, questionKeys, useExamAnswerKeys } from "./question.js";

/** What every mode of a running exam works on: the session and the screen's state, as they are now. */
export interface RunningExamState {
  session: () => ExamSession;
  dispatch: (action: ExamAction) => void;
  view: () => ExamView;
  show: (action: ExamViewAction) => void;
  now: () => number;
  /** Saves the exam with its clock stopped (unless strict time) and goes back to the home screen. */
  leave: () => void;
}

/** The clock in the title bar and the warning above every mode's lines. */
export interface ExamChrome {
  status: string;
  banner: Line[];
  answered: number;
  flagged: number;
}

/**
 * The exam under way: one key handler for every mode, acting on the session as it is now; every change
 * is saved at once; once submitted, it is scored, stored and shown. Closing the program (a signal, a
 * closed terminal) saves it with its clock stopped, to be resumed from the home screen.
 */
export function RunningExam({
  examId,
  initial,
  tickMs,
}: {
  examId: number;
  initial: ExamSession;
  tickMs: number;
}) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const exam = useLiveReducer(examReducer, () =>
    // A resumed exam was read back closed: its clock runs again from now.
    examReducer(initial, { type: "resume", now: trainer.now() }),
  );
  const view = useLiveReducer(examViewReducer, initialExamView);
  const finished = useRef(false);

  const dispatch = (action: ExamAction) => {
    const before = exam.get();
    exam.dispatch(action);
    const after = exam.get();
    if (after === before || finished.current) return;
    if (after.status === "submitted") {
      finished.current = true;
      trainer.finishExam(examId, after);
      nav.replace({ screen: "results", examId });
    } else trainer.saveExam(examId, after);
  };
  const leave = () => {
    if (finished.current) return;
    dispatch({ type: "pause", now: trainer.now() });
    trainer.saveExam(examId, exam.get());
    finished.current = true;
    nav.pop();
  };
  const state: RunningExamState = {
    session: exam.get,
    dispatch,
    view: view.get,
    show: view.dispatch,
    now: () => trainer.now(),
    leave,
  };

  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: "tick", now: trainer.now() }), tickMs);
    const unregister = onExit(() => {
      if (finished.current) return;
      dispatch({ type: "pause", now: trainer.now() });
      trainer.saveExam(examId, exam.get());
    });
    return () => {
      clearInterval(timer);
      unregister();
    };
    // The handlers read live state, so they are set up once per exam.
  }, [examId]);

  const session = exam.state;
  const item = session.paper.items[session.current]!;
  const question = trainer.questions.get(item.questionId);
  const answerKeys = useExamAnswerKeys(state, question);

  useInput(
    (input: string, key: Key) => {
      if (finished.current) return;
      switch (view.get().mode) {
        case "question":
          return questionKeys(state, answerKeys, input, key, rows);
        case "overview":
          return overviewKeys(state, input, key);
        case "confirm":
          return confirmKeys(state, input, key);
        case "paused":
          return pausedKeys(state, input, key);
      }
    },
    { isActive: active },
  );

  const chrome = examChrome(session, trainer.now());
  const size = { columns, rows };
  if (isPaused(session) || view.state.mode === "paused") return pausedFrame(session, chrome, size);
  switch (view.state.mode) {
    case "confirm":
      return confirmFrame(session, chrome, size);
    case "overview":
      return overviewFrame(
        session,
        view.state.overviewCursor,
        chrome,
        (id) => trainer.domainName(id),
        (id) => trainer.questions.get(id),
        size,
      );
    case "question":
      return questionFrame(session, view.state, view.dispatch, question, answerKeys, chrome, size);
  }
}

function examChrome(session: ExamSession, now: number): ExamChrome {
  const remaining = remainingMs(session, now);
  const warning = examWarning(remaining);
  const clock = remaining === Infinity ? "untimed " : `${warning ? "⚠ " : ""}${formatClock(remaining)} left `;
  return {
    status: `${session.strictTime ? "strict · " : ""}${clock}`,
    banner: warning
      ? [<Text key="warn" bold color="yellow">{`⚠ Less than ${warning} minutes left.`}</Text>]
      : [],
    answered: session.answers.filter((a) => a !== null).length,
    flagged: session.flags.filter(Boolean).length,
  };
}
