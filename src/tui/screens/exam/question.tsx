import type { Key } from "ink";
import type { Dispatch } from "react";
import type { Question } from "../../../catalog/types.js";
import { isComplete, toShownAnswer, type Answer, type ExamSession } from "../../../study/index.js";
import { effectiveAnswer, useAnswerKeys, type AnswerKeys } from "../../answer-input.js";
import { Frame, bodyHeight, windowStart, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { questionDoc } from "../../question-doc.js";
import type { TerminalSize } from "../../terminal-size.js";
import type { ExamView, ExamViewAction } from "./mode.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/** The answer keys of the question on screen; Enter on a complete answer also moves on. */
export function useExamAnswerKeys(
  exam: RunningExamState,
  question: Question | undefined,
): AnswerKeys & { index: number } {
  const session = exam.session();
  const index = session.current;
  const item = session.paper.items[index]!;
  const setAnswer = (answer: Answer) =>
    exam.dispatch({ type: "answer", now: exam.now(), index, answer: toShownAnswer(item, answer) });
  const keys = useAnswerKeys({
    question: question!,
    shown: item.shown,
    answer: () => exam.session().answers[index] ?? undefined,
    onChange: setAnswer,
    onSubmit: (answer) => {
      setAnswer(answer);
      exam.dispatch({ type: "next", now: exam.now() });
    },
    resetKey: index,
  });
  return { ...keys, index };
}

/**
 * The question's keys: the answer keys, then moving between questions, flagging, the overview,
 * pausing, submitting and scrolling. A key that arrives before the question it is meant for is drawn
 * is dropped, never applied to the question before.
 */
export function questionKeys(
  exam: RunningExamState,
  answerKeys: AnswerKeys & { index: number },
  input: string,
  key: Key,
  rows: number,
): void {
  const session = exam.session();
  if (session.current !== answerKeys.index) return;
  const index = session.current;
  const at = exam.now();
  const item = session.paper.items[index]!;
  if (item && answerKeys.handle(input, key)) return;
  if (bound("exam", "next", input, key)) exam.dispatch({ type: "next", now: at });
  else if (bound("exam", "previous", input, key)) exam.dispatch({ type: "prev", now: at });
  else if (bound("exam", "flag", input, key)) exam.dispatch({ type: "flag", now: at, index });
  else if (bound("exam", "nextFlagged", input, key)) {
    const next = nextFlagged(session);
    if (next !== null) exam.dispatch({ type: "goto", now: at, index: next });
  } else if (bound("exam", "overview", input, key)) exam.show({ type: "overviewAt", index });
  else if (bound("exam", "pause", input, key)) {
    if (!session.strictTime) {
      exam.dispatch({ type: "pause", now: at });
      exam.show({ type: "show", mode: "paused" });
    }
  } else if (bound("exam", "submitExam", input, key)) exam.show({ type: "show", mode: "confirm" });
  else if (bound("global", "back", input, key)) exam.show({ type: "overviewAt", index });
  else if (bound("list", "pageDown", input, key))
    exam.show({ type: "scrollBy", lines: bodyHeight(rows) - 1 });
  else if (bound("list", "pageUp", input, key))
    exam.show({ type: "scrollBy", lines: -(bodyHeight(rows) - 1) });
}

/** The next flagged question after the current one, wrapping around; null when none is flagged. */
export function nextFlagged(session: ExamSession, from = session.current): number | null {
  const count = session.flags.length;
  for (let step = 1; step <= count; step++) {
    const i = (from + step) % count;
    if (session.flags[i]) return i;
  }
  return null;
}

/** The current question with its answer, scrolled so that the cursor's row is in view. */
export function questionFrame(
  session: ExamSession,
  view: ExamView,
  show: Dispatch<ExamViewAction>,
  question: Question | undefined,
  cursor: AnswerKeys,
  { status, banner }: ExamChrome,
  { columns, rows }: TerminalSize,
) {
  const index = session.current;
  const item = session.paper.items[index]!;
  const given = session.answers[index] ?? undefined;
  const doc = question
    ? questionDoc(
        question,
        item.shown,
        effectiveAnswer(question, item.shown, given),
        cursor,
        Math.max(20, columns - 1),
      )
    : null;
  const lines: Line[] = [
    ...banner,
    ...(doc ? doc.lines : ["This question is no longer in any pack; it counts as unanswered."]),
  ];
  const section = doc?.sections.get(`row-${cursor.cursor}`);
  const shifted = section
    ? { start: section.start + banner.length, end: section.end + banner.length }
    : undefined;
  const offset = windowStart(view.offset, lines.length, rows, shifted);
  if (offset !== view.offset) show({ type: "scrollTo", offset });
  const answered = question && given !== undefined && isComplete(question, given);
  const pause = session.strictTime ? "" : " · p pause";
  return (
    <Frame
      title={`Mock exam · ${index + 1}/${session.paper.items.length}${session.flags[index] ? " ⚑ flagged" : ""}${answered ? " · answered" : ""}`}
      status={status}
      lines={lines}
      offset={offset}
      hints={`n next · b back · f flag · o overview${pause} · S submit · ? keys`}
      columns={columns}
      rows={rows}
    />
  );
}
