import { Text, useInput } from "ink";
import { useMemo, useState } from "react";
import { useScreen } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { moveCursor, windowAround } from "../list.js";
import { ScrollPage } from "../scroll-page.js";
import { markdownLines } from "../text.js";
import { useTerminalSize } from "../terminal-size.js";

/** The lessons in `content/`: a list, then one lesson, scrollable, with its questions and labs. */
export function LessonsScreen({ lesson }: { lesson?: string }) {
  const { content, nav, active, trainer } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<string | null>(lesson ?? null);
  const height = bodyHeight(rows);
  const current = content.lessons.find((l) => l.id === open);
  const width = Math.max(20, columns - 1);
  const lines = useMemo(() => {
    if (!current) return [];
    const tagged = trainer.allQuestions.filter((q) => current.tags.some((t) => q.tags.includes(t))).length;
    const footer = [
      "",
      `Practise this lesson's questions: press P (${tagged} questions tagged ${current.tags.map((t) => `#${t}`).join(", ")}).`,
      ...(current.labs.length > 0
        ? [`Labs: ${current.labs.map((l) => `ccaak-train lab start ${l}`).join(" · ")}`]
        : []),
    ];
    return [...markdownLines(current.body, width), ...footer];
  }, [current, width, trainer]);

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, content.lessons.length));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, content.lessons.length));
      else if (bound("list", "open", input, key) && content.lessons[cursor])
        setOpen(content.lessons[cursor].id);
    },
    { isActive: active && !current },
  );

  if (current) {
    return (
      <ScrollPage
        key={current.id}
        title={`Lesson · ${current.title}`}
        lines={lines}
        hints="↑↓ PgUp PgDn scroll · P practise · q back"
        onBack={() => (lesson ? nav.pop() : setOpen(null))}
        onKey={(input) => {
          if (input !== "P" || !current.tags[0]) return false;
          nav.push({ screen: "study", mode: "practice", tag: current.tags[0] });
          return true;
        }}
      />
    );
  }
  if (content.lessons.length === 0) {
    return (
      <Frame
        title="Lessons"
        lines={["No lessons are installed yet."]}
        offset={0}
        hints="q back"
        columns={columns}
        rows={rows}
      />
    );
  }
  const { start, end } = windowAround(content.lessons.length, cursor, height);
  const list: Line[] = content.lessons.slice(start, end).map((l, i) => (
    <Text key={l.id} bold={start + i === cursor}>
      {start + i === cursor ? "› " : "  "}
      {l.title}
    </Text>
  ));
  return (
    <Frame
      title="Lessons"
      lines={list}
      offset={0}
      hints="↑↓ move · Enter read · q back"
      columns={columns}
      rows={rows}
    />
  );
}
