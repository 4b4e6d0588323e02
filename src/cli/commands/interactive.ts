import { parseArgs } from "node:util";
import { colourLevel } from "../colour.js";
import { EXIT, requireSafeId, UsageError, type CommandContext } from "../command.js";
import type { ExamOptions } from "../../trainer.js";
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
  // The screens run only in a terminal (checked above). ink reads `CI` when it loads and, if set,
  // draws nothing until the program ends, as on a build server; a learner's shell may carry it.
  for (const name of ["CI", "CONTINUOUS_INTEGRATION"]) if (name in process.env) process.env[name] = "false";
  const { runTrainer } = await import("../../tui/run.js");
  try {
    return await runTrainer(
      trainer,
      loadContentIndex(trainer.catalog.packs, { env: ctx.env, home: ctx.home, cwd: process.cwd() }),
      route,
    );
  } finally {
    trainer.close();
  }
}

type ScreenName = "home" | "study" | "practice" | "exam" | "review" | "read";

const OPTIONS = {
  home: {},
  study: {},
  practice: {
    domain: { type: "string" },
    tag: { type: "string" },
    missed: { type: "boolean" },
    exam: { type: "string" },
  },
  exam: {
    questions: { type: "string" },
    minutes: { type: "string" },
    domain: { type: "string", multiple: true },
    untimed: { type: "boolean" },
    missed: { type: "boolean" },
    "strict-time": { type: "boolean" },
    resume: { type: "boolean" },
  },
  review: {},
  read: {},
} as const;

/** `study`, `practice`, `exam`, `review`, `read` and the bare command: each opens its screen. */
export function screenCommand(screen: ScreenName) {
  return async (ctx: CommandContext): Promise<number> => openTrainer(ctx, routeFor(screen, ctx.args));
}

/** The screen a command line opens, with its options checked (bad usage throws). */
export function routeFor(screen: ScreenName, args: string[]): Route {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: screen === "read",
    options: OPTIONS[screen],
  });
  const v = values as Record<string, string | string[] | boolean | undefined>;
  const str = (name: string) => v[name] as string | undefined;
  switch (screen) {
    case "home":
      return { screen: "home" };
    case "study":
      return { screen: "study", mode: "study" };
    case "practice": {
      const domain = str("domain");
      const tag = str("tag");
      const examId =
        str("exam") === undefined
          ? undefined
          : wholeNumber("--exam", str("exam")!, 1, Number.MAX_SAFE_INTEGER);
      if (examId !== undefined && !v.missed) throw new UsageError("--exam N goes with --missed");
      if (v.missed)
        return { screen: "study", mode: "practice", missed: examId === undefined ? {} : { examId } };
      return domain || tag
        ? {
            screen: "study",
            mode: "practice",
            ...(domain ? { domain: requireSafeId("domain", domain) } : {}),
            ...(tag ? { tag } : {}),
          }
        : { screen: "practice" };
    }
    case "exam": {
      if (v.resume) {
        if (Object.keys(v).some((k) => k !== "resume" && v[k] !== undefined))
          throw new UsageError("--resume takes no other option: the exam goes on as it was started");
        return { screen: "exam", resume: true };
      }
      if (v.untimed && str("minutes")) throw new UsageError("--untimed and --minutes do not go together");
      const domains = ((v.domain as string[] | undefined) ?? []).map((d) => requireSafeId("domain", d));
      const options: ExamOptions = {
        ...(str("questions") ? { questions: wholeNumber("--questions", str("questions")!, 1, 500) } : {}),
        ...(str("minutes") ? { minutes: wholeNumber("--minutes", str("minutes")!, 1, 600) } : {}),
        ...(v.untimed ? { untimed: true } : {}),
        ...(domains.length > 0 ? { domains } : {}),
        ...(v.missed ? { missed: true } : {}),
        ...(v["strict-time"] ? { strictTime: true } : {}),
      };
      return Object.keys(options).length > 0 ? { screen: "exam", options } : { screen: "exam" };
    }
    case "review":
      return { screen: "review" };
    case "read":
      return { screen: "lessons", ...(positionals[0] ? { lesson: positionals[0] } : {}) };
  }
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  return n;
}
