import { Text, useInput } from "ink";
import { useMemo, useState } from "react";
import { useScreen, type Route } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { moveCursor, windowAround } from "../list.js";
import { firstLine } from "../question-doc.js";
import { useTerminalSize } from "../terminal-size.js";

/** Past mock exams (open one to walk through it) and the questions missed most often. */
export function ReviewScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [cursor, setCursor] = useState(0);
  const { exams, missed } = useMemo(() => {
    // The questions whose last answer was wrong, most often missed first: what practising fixes.
    const counts = new Map(trainer.mostMissed(10_000).map((m) => [m.questionId, m]));
    const missed = trainer
      .missedQuestions()
      .map((id) => counts.get(id) ?? { questionId: id, missed: 1, answered: 1 })
      .sort((a, b) => b.missed - a.missed || a.questionId.localeCompare(b.questionId));
    return { exams: trainer.store.recentExams(50), missed };
  }, [trainer]);
  const entries: { line: (selected: boolean) => Line; route: Route }[] = [
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
    ...missed.map((m) => {
      const question = trainer.questions.get(m.questionId);
      return {
        route: { screen: "study", mode: "practice", missed: {} } as Route,
        line: (selected: boolean) => (
          <Text key={`m${m.questionId}`} bold={selected} wrap="truncate-end">
            {selected ? "› " : "  "}
            {`missed ${m.missed} of ${m.answered}`.padEnd(16)}{" "}
            {question ? firstLine(question.stem) : m.questionId}
          </Text>
        ),
      };
    }),
  ];

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, entries.length));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, entries.length));
      else if (bound("list", "open", input, key) && entries[cursor]) nav.push(entries[cursor]!.route);
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
          Wrong the last time (Enter: practise them)
        </Text>,
      );
    lines.push(entry.line(n === cursor));
  });
  if (exams.length >= end)
    lines.push(
      "",
      <Text key="h2" bold>
        Wrong the last time (Enter: practise them)
      </Text>,
    );
  if (missed.length === 0) lines.push("  Nothing missed yet.");
  return (
    <Frame
      title="Review"
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter open (a missed one: practise them all) · q back"
      columns={columns}
      rows={rows}
    />
  );
}
