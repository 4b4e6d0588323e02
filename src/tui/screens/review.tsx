import { Text, useInput } from "ink";
import { useMemo, useState } from "react";
import { useScreen, type Route } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { moveCursor, windowAround } from "../list.js";
import { useTerminalSize } from "../terminal-size.js";

/** Past mock exams (open one to walk through it) and the questions missed most often. */
export function ReviewScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [cursor, setCursor] = useState(0);
  const { exams, missed } = useMemo(
    () => ({ exams: trainer.store.recentExams(50), missed: trainer.mostMissed(30) }),
    [trainer],
  );
  const entries: { line: (selected: boolean) => Line; route?: Route }[] = [
    ...exams.map((e) => ({
      route: { screen: "results", examId: e.id } as Route,
      line: (selected: boolean) => (
        <Text key={`e${e.id}`} bold={selected}>
          {selected ? "› " : "  "}
          {new Date(e.submittedAt ?? e.startedAt).toISOString().slice(0, 16).replace("T", " ")} {e.correct}/
          {e.total} {Math.round(e.percent)}% {e.passed ? "passed" : "not passed"}
          {e.timedOut ? " (time ran out)" : ""}
        </Text>
      ),
    })),
    ...missed.map((m) => ({
      line: (selected: boolean) => (
        <Text key={`m${m.questionId}`} bold={selected}>
          {selected ? "› " : "  "}
          {`missed ${m.missed} of ${m.answered}`.padEnd(16)} {m.questionId}
          <Text dimColor> {trainer.domainName(trainer.questions.get(m.questionId)?.domain ?? "")}</Text>
        </Text>
      ),
    })),
  ];

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, entries.length));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, entries.length));
      else if (bound("list", "open", input, key) && cursor < exams.length) nav.push(entries[cursor]!.route!);
      else if (bound("list", "open", input, key) && cursor >= exams.length) {
        const question = trainer.questions.get(missed[cursor - exams.length]!.questionId);
        if (question) nav.push({ screen: "study", mode: "practice", domain: question.domain });
      }
    },
    { isActive: active },
  );

  const head: Line[] = [
    <Text key="h1" bold>
      Mock exams ({exams.length})
    </Text>,
  ];
  if (exams.length === 0) head.push("  None yet: take one from the home screen.");
  const lines: Line[] = [...head];
  const height = Math.max(4, bodyHeight(rows) - 3);
  const { start, end } = windowAround(entries.length, cursor, height);
  entries.slice(start, end).forEach((entry, i) => {
    const n = start + i;
    if (n === exams.length)
      lines.push(
        "",
        <Text key="h2" bold>
          Missed most often
        </Text>,
      );
    lines.push(entry.line(n === cursor));
  });
  if (exams.length >= end)
    lines.push(
      "",
      <Text key="h2" bold>
        Missed most often
      </Text>,
    );
  if (missed.length === 0) lines.push("  Nothing missed yet.");
  return (
    <Frame
      title="Review"
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter open (a missed question: practise its domain) · q back"
      columns={columns}
      rows={rows}
    />
  );
}
