import { Text } from "ink";
import { useEffect, useReducer, useRef, type Dispatch } from "react";
import { examReducer, remainingMs, type ExamAction, type ExamSession } from "../../../study/index.js";
import { useScreen } from "../../context.js";
import type { Line } from "../../frame.js";
import { useTerminalSize } from "../../terminal-size.js";
import { examWarning, formatClock } from "./clock.js";
import { confirmFrame, useConfirmKeys } from "./confirm.js";
import { examViewReducer, initialExamView, type ExamView, type ExamViewAction } from "./mode.js";
import { overviewFrame, useOverviewKeys } from "./overview.js";
import { questionFrame, useQuestionKeys } from "./question.js";

/** What every mode of a running exam works on: the session and the screen's own state. */
export interface RunningExamState {
  session: ExamSession;
  dispatch: Dispatch<ExamAction>;
  view: ExamView;
  show: Dispatch<ExamViewAction>;
  now: () => number;
}

/** The clock in the title bar and the warning above every mode's lines. */
export interface ExamChrome {
  status: string;
  banner: Line[];
  answered: number;
  flagged: number;
}

/** The exam under way: every change saved at once; once submitted, it is scored, stored and shown. */
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
  const [session, dispatch] = useReducer(examReducer, initial);
  const [view, show] = useReducer(examViewReducer, initialExamView);
  const saved = useRef(initial);

  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: "tick", now: trainer.now() }), tickMs);
    return () => clearInterval(timer);
  }, [trainer, tickMs]);

  useEffect(() => {
    if (session === saved.current) return;
    saved.current = session;
    if (session.status === "submitted") {
      trainer.finishExam(examId, session);
      nav.replace({ screen: "results", examId });
    } else trainer.saveExam(examId, session);
  }, [session, trainer, examId, nav]);

  const exam: RunningExamState = { session, dispatch, view, show, now: () => trainer.now() };
  const item = session.paper.items[session.current]!;
  const question = trainer.questions.get(item.questionId);
  const cursor = useQuestionKeys(exam, question, active, rows);
  useOverviewKeys(exam, active);
  useConfirmKeys(exam, active);

  const chrome = examChrome(session, trainer.now());
  const size = { columns, rows };
  switch (view.mode) {
    case "confirm":
      return confirmFrame(session, chrome, size);
    case "overview":
      return overviewFrame(session, view.overviewCursor, chrome, (id) => trainer.domainName(id), size);
    case "question":
      return questionFrame(exam, question, cursor, chrome, size);
  }
}

function examChrome(session: ExamSession, now: number): ExamChrome {
  const remaining = remainingMs(session, now);
  const warning = examWarning(remaining);
  return {
    status: `${warning ? "⚠ " : ""}${formatClock(remaining)} left `,
    banner: warning
      ? [<Text key="warn" bold color="yellow">{`⚠ Less than ${warning} minutes left.`}</Text>]
      : [],
    answered: session.answers.filter((a) => a !== null).length,
    flagged: session.flags.filter(Boolean).length,
  };
}
