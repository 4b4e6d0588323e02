import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import {
  applyFault,
  declare,
  LabIncompatibleError,
  LabRunningError,
  Mm2FileError,
  proceed,
  requireRunningLab,
  resetLab,
  setApp,
  setDns,
  startLab,
  startLearnerMm2,
  stopLab,
  stopLearnerMm2,
  NoLabError,
  type Fault,
} from "../../lab/lab.js";
import type { LabDefinition } from "../../catalog/lab-file.js";
import {
  LabDefinitionError,
  listLabDefinitions,
  loadLabDefinition,
  toTopology,
} from "../../lab/definitions.js";
import { gradeLab, hintsUsed, type GradeReport } from "../../lab/grade.js";
import { readCheckpoints } from "../../lab/inspect/mm2.js";
import { appendTimeline, readTimeline } from "../../lab/runtime/state.js";
import { openStore, progressDbPath } from "../../store/index.js";
import { collectStatus, type LabStatus } from "../../lab/inspect/status.js";
import { DEFAULT_BASE_PORT } from "../../lab/runtime/layout.js";
import { PortsTakenError } from "../../lab/runtime/local.js";
import { shellQuote } from "../../lab/runtime/render.js";
import { attemptPaths, type LabState } from "../../lab/runtime/state.js";
import { ToolchainError } from "../../lab/runtime/toolchain.js";
import type { Region } from "../../lab/spec.js";
import type { AppName } from "../../lab/workload/files.js";
import { EXIT, requireSafeId, UsageError, type CommandContext } from "../command.js";

