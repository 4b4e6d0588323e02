/** `ccaak-train lab ...`: one module per group of subcommands, the formatting in `format.ts`. */
import { LabIncompatibleError, LabRunningError } from "../../../lab/control/life-cycle.js";
import { Mm2FileError } from "../../../lab/control/actions.js";
import { UnknownAttemptError } from "../../../lab/control/report.js";
import { NoLabError } from "../../../lab/control/running.js";
import { LabDefinitionError } from "../../../lab/definition/bundled.js";
import { PortsTakenError } from "../../../lab/runtime/local.js";
import { ToolchainError } from "../../../lab/runtime/toolchain.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { app, declareCommand, dns, fault, mm2, proceedCommand } from "./actions.js";
import { grade, hint, history, report } from "./grading.js";
import { env, list, shell, start, stop } from "./life-cycle.js";
import { checkpoints, status } from "./observe.js";

const SUBCOMMANDS =
  "list, start, reset, status, env, shell, app, dns, checkpoints, mm2, fault, proceed, declare, hint, grade, report, history, stop";

export async function run(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  try {
    switch (sub) {
      case "list":
        return list(ctx, rest);
      case "start":
        return await start(ctx, rest);
      case "reset":
        return await start(ctx, rest, true);
      case "mm2":
        return await mm2(ctx, rest);
      case "proceed":
        return await proceedCommand(ctx, rest);
      case "declare":
        return declareCommand(ctx, rest);
      case "hint":
        return hint(ctx, rest);
      case "grade":
        return await grade(ctx, rest);
      case "report":
        return await report(ctx, rest);
      case "history":
        return history(ctx, rest);
      case "status":
        return await status(ctx, rest);
      case "env":
        return env(ctx, rest);
      case "shell":
        return shell(ctx, rest);
      case "app":
        return await app(ctx, rest);
      case "dns":
        return await dns(ctx, rest);
      case "checkpoints":
        return await checkpoints(ctx, rest);
      case "fault":
        return await fault(ctx, rest);
      case "stop":
        return await stop(ctx, rest);
      default:
        throw new UsageError(
          sub ? `unknown lab command "${sub}" (one of ${SUBCOMMANDS})` : `one of ${SUBCOMMANDS}`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))
      throw new UsageError((error as Error).message);
    const known =
      error instanceof NoLabError ||
      error instanceof LabRunningError ||
      error instanceof PortsTakenError ||
      error instanceof ToolchainError ||
      error instanceof LabIncompatibleError ||
      error instanceof LabDefinitionError ||
      error instanceof Mm2FileError ||
      error instanceof UnknownAttemptError;
    ctx.err(`ccaak-train lab ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && ctx.env.CCAAK_DEBUG) ctx.err(error.stack ?? "");
    return EXIT.failed;
  }
}
