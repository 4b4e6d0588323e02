import { useInput, type Key } from "ink";
import { useState } from "react";
import { useScreen } from "./context.js";
import { Frame, bodyHeight, windowStart, type Line } from "./frame.js";
import { bound } from "./keymap.js";
import { useTerminalSize } from "./terminal-size.js";

/**
 * A page of lines to read: arrows and page keys scroll it, q/Esc goes back. `onKey` sees every other
 * key first (a lesson's P, say) and returns true when it used it.
 */
export function ScrollPage({
  title,
  lines,
  hints = "↑↓ PgUp PgDn scroll · q back",
  onBack,
  onKey,
}: {
  title: string;
  lines: readonly Line[];
  hints?: string;
  onBack?: () => void;
  onKey?: (input: string, key: Key) => boolean;
}) {
  const { nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const height = bodyHeight(rows);
  const scroll = (delta: number) => setOffset((o) => windowStart(o + delta, lines.length, rows));
  useInput(
    (input, key) => {
      if (onKey?.(input, key)) return;
      if (bound("global", "back", input, key)) (onBack ?? nav.pop)();
      else if (bound("list", "down", input, key)) scroll(1);
      else if (bound("list", "up", input, key)) scroll(-1);
      else if (bound("list", "pageDown", input, key)) scroll(height - 1);
      else if (bound("list", "pageUp", input, key)) scroll(-(height - 1));
    },
    { isActive: active },
  );
  return <Frame title={title} lines={lines} offset={offset} hints={hints} columns={columns} rows={rows} />;
}