const SUBCOMMANDS =
  "list, start, reset, status, env, shell, app, dns, checkpoints, mm2, fault, proceed, declare, hint, grade, history, stop";

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
      error instanceof Mm2FileError;
    ctx.err(`ccaak-train lab ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && ctx.env.CCAAK_DEBUG) ctx.err(error.stack ?? "");
    return EXIT.failed;
  }
}

function list(ctx: CommandContext, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const labs = listLabDefinitions();
  if (values.json) {
    const rows = labs.map((l) => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      domain: l.domain,
      difficulty: l.difficulty,
      minutes: l.minutes,
      graded: l.checks.length > 0,
    }));
    ctx.out(toJson(rows));
    return EXIT.ok;
  }
  for (const l of labs) {
    ctx.out(`${l.id.padEnd(20)} ${l.difficulty.padEnd(7)} ~${String(l.minutes).padStart(2)} min  ${l.title}`);
    ctx.out(`${"".padEnd(20)} ${l.summary}`);
  }
  return EXIT.ok;
}

function findLab(id: string): LabDefinition {
  const lab = loadLabDefinition(requireSafeId("lab", id));
  if (!lab) {
    const ids = listLabDefinitions().map((l) => l.id);
    throw new UsageError(`no lab "${id}"; labs: ${ids.join(", ")}`);
  }
  return lab;
}

/** The running drill's lab file, which grading and hints follow. */
function runningLab(home: string): { state: LabState; lab: LabDefinition } {
  const state = requireRunningLab(home);
  return { state, lab: findLab(state.labId) };
}

async function start(ctx: CommandContext, args: string[], reset = false): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "port-base": { type: "string" }, runtime: { type: "string" }, json: { type: "boolean" } },
  });
  const labId = reset ? (positionals[0] ?? requireRunningLab(ctx.home).labId) : positionals[0];
  if (!labId || positionals.length > 1)
    throw new UsageError(
      reset ? "lab reset [LAB]" : "lab start LAB (for example: lab start planned-failover)",
    );
  const lab = findLab(labId);
  const spec = toTopology(lab);
  const runtime = values.runtime ?? "local";
  if (runtime !== "local" && runtime !== "docker") throw new UsageError(`--runtime is local or docker`);
  if (runtime === "docker" && lab.id !== "sandbox")
    throw new UsageError("--runtime docker runs the sandbox only");
  const log = values.json ? ctx.err : ctx.out;
  const options = {
    home: ctx.home,
    env: ctx.env,
    basePort: portBase(values["port-base"], ctx.env),
    runtime,
    log,
  } as const;
  const result = reset ? await resetLab(spec, options) : await startLab(spec, options);
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
      ...(lab.checks.length > 0
        ? ["  ccaak-train lab grade          # any time: what passes and what is left"]
        : []),
      "  ccaak-train lab stop",
      "",
      lab.briefing,
    ].join("\n"),
  );
  return EXIT.ok;
}

async function mm2(ctx: CommandContext, args: string[]): Promise<number> {
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

async function proceedCommand(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError("lab proceed takes no arguments");
  await proceed(ctx.home, (line) => ctx.out(`${new Date().toISOString().slice(11, 19)}  ${line}`));
  ctx.out("Done. Run ccaak-train lab grade when you are ready.");
  return EXIT.ok;
}

function declareCommand(ctx: CommandContext, args: string[]): number {
  const [name, value, ...extra] = args;
  const n = Number(value);
  if (name !== "lost" || !Number.isInteger(n) || n < 0 || extra.length)
    throw new UsageError("lab declare lost N (the acknowledged records you found lost)");
  declare(ctx.home, name, n);
  ctx.out(`Declared: ${n} records lost.`);
  return EXIT.ok;
}

function hint(ctx: CommandContext, args: string[]): number {
  if (args.length > 0) throw new UsageError("lab hint takes no arguments");
  const { state, lab } = runningLab(ctx.home);
  const used = hintsUsed(readTimeline(state.attemptDir));
  const next = lab.hints[used];
  if (next === undefined) {
    ctx.out(used === 0 ? "This lab has no hints." : `No more hints: all ${used} are shown.`);
    return EXIT.ok;
  }
  appendTimeline(state.attemptDir, "hint", { index: used + 1 });
  ctx.out(`Hint ${used + 1} of ${lab.hints.length} (-${lab.hintCost} points): ${next}`);
  return EXIT.ok;
}

async function grade(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const { state, lab } = runningLab(ctx.home);
  if (lab.checks.length === 0) {
    ctx.out(`Lab ${lab.id} has no graded checks.`);
    return EXIT.ok;
  }
  const { report, timeline } = await gradeLab(state, lab);
  const store = openStore(progressDbPath(ctx.home));
  try {
    store.saveLabAttempt({
      uid: report.attempt,
      lab: report.lab,
      startedAt: Date.parse(report.startedAt),
      gradedAt: Date.parse(report.gradedAt),
      score: report.score,
      maxScore: report.maxScore,
      percent: report.percent,
      passed: report.passed,
      hintsUsed: report.hintsUsed,
      report,
      timeline,
    });
  } finally {
    store.close();
  }
  appendTimeline(state.attemptDir, "graded", { score: report.score, passed: report.passed });
  ctx.out(values.json ? toJson(report) : formatGrade(report));
  return report.passed ? EXIT.ok : EXIT.failed;
}

const secs = (s: number | null) => (s === null ? "not yet" : `${s.toFixed(1)} s`);

export function formatGrade(r: GradeReport): string {
  const lines = [`${r.title} (${r.attempt})`, ""];
  for (const c of r.checks) {
    lines.push(
      `${c.passed ? "PASS" : "FAIL"}  ${String(c.points).padStart(3)}/${String(c.maxPoints).padEnd(3)} ${c.title}`,
    );
    lines.push(`            observed: ${c.observed}`);
    if (c.hint) lines.push(`            hint: ${c.hint}`);
  }
  const m = r.measured;
  lines.push(
    "",
    `Measured: RPO ${m.rpoRecords === null ? "unknown (records unreadable)" : `${m.rpoRecords} records (${(m.rpoSeconds ?? 0).toFixed(1)} s)`}, RTO writes ${secs(m.writeRtoSeconds)}, processing ${secs(m.consumerRtoSeconds)}`,
    `          ${m.duplicates} processed twice, ${m.skipped} skipped, ${m.pending} still to process (${m.acked} acknowledged, ${m.consumed} processed)`,
  );
  if (r.targets)
    lines.push(
      `Targets:  RPO ${r.targets.rpoRecords} records (${r.targets.rpoSeconds} s), RTO ${r.targets.rtoSeconds} s`,
    );
  lines.push(
    `Hints used: ${r.hintsUsed}${r.hintPenalty ? ` (-${r.hintPenalty} points)` : ""}`,
    `Score: ${r.score}/${r.maxScore} (${r.percent}%, pass at ${r.passPercent}%): ${r.passed ? "PASSED" : "not passed yet"}`,
  );
  if (r.left.length > 0) lines.push(`Left to do: ${r.left.join("; ")}`);
  return lines.join("\n");
}

function history(ctx: CommandContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  const store = openStore(progressDbPath(ctx.home));
  try {
    const attempts = store.labAttempts(positionals[0] ? { lab: positionals[0] } : {});
    if (values.json) {
      ctx.out(toJson(attempts.map(({ timeline: _t, ...rest }) => rest)));
      return EXIT.ok;
    }
    if (attempts.length === 0) {
      ctx.out("No graded lab attempts yet.");
      return EXIT.ok;
    }
    for (const a of attempts) {
      const m = (a.report as GradeReport).measured;
      ctx.out(
        `${new Date(a.gradedAt).toISOString().slice(0, 16).replace("T", " ")}  ${a.lab.padEnd(20)} ${String(a.score).padStart(3)}/${a.maxScore} ${a.passed ? "passed" : "failed"}  RPO ${m.rpoRecords ?? "?"}  RTO ${secs(m.writeRtoSeconds)}  hints ${a.hintsUsed}`,
      );
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
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
        `  ${t.source} -> ${t.target}: lag ${t.partitions.length ? t.totalLag : "unknown"}${parts ? ` (mirror/source end offsets: ${parts})` : ""}`,
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

async function dns(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, target, ...extra] = args;
  if (action !== "set" || extra.length) throw new UsageError("lab dns set A|B");
  const r = region(target);
  await setDns(ctx.home, r);
  ctx.out(`kafka.orders.lab now resolves to region ${r}; applications pick it up when they (re)start.`);
  return EXIT.ok;
}

async function checkpoints(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { group: { type: "string" }, on: { type: "string" }, json: { type: "boolean" } },
  });
  const state = requireRunningLab(ctx.home);
  const on = region(values.on ?? "B");
  const list = await readCheckpoints(state, values.group, on);
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
