import { parseArgs } from "node:util";
import { colourLevel } from "../colour.js";
import { EXIT, type CommandContext } from "../command.js";
import type { Route } from "../../tui/context.js";

const NON_INTERACTIVE = "validate, packs, stats, progress, config, flags, doctor and lab";

/** Opens the study screens at `route`; needs a terminal. */
export async function openTrainer(ctx: CommandContext, route: Route): Promise<number> {
  if (!ctx.isTTY) {
    ctx.err(
      `ccaak-train: this screen needs an interactive terminal. Without one, use the commands that print text or --json: ${NON_INTERACTIVE} (see "ccaak-train --help").`,
    );
    return EXIT.usage;
  }
  const [{ Trainer }, { StoreError }, { loadContentIndex }] = await Promise.all([
    import("../../trainer.js"),
    import("../../store/index.js"),
    import("../../content-index.js"),
  ]);
  let trainer;
  try {
    trainer = await Trainer.open(ctx.home, Date.now, { verify: true });
    // A study session keeps a daily copy of the progress file, taken only from a file that checks out.
    trainer.store.backupIfStale(Date.now());
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    trainer?.close();
    ctx.err(`ccaak-train: ${error.message}`);
    return EXIT.failed;
  }
  // Colour is decided when chalk loads, so it is set before the screens (and ink) are imported.
  const level = colourLevel(ctx.env, trainer.store.settings().colour);
  if (level !== undefined) process.env.FORCE_COLOR = String(level);
  const { runTrainer } = await import("../../tui/run.js");
  try {
    await runTrainer(
      trainer,
      loadContentIndex(trainer.catalog.packs, { env: ctx.env, home: ctx.home, cwd: process.cwd() }),
      route,
    );
    return EXIT.ok;
  } finally {
    trainer.close();
  }
}

/** `study`, `practice`, `exam`, `review`, `read` and the bare command: each opens its screen. */
export function screenCommand(screen: "home" | "study" | "practice" | "exam" | "review" | "read") {
  return async (ctx: CommandContext): Promise<number> => {
    const parsed = parseArgs({
      args: ctx.args,
      allowPositionals: screen === "read",
      options: screen === "practice" ? { domain: { type: "string" }, tag: { type: "string" } } : {},
    });
    const { domain, tag } = parsed.values as { domain?: string; tag?: string };
    const route: Route =
      screen === "home"
        ? { screen: "home" }
        : screen === "study"
          ? { screen: "study", mode: "study" }
          : screen === "practice"
            ? domain || tag
              ? { screen: "study", mode: "practice", ...(domain ? { domain } : {}), ...(tag ? { tag } : {}) }
              : { screen: "practice" }
            : screen === "exam"
              ? { screen: "exam" }
              : screen === "review"
                ? { screen: "review" }
                : { screen: "lessons", ...(parsed.positionals[0] ? { lesson: parsed.positionals[0] } : {}) };
    return openTrainer(ctx, route);
  };
}
