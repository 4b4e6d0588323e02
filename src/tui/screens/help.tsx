import { Text } from "ink";
import type { Route } from "../context.js";
import { Frame, type Line } from "../frame.js";
import { helpLines, type KeyGroup } from "../keymap.js";
import { useTerminalSize } from "../terminal-size.js";

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

/** Every key the current screen understands, straight from the keymap. */
export function HelpScreen({ route }: { route: Route }) {
  const { columns, rows } = useTerminalSize();
  const entries = helpLines(GROUPS[route.screen]);
  const keyWidth = Math.max(...entries.map((e) => e.keys.length));
  const lines: Line[] = entries.map((e, i) => (
    <Text key={i}>
      <Text bold>{e.keys.padEnd(keyWidth)}</Text> {e.label}
    </Text>
  ));
  return <Frame title="Keys" lines={lines} offset={0} hints="? or q: close" columns={columns} rows={rows} />;
}
