import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { render } from "ink-testing-library";
import { collect, loadPack } from "../../src/catalog/index.js";
import { openStore } from "../../src/store/index.js";
import { Trainer } from "../../src/trainer.js";
import { App } from "../../src/tui/app.js";
import type { ContentIndex, Route } from "../../src/tui/context.js";

export const KEY = { enter: "\r", up: "\u001B[A", down: "\u001B[B", escape: "\u001B", space: " " };

const pack = path.resolve(import.meta.dirname, "../fixtures/tui-pack");

/**
 * The study app on the screen-test pack, a real progress database in a temporary folder, and a clock
 * the test moves by hand.
 */
export function openApp(
  start: Route,
  content: ContentIndex = { lessons: [], labs: [] },
  options: {
    /** The terminal's size (ink-testing-library's is 100 columns; rows default to 24). */
    size?: { columns: number; rows: number };
    /** Another question pack folder. */
    pack?: string;
    /** Show the first-start welcome page, as a new progress database does. */
    firstRun?: boolean;
  } = {},
) {
  const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-tui-"));
  const clock = { now: Date.UTC(2026, 10, 24, 9, 0, 0) };
  const trainer = new Trainer(
    collect([loadPack(options.pack ?? pack, "path")]),
    openStore(path.join(home, "progress.db")),
    () => clock.now,
  );
  if (!options.firstRun) trainer.store.updateSettings({ welcomeSeen: true });
  const app = render(<App trainer={trainer} content={content} start={start} />);
  if (options.size) {
    Object.defineProperty(app.stdout, "columns", { value: options.size.columns });
    Object.defineProperty(app.stdout, "rows", { value: options.size.rows });
    app.stdout.emit("resize");
  }
  const frame = () => app.lastFrame() ?? "";
  return {
    app,
    trainer,
    clock,
    frame,
    /** Types keys one at a time; after each, waits for the screen to change (or a short while). */
    async press(...keys: string[]) {
      for (const key of keys) {
        const before = frame();
        app.stdin.write(key);
        const deadline = Date.now() + 400;
        while (frame() === before && Date.now() < deadline) await pause(10);
        await pause(20);
      }
    },
    /** The number shown before the option or item whose text contains `text`. */
    numberOf(text: string): string {
      const line = frame()
        .split("\n")
        .find((l) => l.includes(text) && /\d+\./.test(l));
      const match = line?.match(/(\d+)\.\s/);
      if (!match) throw new Error(`no numbered line with "${text}" in:\n${frame()}`);
      return match[1]!;
    },
    close() {
      app.unmount();
      trainer.close();
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Long enough for ink to draw and for a newly mounted screen to attach its key handlers. */
export const settle = () => pause(150);
