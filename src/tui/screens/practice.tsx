import { Text, useInput } from "ink";
import { useMemo, useState } from "react";
import { useScreen, type Route } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { moveCursor, windowAround } from "../list.js";
import { useTerminalSize } from "../terminal-size.js";

/** Pick what to practise: an exam domain, or a tag. */
export function PracticeScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [cursor, setCursor] = useState(0);
  const choices = useMemo(() => {
    const questions = trainer.allQuestions;
    const domains = trainer.blueprint.domains.map((d) => ({
      label: d.name,
      detail: `${questions.filter((q) => q.domain === d.id).length} questions`,
      route: { screen: "study", mode: "practice", domain: d.id } as Route,
    }));
    const tagCounts = new Map<string, number>();
    for (const q of questions) for (const t of q.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    const tags = [...tagCounts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([tag, n]) => ({
        label: `#${tag}`,
        detail: `${n} questions`,
        route: { screen: "study", mode: "practice", tag } as Route,
      }));
    return [...domains, ...tags];
  }, [trainer]);

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, choices.length));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, choices.length));
      else if (bound("list", "pageDown", input, key))
        setCursor((c) => moveCursor(c, bodyHeight(rows) - 3, choices.length));
      else if (bound("list", "pageUp", input, key))
        setCursor((c) => moveCursor(c, -(bodyHeight(rows) - 3), choices.length));
      else if (bound("list", "open", input, key) && choices[cursor]) nav.push(choices[cursor].route);
    },
    { isActive: active },
  );

  const head: Line[] = ["Practise one exam domain, or every question with a tag.", ""];
  const { start, end } = windowAround(choices.length, cursor, Math.max(3, bodyHeight(rows) - head.length));
  const lines: Line[] = [
    ...head,
    ...choices.slice(start, end).map((c, i) => (
      <Text key={start + i} bold={start + i === cursor}>
        {start + i === cursor ? "› " : "  "}
        {c.label.slice(0, 34).padEnd(34)} <Text dimColor>{c.detail}</Text>
      </Text>
    )),
  ];
  return (
    <Frame
      title="Practice"
      status={`${cursor + 1}/${choices.length} `}
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter practise · q back"
      columns={columns}
      rows={rows}
    />
  );
}
