/** `ccaak-train lab ...`: one module per group of subcommands, the formatting in `format.ts`. */
import { LabUserError } from "../../../lab/errors.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";

// Each group of subcommands is loaded when it is asked for: `lab env` and `lab shell` then start without
// the Kafka client, which takes most of a lab command's start-up.
const lifeCycle = () => import("./life-cycle.js");
const environment = () => import("./environment.js");
const actions = () => import("./actions.js");
const grading = () => import("./grading.js");
const observe = () => import("./observe.js");
const prometheus = () => import("./metrics.js");

const SUBCOMMANDS =
  "list, start, reset, status, env, shell, app, dns, checkpoints, metrics, rules, mm2, fault, proceed, declare, hint, grade, report, history, stop";

export async function run(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  try {
    switch (sub) {
      case "list":
        return (await lifeCycle()).list(ctx, rest);
      case "start":
        return await (await lifeCycle()).start(ctx, rest);
      case "reset":
        return await (await lifeCycle()).start(ctx, rest, true);
      case "mm2":
        return await (await actions()).mm2(ctx, rest);
      case "proceed":
        return await (await actions()).proceedCommand(ctx, rest);
      case "declare":
        return (await actions()).declareCommand(ctx, rest);
      case "hint":
        return (await grading()).hint(ctx, rest);
      case "grade":
        return await (await grading()).grade(ctx, rest);
      case "report":
        return await (await grading()).report(ctx, rest);
      case "history":
        return (await grading()).history(ctx, rest);
      case "status":
        return await (await observe()).status(ctx, rest);
      case "env":
        return (await environment()).env(ctx, rest);
      case "shell":
        return (await environment()).shell(ctx, rest);
      case "app":
        return await (await actions()).app(ctx, rest);
      case "dns":
        return await (await actions()).dns(ctx, rest);
      case "checkpoints":
        return await (await observe()).checkpoints(ctx, rest);
      case "fault":
        return await (await actions()).fault(ctx, rest);
      case "metrics":
        return await (await prometheus()).metrics(ctx, rest);
      case "rules":
        return await (await prometheus()).rules(ctx, rest);
      case "stop":
        return await (await lifeCycle()).stop(ctx, rest);
      default:
        throw new UsageError(
          sub ? `unknown lab command "${sub}" (one of ${SUBCOMMANDS})` : `one of ${SUBCOMMANDS}`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))
      throw new UsageError((error as Error).message);
    const known = error instanceof LabUserError;
    ctx.err(`ccaak-train lab ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && ctx.env.CCAAK_DEBUG) ctx.err(error.stack ?? "");
    return EXIT.failed;
  }
}
