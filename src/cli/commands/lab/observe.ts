/** `lab status` and `lab checkpoints`: the running lab as it is now, read-only. */
import { parseArgs } from "node:util";
import { requireRunningLab } from "../../../lab/control/running.js";
import { readCheckpoints } from "../../../lab/inspect/mm2.js";
import { collectStatus } from "../../../lab/inspect/status.js";
import { runtimeFor } from "../../../lab/runtime/runtimes.js";
import { EXIT, type CommandContext } from "../../command.js";
import { formatCheckpoints, formatStatus, toJson } from "./format.js";
import { region } from "./shared.js";

export async function status(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const state = requireRunningLab(ctx.home);
  const report = await collectStatus(state, runtimeFor(state.runtime));
  ctx.out(values.json ? toJson(report) : formatStatus(report));
  return EXIT.ok;
}

export async function checkpoints(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { group: { type: "string" }, on: { type: "string" }, json: { type: "boolean" } },
  });
  const state = requireRunningLab(ctx.home);
  const on = region(values.on ?? "B");
  const list = await readCheckpoints(state.layout.regions[on].bootstrap, on, values.group);
  if (values.json) {
    ctx.out(toJson(list));
    return EXIT.ok;
  }
  if (list.length === 0) {
    ctx.out(
      `No checkpoints${values.group ? ` for group ${values.group}` : ""} in ${on === "B" ? "A" : "B"}.checkpoints.internal on ${on} yet.`,
    );
    return EXIT.ok;
  }
  for (const line of formatCheckpoints(list)) ctx.out(line);
  return EXIT.ok;
}
