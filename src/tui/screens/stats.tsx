import { useInput } from "ink";
import { useMemo, useState } from "react";
import { formatStats } from "../../study/index.js";
import { useScreen } from "../context.js";
import { Frame, bodyHeight } from "../frame.js";
import { bound } from "../keymap.js";
import { clampOffset } from "../lines.js";
import { useTerminalSize } from "../terminal-size.js";

/** The same report as `ccaak-train stats`, scrollable. */
export function StatsScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const lines = useMemo(
    () =>
      formatStats(trainer.stats(), {
        database: trainer.store.file,
        pack: trainer.studyPack?.manifest.id ?? null,
        passPercent: trainer.passPercent(),
      }).split("\n"),
    [trainer],
  );
  const height = bodyHeight(rows);
  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "down", input, key)) setOffset((o) => clampOffset(o + 1, height, lines.length));
      else if (bound("list", "up", input, key)) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );
  return (
    <Frame
      title="Stats"
      lines={lines}
      offset={clampOffset(offset, height, lines.length)}
      hints="↑↓ scroll · q back"
      columns={columns}
      rows={rows}
    />
  );
}
