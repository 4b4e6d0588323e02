import { useInput } from "ink";
import type { Question } from "../../../catalog/types.js";
import { emptyAnswer, isComplete, toShownAnswer, type Answer } from "../../../study/index.js";
import { useAnswerKeys, type AnswerCursor } from "../../answer-input.js";
import { Frame, bodyHeight, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { clampOffset, scrollToShow } from "../../lines.js";
import { questionDoc } from "../../question-doc.js";
import type { TerminalSize } from "../../terminal-size.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/**
 * The question's keys: the answer keys (Enter on a complete answer also moves on), then moving between
 * questions, flagging, the overview, submitting and scrolling.
 */
export function useQuestionKeys(
  { session, dispatch, view, show, now }: RunningExamState,
  question: Question | undefined,
  active: boolean,
  rows: number,
): AnswerCursor {
  const index = session.current;
  const item = session.paper.items[index]!;
  const setAnswer = (answer: Answer) =>
    dispatch({ type: "answer", now: now(), index, answer: toShownAnswer(item, answer) });
  const cursor = useAnswerKeys({
    question: question!,
    shown: item.shown,
    answer: session.answers[index] ?? (question ? emptyAnswer(question, item.shown) : undefined),
    onChange: setAnswer,
    onSubmit: (answer) => {
      setAnswer(answer);
      dispatch({ type: "next", now: now() });
    },
    isActive: active && view.mode === "question" && question !== undefined,
  });

  useInput(
    (input, key) => {
      const at = now();
      if (bound("exam", "next", input, key)) dispatch({ type: "next", now: at });
      else if (bound("exam", "previous", input, key)) dispatch({ type: "prev", now: at });
      else if (bound("exam", "flag", input, key)) dispatch({ type: "flag", now: at, index });
      else if (bound("exam", "overview", input, key)) show({ type: "overviewAt", index });
      else if (bound("exam", "submitExam", input, key)) show({ type: "show", mode: "confirm" });
      else if (bound("global", "back", input, key)) show({ type: "show", mode: "overview" });
      else if (bound("list", "pageDown", input, key)) show({ type: "scrollBy", lines: bodyHeight(rows) - 1 });
      else if (bound("list", "pageUp", input, key))
        show({ type: "scrollBy", lines: -(bodyHeight(rows) - 1) });
    },
    { isActive: active && view.mode === "question" },
  );
  return cursor;
}

/** The current question with its answer, scrolled so that the cursor's row is in view. */
export function questionFrame(
  { session, view, show }: RunningExamState,
  question: Question | undefined,
  cursor: AnswerCursor,
  { status, banner }: ExamChrome,
  { columns, rows }: TerminalSize,
) {
  const index = session.current;
  const item = session.paper.items[index]!;
  const fileAnswer = session.answers[index] ?? undefined;
  const height = bodyHeight(rows);
  const doc = question
    ? questionDoc(question, item.shown, fileAnswer, cursor, Math.max(20, columns - 1))
    : null;
  const lines: Line[] = [
    ...banner,
    ...(doc ? doc.lines : ["This question is no longer in any pack; it counts as unanswered."]),
  ];
  const section = doc?.sections.get(`row-${cursor.cursor}`);
  const shifted = section
    ? { start: section.start + banner.length, end: section.end + banner.length }
    : undefined;
  const offset = clampOffset(scrollToShow(view.offset, height, shifted), height, lines.length);
  if (offset !== view.offset) show({ type: "scrollTo", offset });
  const done = question && isComplete(question, fileAnswer);
  return (
    <Frame
      title={`Mock exam · ${index + 1}/${session.paper.items.length}${session.flags[index] ? " ⚑ flagged" : ""}${done ? " · answered" : ""}`}
      status={status}
      lines={lines}
      offset={offset}
      hints="n next · p previous · f flag · o overview · S submit · ? keys"
      columns={columns}
      rows={rows}
    />
  );
}
