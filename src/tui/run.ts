import { render } from "ink";
import { createElement } from "react";
import type { Trainer } from "../trainer.js";
import { App } from "./app.js";
import { loadContentIndex } from "./content-index.js";
import type { Route } from "./context.js";

/** Opens the screens at `start` and resolves when the learner quits. */
export async function runTrainer(trainer: Trainer, start: Route): Promise<void> {
  const content = loadContentIndex(trainer.catalog.packs);
  const app = render(createElement(App, { trainer, content, start }), { exitOnCtrlC: true });
  await app.waitUntilExit();
}
