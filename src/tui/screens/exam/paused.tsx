import { Text, type Key } from "ink";
import type { ExamSession } from "../../../study/index.js";
import { Frame, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import type { TerminalSize } from "../../terminal-size.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/** p or Enter resumes; q leaves the exam (saved, to resume from the home screen). */
export function pausedKeys(exam: RunningExamState, input: string, key: Key): void {
  if (bound("exam", "pause", input, key) || bound("list", "open", input, key)) {
    exam.dispatch({ type: "resume", now: exam.now() });
    exam.show({ type: "show", mode: "question" });
  } else if (bound("global", "back", input, key)) exam.leave();
}

/** The questions hidden and the clock stopped. */
export function pausedFrame(
  session: ExamSession,
  { status, answered }: ExamChrome,
  { columns, rows }: TerminalSize,
) {
  const lines: Line[] = [
    <Text key="p" bold>
      Paused: the clock is stopped and the questions are hidden.
    </Text>,
    `${answered} of ${session.paper.items.length} answered.`,
    "",
    "Press p or Enter to go on, q to leave the exam and resume it later from the home screen.",
  ];
  return (
    <Frame
      title="Mock exam · paused"
      status={status}
      lines={lines}
      offset={0}
      hints="p/Enter resume · q leave"
      columns={columns}
      rows={rows}
    />
  );
}
