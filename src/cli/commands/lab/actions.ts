/** The learner's actions: `lab app`, `dns`, `mm2`, `fault`, `proceed` and `declare`. */
import { declare, setApp, setDns, startLearnerMm2, stopLearnerMm2 } from "../../../lab/control/actions.js";
import { applyFault, proceed } from "../../../lab/control/faults.js";
import { FAULT_USAGE, isMm2Fault, isNodeFault, isRegionFault, type Fault } from "../../../lab/fault.js";
import { DNS_NAME, type AppName } from "../../../lab/workload/files.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { region } from "./shared.js";

export async function mm2(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, file, ...extra] = args;
  if (action === "start" && file && extra.length === 0) {
    const { clusters } = await startLearnerMm2(ctx.home, file);
    ctx.out(
      `MirrorMaker 2 started with ${file} (--clusters ${clusters.join(" ")}); its log: $CCAAK_LAB_DIR/logs/mm2.log`,
    );
    return EXIT.ok;
  }
  if (action === "stop" && !file) {
    ctx.out((await stopLearnerMm2(ctx.home)) ? "MirrorMaker 2 stopped." : "MirrorMaker 2 was not started.");
    return EXIT.ok;
  }
  throw new UsageError("lab mm2 start FILE | lab mm2 stop");
}

export async function proceedCommand(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError("lab proceed takes no arguments");
  await proceed(ctx.home, (line) => ctx.out(`${new Date().toISOString().slice(11, 19)}  ${line}`));
  ctx.out("Done. Run ccaak-train lab grade when you are ready.");
  return EXIT.ok;
}

export function declareCommand(ctx: CommandContext, args: string[]): number {
  const [name, value, ...extra] = args;
  const n = Number(value);
  if (name !== "lost" || !Number.isInteger(n) || n < 0 || extra.length)
    throw new UsageError("lab declare lost N (the acknowledged records you found lost)");
  declare(ctx.home, name, n);
  ctx.out(`Declared: ${n} records lost.`);
  return EXIT.ok;
}

export async function app(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, name, ...extra] = args;
  if (
    (action !== "start" && action !== "stop") ||
    (name !== "producer" && name !== "consumer" && name !== "smoke") ||
    extra.length
  ) {
    throw new UsageError("lab app stop|start producer|consumer|smoke");
  }
  const changed = await setApp(ctx.home, action, name as AppName);
  ctx.out(changed ? `${name}: ${action === "start" ? "started" : "stopped"}` : `${name} was not running`);
  return EXIT.ok;
}

export async function dns(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, target, ...extra] = args;
  if (action !== "set" || extra.length) throw new UsageError("lab dns set A|B");
  const r = region(target);
  await setDns(ctx.home, r);
  ctx.out(`${DNS_NAME} now resolves to region ${r}; applications pick it up when they (re)start.`);
  return EXIT.ok;
}

export async function fault(ctx: CommandContext, args: string[]): Promise<number> {
  const [kind = "", target, ...extra] = args;
  if (extra.length) throw new UsageError(`lab fault ${FAULT_USAGE}`);
  let f: Fault;
  if (isNodeFault(kind)) {
    if (!target) throw new UsageError(`lab fault ${kind} NODE (for example A-2)`);
    f = { fault: kind, node: target };
  } else if (isRegionFault(kind)) f = { fault: kind, region: region(target) };
  else if (isMm2Fault(kind)) f = { fault: kind };
  else throw new UsageError(`lab fault ${FAULT_USAGE}`);
  await applyFault(ctx.home, f);
  ctx.out(`${kind}${target ? ` ${target}` : ""}: done`);
  return EXIT.ok;
}
