import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import {
  applyFault,
  LabRunningError,
  requireRunningLab,
  setApp,
  setDns,
  startLab,
  stopLab,
  NoLabError,
  type Fault,
} from "../../lab/lab.js";
import { readCheckpoints } from "../../lab/inspect/mm2.js";
import { collectStatus, type LabStatus } from "../../lab/inspect/status.js";
import { DEFAULT_BASE_PORT } from "../../lab/runtime/layout.js";
import { PortsTakenError } from "../../lab/runtime/local.js";
import { shellQuote } from "../../lab/runtime/render.js";
import { attemptPaths, type LabState } from "../../lab/runtime/state.js";
import { ToolchainError } from "../../lab/runtime/toolchain.js";
import { findLabSpec, labSpecs, type Region } from "../../lab/spec.js";
import type { AppName } from "../../lab/workload/files.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

const SUBCOMMANDS = "list, start, status, env, shell, app, dns, checkpoints, fault, stop";

function region(value: string | undefined): Region {
  const upper = value?.toUpperCase();
  if (upper !== "A" && upper !== "B")
    throw new UsageError(`expected a region, A or B (got ${value ?? "nothing"})`);
  return upper;
}

function portBase(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = value ?? env.CCAAK_LAB_PORT_BASE;
  if (raw === undefined) return DEFAULT_BASE_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65_000) throw new UsageError(`bad port base ${raw}`);
  return port;
}

function labEnv(state: LabState): Record<string, string> {
  return {
    A_BOOTSTRAP: state.layout.regions.A.bootstrap,
    B_BOOTSTRAP: state.layout.regions.B.bootstrap,
    CCAAK_LAB_DIR: state.attemptDir,
  };
}

const toJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v), 2);

