import { Text, type Key } from "ink";
import type { Question } from "../../../catalog/types.js";
import type { ExamSession } from "../../../study/index.js";
import { Frame, bodyHeight, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { windowAround } from "../../list.js";
import { firstLine } from "../../question-doc.js";
import type { TerminalSize } from "../../terminal-size.js";
import { nextFlagged } from "./question.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/** The overview's keys: move, go to a question, the next flagged one, submit, back, or leave the exam. */
export function overviewKeys(exam: RunningExamState, input: string, key: Key): void {
  const count = exam.session().paper.items.length;
  const cursor = exam.view().overviewCursor;
  const open = (index: number) => {
    exam.dispatch({ type: "goto", now: exam.now(), index });
    exam.show({ type: "show", mode: "question" });
  };
  if (bound("list", "up", input, key)) exam.show({ type: "moveOverview", by: -1, count });
  else if (bound("list", "down", input, key)) exam.show({ type: "moveOverview", by: 1, count });
  else if (bound("list", "open", input, key)) open(cursor);
  else if (bound("exam", "nextFlagged", input, key)) {
    const next = nextFlagged(exam.session(), cursor);
    if (next !== null) exam.show({ type: "overviewAt", index: next });
  } else if (bound("exam", "submitExam", input, key)) exam.show({ type: "show", mode: "confirm" });
  else if (bound("exam", "overview", input, key)) exam.show({ type: "show", mode: "question" });
  else if (bound("global", "back", input, key)) exam.leave();
}

/** Every question with whether it is answered or flagged, and the first line of its text. */
export function overviewFrame(
  session: ExamSession,
  cursor: number,
  { status, banner, answered, flagged }: ExamChrome,
  domainName: (id: string) => string,
  questionOf: (id: string) => Question | undefined,
  { columns, rows }: TerminalSize,
) {
  const items = session.paper.items;
  const listHeight = Math.max(3, bodyHeight(rows) - 2 - banner.length);
  const { start, end } = windowAround(items.length, cursor, listHeight);
  const lines: Line[] = [
    ...banner,
    `${answered} answered · ${items.length - answered} unanswered · ${flagged} flagged`,
    "",
    ...items.slice(start, end).map((it, i) => {
      const n = start + i;
      const marks = `${session.answers[n] ? "✓" : "·"} ${session.flags[n] ? "⚑" : " "}`;
      const head = `${n === cursor ? "›" : " "} ${String(n + 1).padStart(3)}. ${marks} `;
      const question = questionOf(it.questionId);
      const text = question ? firstLine(question.stem) : domainName(it.domain);
      return (
        <Text key={n} bold={n === cursor} wrap="truncate-end">
          {head}
          {text}
        </Text>
      );
    }),
  ];
  return (
    <Frame
      title="Mock exam · overview (✓ answered, ⚑ flagged)"
      status={status}
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter go to · F next flagged · S submit · o back · q leave"
      columns={columns}
      rows={rows}
    />
  );
}
