import { Text, type Key } from "ink";
import type { ExamSession } from "../../../study/index.js";
import { Frame, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import type { TerminalSize } from "../../terminal-size.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/** y submits the exam; n or back returns to the question. */
export function confirmKeys(exam: RunningExamState, input: string, key: Key): void {
  if (input === "y") exam.dispatch({ type: "submit", now: exam.now() });
  else if (input === "n" || bound("global", "back", input, key))
    exam.show({ type: "show", mode: "question" });
}

export function confirmFrame(
  session: ExamSession,
  { status, banner, answered, flagged }: ExamChrome,
  { columns, rows }: TerminalSize,
) {
  const unanswered = session.paper.items.length - answered;
  const lines: Line[] = [
    ...banner,
    <Text key="q" bold>
      Submit the exam now?
    </Text>,
    `${answered} answered, ${unanswered} unanswered, ${flagged} flagged.`,
    unanswered > 0 ? "Unanswered questions count as wrong." : "",
    "",
    "y submit · n keep working",
  ];
  return (
    <Frame
      title="Mock exam · submit?"
      status={status}
      lines={lines}
      offset={0}
      hints="y submit · n back"
      columns={columns}
      rows={rows}
    />
  );
}