export async function run(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  try {
    switch (sub) {
      case "list":
        for (const spec of Object.values(labSpecs)) ctx.out(`${spec.id.padEnd(12)} ${spec.title}`);
        return EXIT.ok;
      case "start":
        return await start(ctx, rest);
      case "status":
        return await status(ctx, rest);
      case "env":
        return env(ctx, rest);
      case "shell":
        return shell(ctx, rest);
      case "app":
        return await app(ctx, rest);
      case "dns":
        return dns(ctx, rest);
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
      error instanceof ToolchainError;
    ctx.err(`ccaak-train lab ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && ctx.env.CCAAK_DEBUG) ctx.err(error.stack ?? "");
    return EXIT.failed;
  }
}

async function start(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "port-base": { type: "string" }, runtime: { type: "string" }, json: { type: "boolean" } },
  });
  const [labId] = positionals;
  if (!labId || positionals.length > 1)
    throw new UsageError("lab start LAB (for example: lab start sandbox)");
  const spec = findLabSpec(labId);
  if (!spec) throw new UsageError(`no lab "${labId}"; labs: ${Object.keys(labSpecs).join(", ")}`);
  const runtime = values.runtime ?? "local";
  if (runtime !== "local" && runtime !== "docker") throw new UsageError(`--runtime is local or docker`);
  const log = values.json ? ctx.err : ctx.out;
  const result = await startLab(spec, {
    home: ctx.home,
    env: ctx.env,
    basePort: portBase(values["port-base"], ctx.env),
    runtime,
    log,
  });
  const { state } = result;
  if (values.json) {
    ctx.out(
      toJson({
        lab: state.labId,
        attemptDir: state.attemptDir,
        secondsToReady: result.secondsToReady,
        ...labEnv(state),
      }),
    );
    return EXIT.ok;
  }
  ctx.out(
    [
      `Lab ${state.labId} is ready in ${result.secondsToReady.toFixed(1)} s (Kafka ${state.kafkaVersion}, ${state.runtime} runtime).`,
      `  region A: ${state.layout.regions.A.bootstrap}`,
      `  region B: ${state.layout.regions.B.bootstrap}`,
      `  files:    ${state.attemptDir}`,
      "",
      "Next:",
      '  eval "$(ccaak-train lab env)"   # A_BOOTSTRAP, B_BOOTSTRAP and kafka-* tools on PATH',
      "  ccaak-train lab status",
      "  ccaak-train lab stop",
    ].join("\n"),
  );
  return EXIT.ok;
}

async function status(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const report = await collectStatus(requireRunningLab(ctx.home));
  ctx.out(values.json ? toJson(report) : formatStatus(report));
  return EXIT.ok;
}

function ago(iso: string): string {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

export function formatStatus(s: LabStatus): string {
  const lines = [
    `Lab ${s.lab} (${s.runtime} runtime, Kafka ${s.kafkaVersion}), started ${ago(s.startedAt)} ago`,
    "",
  ];
  lines.push("Nodes");
  for (const n of s.nodes) {
    const live = n.process === "running" ? (n.listening ? "up" : "starting/not listening") : n.process;
    lines.push(
      `  ${n.name.padEnd(4)} pid ${String(n.pid ?? "-").padEnd(7)} ${live.padEnd(8)} client ${n.clientPort}  controller ${n.controllerPort}  rack ${n.rack ?? "-"}`,
    );
  }
  for (const r of ["A", "B"] as const) {
    const region = s.regions[r];
    lines.push(
      `Region ${r}: ${region.reachable ? `reachable, brokers ${region.brokers.join(",")}` : "UNREACHABLE"} (${region.bootstrap})`,
    );
  }
  if (s.mm2) {
    lines.push("", `MirrorMaker 2: pid ${s.mm2.pid ?? "-"} ${s.mm2.process}`);
    for (const c of s.mm2.connectors) {
      lines.push(`  ${c.connector}${c.task === null ? "" : ` task ${c.task}`}: ${c.state}`);
    }
    if (s.mm2.lastHeartbeatAgeMs !== null)
      lines.push(`  last heartbeat on B: ${(s.mm2.lastHeartbeatAgeMs / 1000).toFixed(1)} s ago`);
    if (s.mm2.error) lines.push(`  (${s.mm2.error})`);
    for (const t of s.mirroredTopics) {
      const parts = t.partitions.map((p) => `p${p.partition} ${p.targetEnd}/${p.sourceEnd}`).join(", ");
      lines.push(
        `  ${t.source} -> ${t.target}: lag ${t.partitions.length ? t.totalLag : "unknown"}${parts ? ` (B/A end offsets: ${parts})` : ""}`,
      );
    }
  }
  if (s.dns) lines.push("", `DNS ${s.dns.name} -> region ${s.dns.region} (${s.dns.bootstrap})`);
  if (s.apps.length > 0) lines.push("", "Applications");
  for (const a of s.apps) {
    const st = a.status;
    const state = a.running ? (st?.state ?? "running") : "stopped";
    const counts =
      a.app === "producer"
        ? `produced ${a.counts.produced}, acked ${a.counts.acked}, failed ${a.counts.failed}`
        : `consumed ${a.counts.consumed}, committed ${a.counts.committed}, duplicates ${a.counts.duplicates}`;
    lines.push(
      `  ${a.app.padEnd(9)} pid ${String(a.pid ?? "-").padEnd(7)} ${state.padEnd(9)} -> region ${st?.region ?? "?"}  ${counts}`,
    );
    if (a.running && st?.state === "retrying" && st.lastError)
      lines.push(`            last error: ${st.lastError}`);
  }
  lines.push("", "Timeline");
  for (const e of s.timeline) {
    lines.push(`  ${e.at.slice(11, 19)}  ${e.event}${e.detail ? ` ${JSON.stringify(e.detail)}` : ""}`);
  }
  return lines.join("\n");
}

function env(ctx: CommandContext, args: string[]): number {
  if (args.length > 0) throw new UsageError("lab env takes no arguments");
  const state = requireRunningLab(ctx.home);
  for (const [name, value] of Object.entries(labEnv(state))) ctx.out(`export ${name}=${shellQuote(value)}`);
  ctx.out(`export PATH=${shellQuote(attemptPaths(state.attemptDir).bin)}:"$PATH"`);
  return EXIT.ok;
}

function shell(ctx: CommandContext, args: string[]): number {
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

async function app(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, name, ...extra] = args;
  if (
    (action !== "start" && action !== "stop") ||
    (name !== "producer" && name !== "consumer") ||
    extra.length
  ) {
    throw new UsageError("lab app stop|start producer|consumer");
  }
  const changed = await setApp(ctx.home, action, name as AppName);
  ctx.out(changed ? `${name}: ${action === "start" ? "started" : "stopped"}` : `${name} was not running`);
  return EXIT.ok;
}

function dns(ctx: CommandContext, args: string[]): number {
  const [action, target, ...extra] = args;
  if (action !== "set" || extra.length) throw new UsageError("lab dns set A|B");
  const r = region(target);
  setDns(ctx.home, r);
  ctx.out(`kafka.orders.lab now resolves to region ${r}; applications pick it up when they (re)start.`);
  return EXIT.ok;
}

async function checkpoints(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { group: { type: "string" }, json: { type: "boolean" } } });
  const state = requireRunningLab(ctx.home);
  if (!state.spec.mm2) throw new UsageError(`lab ${state.labId} runs no MirrorMaker 2`);
  const list = await readCheckpoints(state, values.group);
  if (values.json) {
    ctx.out(toJson(list));
    return EXIT.ok;
  }
  if (list.length === 0) {
    ctx.out(
      `No checkpoints${values.group ? ` for group ${values.group}` : ""} in A.checkpoints.internal yet.`,
    );
    return EXIT.ok;
  }
  const rows = [["GROUP", "TOPIC", "PARTITION", "UPSTREAM-OFFSET", "TRANSLATED-OFFSET"]];
  for (const c of list) {
    rows.push([c.group, c.topic, String(c.partition), String(c.upstreamOffset), String(c.downstreamOffset)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    ctx.out(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  return EXIT.ok;
}

const FAULTS =
  "kill-node|freeze-node|thaw-node|start-node NODE, kill-region|start-region A|B, stop-mm2|start-mm2";

async function fault(ctx: CommandContext, args: string[]): Promise<number> {
  const [kind, target, ...extra] = args;
  if (extra.length) throw new UsageError(`lab fault ${FAULTS}`);
  let f: Fault;
  switch (kind) {
    case "kill-node":
    case "freeze-node":
    case "thaw-node":
    case "start-node":
      if (!target) throw new UsageError(`lab fault ${kind} NODE (for example A-2)`);
      f = { kind, node: target };
      break;
    case "kill-region":
    case "start-region":
      f = { kind, region: region(target) };
      break;
    case "stop-mm2":
    case "start-mm2":
      f = { kind };
      break;
    default:
      throw new UsageError(`lab fault ${FAULTS}`);
  }
  await applyFault(ctx.home, f);
  ctx.out(`${kind}${target ? ` ${target}` : ""}: done`);
  return EXIT.ok;
}

async function stop(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const result = await stopLab(ctx.home);
  const clean = result.leftoverPids.length === 0 && result.leftoverPorts.length === 0;
  if (values.json) ctx.out(toJson({ ...result, clean }));
  else if (!result.stopped) ctx.out("No lab was running.");
  else if (clean) ctx.out(`Lab stopped in ${result.seconds.toFixed(1)} s; no process or port left.`);
  else {
    ctx.err(
      `Lab stopped, but processes ${result.leftoverPids.join(", ") || "none"} and ports ${result.leftoverPorts.join(", ") || "none"} remain.`,
    );
  }
  return clean ? EXIT.ok : EXIT.failed;
}
