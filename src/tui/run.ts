import { render } from "ink";
import { createElement } from "react";
import type { Trainer } from "../trainer.js";
import { App } from "./app.js";
import type { ContentIndex, Route } from "./context.js";

/** Opens the screens at `start` and resolves when the learner quits. */
export async function runTrainer(trainer: Trainer, content: ContentIndex, start: Route): Promise<void> {
  const app = render(createElement(App, { trainer, content, start }), { exitOnCtrlC: true });
  await app.waitUntilExit();
}
