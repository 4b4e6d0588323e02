/**
 * `lab env` and `lab shell`: the lab's addresses and Kafka tools for the learner's shell. Kept apart from
 * the commands that talk to Kafka so that they start without loading its client.
 */
import { spawnSync } from "node:child_process";
import { attemptPaths } from "../../../lab/attempt/paths.js";
import { requireRunningLab } from "../../../lab/control/running.js";
import { shellQuote } from "../../../lab/runtime/render.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { labEnv } from "./shared.js";

export function env(ctx: CommandContext, args: string[]): number {
  if (args.length > 0) throw new UsageError("lab env takes no arguments");
  const state = requireRunningLab(ctx.home);
  for (const [name, value] of Object.entries(labEnv(state))) ctx.out(`export ${name}=${shellQuote(value)}`);
  ctx.out(`export PATH=${shellQuote(attemptPaths(state.attemptDir).bin)}:"$PATH"`);
  return EXIT.ok;
}

export function shell(ctx: CommandContext, args: string[]): number {
  if (args.length > 0) throw new UsageError("lab shell takes no arguments");
  const state = requireRunningLab(ctx.home);
  const bin = attemptPaths(state.attemptDir).bin;
  const shellPath = ctx.env.SHELL || "/bin/sh";
  ctx.out(`Lab shell: A_BOOTSTRAP, B_BOOTSTRAP and kafka-* tools are set. Type exit to leave.`);
  const result = spawnSync(shellPath, [], {
    stdio: "inherit",
    env: { ...ctx.env, ...labEnv(state), PATH: `${bin}:${ctx.env.PATH ?? ""}` },
  });
  return result.status ?? EXIT.ok;
}
