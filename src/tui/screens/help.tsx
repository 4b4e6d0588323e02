import { useInput } from "ink";
import { useState } from "react";
import type { Route } from "../context.js";
import { Frame, bodyHeight, windowStart } from "../frame.js";
import { bound, helpLines, type KeyGroup } from "../keymap.js";
import { useTerminalSize } from "../terminal-size.js";
import { hanging, style } from "../text.js";

const GROUPS: Record<Route["screen"], KeyGroup[]> = {
  home: ["list", "global"],
  study: ["answer", "feedback", "global"],
  practice: ["list", "global"],
  exam: ["answer", "exam", "global"],
  results: ["list", "results", "global"],
  review: ["list", "global"],
  lessons: ["list", "global"],
  labs: ["list", "global"],
  stats: ["list", "global"],
  settings: ["list", "global"],
};

/** On the home screen, the help also opens the welcome page again (the app handles the key). */
export const WELCOME_KEY = "w";

/** Every key the current screen understands, straight from the keymap, wrapped and scrollable. */
export function HelpScreen({ route }: { route: Route }) {
  const { columns, rows } = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const entries = [
    ...(route.screen === "home"
      ? [{ keys: WELCOME_KEY, label: "the welcome page: study, mock exam, labs and the predicted score" }]
      : []),
    ...helpLines(GROUPS[route.screen]),
  ];
  const keyWidth = Math.max(...entries.map((e) => e.keys.length));
  const lines = entries.flatMap((e) =>
    hanging(`${style.bold(e.keys.padEnd(keyWidth))} `, e.label, Math.max(20, columns - 1)),
  );
  const scroll = (by: number) => setOffset((o) => windowStart(o + by, lines.length, rows));
  useInput((input, key) => {
    if (bound("list", "down", input, key)) scroll(1);
    else if (bound("list", "up", input, key)) scroll(-1);
    else if (bound("list", "pageDown", input, key)) scroll(bodyHeight(rows) - 1);
    else if (bound("list", "pageUp", input, key)) scroll(-(bodyHeight(rows) - 1));
  });
  return (
    <Frame title="Keys" lines={lines} offset={offset} hints="? or q: close" columns={columns} rows={rows} />
  );
}
