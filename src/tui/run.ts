import { render } from "ink";
import { createElement } from "react";
import type { Trainer } from "../trainer.js";
import { App } from "./app.js";
import type { ContentIndex, Route } from "./context.js";
import { interrupt, interruptedExitCode, SIGNAL_EXIT } from "./exit.js";

/**
 * Opens the screens at `start` and resolves with the exit code when the learner quits (0) or the
 * program is interrupted (Ctrl-C, SIGTERM, a closed terminal: 130, 143, 129), after the screens have
 * saved what they hold.
 */
export async function runTrainer(trainer: Trainer, content: ContentIndex, start: Route): Promise<number> {
  // Ctrl-C is a key in raw mode: the app handles it (see App) so that a running exam is saved first.
  const app = render(createElement(App, { trainer, content, start }), { exitOnCtrlC: false });
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((signal) => {
    const handler = () => {
      interrupt(signal);
      app.unmount();
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    await app.waitUntilExit();
  } finally {
    for (const off of handlers) off();
  }
  return interruptedExitCode() ?? 0;
}
