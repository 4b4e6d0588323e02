import { Text, useInput } from "ink";
import type { ExamSession } from "../../../study/index.js";
import { Frame, bodyHeight, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { windowAround } from "../../list.js";
import type { TerminalSize } from "../../terminal-size.js";
import type { ExamChrome, RunningExamState } from "./running.js";

/** The overview's keys: move, go to a question, submit, or back to the question. */
export function useOverviewKeys(
  { session, dispatch, view, show, now }: RunningExamState,
  active: boolean,
): void {
  const count = session.paper.items.length;
  useInput(
    (input, key) => {
      if (bound("list", "up", input, key)) show({ type: "moveOverview", by: -1, count });
      else if (bound("list", "down", input, key)) show({ type: "moveOverview", by: 1, count });
      else if (bound("list", "open", input, key)) {
        dispatch({ type: "goto", now: now(), index: view.overviewCursor });
        show({ type: "show", mode: "question" });
      } else if (bound("exam", "submitExam", input, key)) show({ type: "show", mode: "confirm" });
      else if (bound("global", "back", input, key) || bound("exam", "overview", input, key))
        show({ type: "show", mode: "question" });
    },
    { isActive: active && view.mode === "overview" },
  );
}

/** Every question with whether it is answered or flagged, and its domain. */
export function overviewFrame(
  session: ExamSession,
  cursor: number,
  { status, banner, answered, flagged }: ExamChrome,
  domainName: (id: string) => string,
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
      const state = session.answers[n] ? "answered  " : "unanswered";
      return (
        <Text key={n} bold={n === cursor}>
          {n === cursor ? "› " : "  "}
          {String(n + 1).padStart(3)}. {state} {session.flags[n] ? "⚑ flagged" : "         "}{" "}
          <Text dimColor>{domainName(it.domain)}</Text>
        </Text>
      );
    }),
  ];
  return (
    <Frame
      title="Mock exam · overview"
      status={status}
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter go to · S submit · q/o back"
      columns={columns}
      rows={rows}
    />
  );
}
