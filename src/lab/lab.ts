/**
 * Lab life cycle over a runtime: start (cleaning stale state first, undoing a half-done start), stop,
 * faults and the workload applications. Every change is a timeline event.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.js";
import { readTopic, topicOffsets, withAdmin } from "./inspect/client.js";
import { enabledFlows, readMm2Properties, remoteName } from "./mirror.js";
import { DockerRuntime } from "./runtime/docker.js";
import { allPorts, findNode } from "./runtime/layout.js";
import { createTopics, LocalRuntime } from "./runtime/local.js";
import { parseProperties } from "./runtime/render.js";
import {
  endProcesses,
  findMarkedProcesses,
  labMarker,
  processState,
  spawnDetached,
  waitFor,
} from "./runtime/processes.js";
import { takenPorts } from "./runtime/ports.js";
import type { LabRuntime } from "./runtime/runtime.js";
import {
  appendTimeline,
  attemptPaths,
  loadState,
  readTimeline,
  saveState,
  type LabState,
} from "./runtime/state.js";
import {
  REGIONS,
  remoteTopicName,
  type FaultAction,
  type FaultStep,
  type LabTopology,
  type Region,
} from "./spec.js";
import { APPS, appFiles, dnsFile, producerPropertiesFile, type AppName } from "./workload/files.js";
import { appRunning, startAppProcess, stopAppProcess, writeAppConfig, writeDns } from "./workload/launch.js";

export type RuntimeKind = LabState["runtime"];

export function runtimeFor(kind: RuntimeKind): LabRuntime {
  return kind === "docker" ? new DockerRuntime() : new LocalRuntime();
}

export class NoLabError extends Error {
  constructor() {
    super("no lab is running (start one with `ccaak-train lab start sandbox`)");
  }
}

export function requireRunningLab(home: string): LabState {
  const state = loadState(home);
  if (!state || state.phase === "stopped") throw new NoLabError();
  return state;
}

export interface StartLabOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  basePort: number;
  runtime: RuntimeKind;
  log: (line: string) => void;
  /** Wait until the first produced record can be read on B (default true when the lab mirrors a workload). */
  waitForMirror?: boolean;
}

export interface StartResult {
  state: LabState;
  secondsToReady: number;
  cleanedStale: number;
}

export class LabRunningError extends Error {}

export async function startLab(spec: LabTopology, options: StartLabOptions): Promise<StartResult> {
  const started = Date.now();
  const previous = loadState(options.home);
  const alive = Object.values(previous?.processes ?? {}).some(
    (p) => p.pid !== null && processState(p.pid) !== "gone",
  );
  if (previous?.phase === "running" && alive) {
    throw new LabRunningError(
      `lab ${previous.labId} is still running; stop it first with \`ccaak-train lab stop\``,
    );
  }
  const cleanedStale = await cleanStaleLab(options.home, options.log);
  const runtime = runtimeFor(options.runtime);
  let state: LabState | null = null;
  try {
    state = await runtime.start(spec, options, (s) => {
      state = s;
      saveState(s);
    });
    const running: LabState = state;
    const secondsToReady = await launchDrill(running, options, started);
    return { state: running, secondsToReady, cleanedStale };
  } catch (error) {
    if (state) {
      options.log("Start failed; undoing what was started ...");
      await teardown(state, runtime);
    } else {
      await killMarked(options.home);
    }
    throw error;
  }
}

/** What follows the clusters and MirrorMaker 2 in every drill: the workload, the DNS record, the fault timer. */
async function launchDrill(state: LabState, options: StartLabOptions, started: number): Promise<number> {
  const { spec } = state;
  if (spec.workload) {
    writeAppConfig(state);
    if (spec.workload.producerSettings) {
      const lines = Object.entries(spec.workload.producerSettings).map(([k, v]) => `${k}=${v}`);
      writeFileSync(producerPropertiesFile(state.attemptDir), `${lines.join("\n")}\n`);
    }
    writeDns(state, spec.dns);
    for (const app of spec.workload.start ?? APPS) startAppProcess(state, app);
    saveState(state);
  }
  const producerRuns = (spec.workload?.start ?? APPS).includes("producer");
  if (spec.mm2 && spec.workload && producerRuns && options.waitForMirror !== false) {
    options.log("Waiting for the first record to reach region B ...");
    await waitForMirroredRecord(state, 180_000);
  }
  if (spec.faults?.trigger === "ready") startFaultTimer(state);
  state.phase = "running";
  saveState(state);
  const secondsToReady = (Date.now() - started) / 1000;
  appendTimeline(state.attemptDir, "lab-ready", { lab: spec.id, drill: state.drill ?? 1, secondsToReady });
  return secondsToReady;
}

const FAULT_TIMER = "fault-timer";

function startFaultTimer(state: LabState): void {
  const files = attemptPaths(state.attemptDir);
  const entry = path.join(packageRoot, "dist", "lab", "fault-timer.js");
  const args = [entry, state.home, labMarker(state.home)];
  const pid = spawnDetached({
    name: FAULT_TIMER,
    command: process.execPath,
    args,
    logFile: path.join(files.logs, `${FAULT_TIMER}.log`),
    pidFile: path.join(files.run, `${FAULT_TIMER}.pid`),
  });
  state.processes[FAULT_TIMER] = {
    name: FAULT_TIMER,
    kind: "app",
    pid,
    command: process.execPath,
    args,
    logFile: path.join(files.logs, `${FAULT_TIMER}.log`),
    pidFile: path.join(files.run, `${FAULT_TIMER}.pid`),
  };
}

/** Runs fault steps in order, each `after` seconds past the previous one. */
export async function runFaultSteps(
  home: string,
  steps: FaultStep[],
  log: (line: string) => void,
): Promise<void> {
  for (const step of steps) {
    if (step.after > 0) await new Promise((r) => setTimeout(r, step.after * 1000));
    const { after: _after, ...action } = step;
    const target = "node" in action ? ` ${action.node}` : "region" in action ? ` ${action.region}` : "";
    log(`${action.fault}${target}`);
    await applyFault(home, toFault(action));
  }
}

function toFault(action: FaultAction): Fault {
  if ("node" in action) return { kind: action.fault, node: action.node };
  if ("region" in action) return { kind: action.fault, region: action.region };
  return { kind: action.fault };
}

/** `lab proceed`: the faults a lab keeps until the learner says they are ready. */
export async function proceed(home: string, log: (line: string) => void): Promise<void> {
  const state = requireRunningLab(home);
  const plan = state.spec.faults;
  if (!plan || plan.trigger !== "proceed") throw new Error(`lab ${state.labId} has nothing to proceed with`);
  if (readTimeline(state.attemptDir).some((e) => e.event === "proceed"))
    throw new Error("the faults of this drill have run already; `ccaak-train lab reset` starts it again");
  appendTimeline(state.attemptDir, "proceed");
  await runFaultSteps(home, plan.steps, log);
  // Nodes brought back by the plan take a few seconds to rejoin; grading before that sees a region down.
  // The steps saved new pids, so the state is read again.
  const after = requireRunningLab(home);
  const runtime = runtimeFor(after.runtime);
  for (const region of REGIONS) {
    const nodes = after.layout.regions[region].nodes;
    if (nodes.some((n) => runtime.processStatus(after, n.name).state !== "running")) continue;
    log(`waiting for region ${region}: all ${nodes.length} brokers back and every replica in sync`);
    await waitFor(() => regionRecovered(state.layout.regions[region].bootstrap, nodes.length), 120_000, 1000);
  }
}

/** Every broker registered and no partition under-replicated. */
async function regionRecovered(bootstrap: string, brokers: number): Promise<boolean> {
  try {
    return await withAdmin(bootstrap, async (admin) => {
      const topics = await admin.listTopics({ includeInternals: true });
      const metadata = await admin.metadata({ topics });
      if (metadata.brokers.size !== brokers) return false;
      return [...metadata.topics.values()].every((t) =>
        t.partitions.every((p) => p.leader >= 0 && p.isr.length === p.replicas.length),
      );
    });
  } catch {
    return false;
  }
}

export class LabIncompatibleError extends Error {}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Two topologies that run on the same Kafka processes: same nodes, racks and broker settings. */
export function sameClusters(a: LabTopology, b: LabTopology): boolean {
  return (
    a.eligibleLeaderReplicas === b.eligibleLeaderReplicas &&
    REGIONS.every((r) => sameJson(a.regions[r], b.regions[r]))
  );
}

/**
 * Starts a new drill (of this lab or another with the same clusters) on the running Kafka processes:
 * applications, MirrorMaker 2 and the fault timer stop, stopped nodes come back, every topic and group
 * is deleted, the drill's files are cleared, then the lab's topics, MirrorMaker 2 and workload start
 * as on `lab start`. Much quicker than restarting the JVMs.
 */
export async function resetLab(spec: LabTopology, options: StartLabOptions): Promise<StartResult> {
  const started = Date.now();
  const state = requireRunningLab(options.home);
  if (state.runtime !== "local") throw new LabIncompatibleError("lab reset needs the local runtime");
  if (!sameClusters(state.spec, spec)) {
    throw new LabIncompatibleError(
      `lab ${spec.id} needs different clusters than the running ${state.labId}; stop it and start ${spec.id}`,
    );
  }
  const runtime = runtimeFor(state.runtime);
  options.log("Stopping the applications and MirrorMaker 2 ...");
  for (const app of APPS) await stopAppProcess(state, app).catch(() => {});
  const timer = state.processes[FAULT_TIMER]?.pid;
  if (timer && processState(timer) !== "gone") await endProcesses([timer], 0);
  delete state.processes[FAULT_TIMER];
  if (state.processes.mm2) await runtime.stopMm2(state);
  for (const region of REGIONS) {
    const nodes = state.layout.regions[region].nodes.map((n) => runtime.processStatus(state, n.name));
    for (const [i, n] of nodes.entries())
      if (n.state === "frozen") await runtime.thawNode(state, state.layout.regions[region].nodes[i]!.name);
    if (nodes.some((n) => n.state === "gone")) {
      options.log(`Restarting the stopped nodes of region ${region} ...`);
      await runtime.startRegion(state, region);
    }
  }
  options.log("Deleting every topic and consumer group ...");
  await Promise.all(REGIONS.map((r) => wipeRegion(state.layout.regions[r].bootstrap)));

  const files = attemptPaths(state.attemptDir);
  for (const app of APPS) {
    const f = appFiles(state.attemptDir, app);
    for (const file of [f.ledger, f.status]) rmSync(file, { force: true });
  }
  for (const file of [files.timeline, dnsFile(state.attemptDir), producerPropertiesFile(state.attemptDir)])
    rmSync(file, { force: true });
  state.spec = spec;
  state.labId = spec.id;
  state.startedAt = new Date().toISOString();
  state.drill = (state.drill ?? 1) + 1;
  state.phase = "starting";
  delete state.processes.mm2;
  saveState(state);
  appendTimeline(state.attemptDir, "lab-starting", { lab: spec.id, reset: true, drill: state.drill });
  for (const region of REGIONS) {
    if (spec.topics[region].length > 0)
      await createTopics(state.layout.regions[region].bootstrap, spec.topics[region]);
  }
  if (spec.mm2) {
    runtime.configureMm2(state);
    await runtime.startMm2(state);
  }
  const secondsToReady = await launchDrill(state, options, started);
  return { state, secondsToReady, cleanedStale: 0 };
}

/** Deletes every topic and consumer group of a cluster and waits until the topics are gone. */
async function wipeRegion(bootstrap: string): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    const topics = await admin.listTopics({ includeInternals: false });
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const gone = await waitFor(
      async () => (await admin.listTopics({ includeInternals: false })).length === 0,
      60_000,
      300,
    );
    if (!gone) throw new Error(`topics on ${bootstrap} were not deleted within 60 s`);
    // A member that left without saying so holds its group until the session times out.
    await waitFor(
      async () => {
        const groups = [...(await admin.listGroups().catch(() => new Map())).keys()];
        if (groups.length === 0) return true;
        await admin.deleteGroups({ groups }).catch(() => {});
        return false;
      },
      30_000,
      1000,
    );
  });
}

export class Mm2FileError extends Error {}

/**
 * `lab mm2 start FILE`: MirrorMaker 2 in dedicated mode with the learner's properties, for the clusters
 * its enabled flows target. The file is copied into the attempt, so grading reads what was run.
 */
export async function startLearnerMm2(home: string, file: string): Promise<{ clusters: string[] }> {
  const state = requireRunningLab(home);
  const text = readFileSync(file, "utf8");
  const props = Object.fromEntries(parseProperties(text));
  const clusters = (props.clusters ?? "").split(",").map((c) => c.trim());
  if (!clusters.includes("A") || !clusters.includes("B"))
    throw new Mm2FileError(`${file}: clusters must name A and B (clusters = A, B)`);
  for (const r of REGIONS) {
    if (!props[`${r}.bootstrap.servers`])
      throw new Mm2FileError(
        `${file}: ${r}.bootstrap.servers is missing (region ${r} is ${state.layout.regions[r].bootstrap})`,
      );
  }
  const targets = [...new Set(enabledFlows(props).map((f) => f.target))].sort();
  if (targets.length === 0)
    throw new Mm2FileError(`${file}: no flow is enabled (for example A->B.enabled = true)`);
  const runtime = runtimeFor(state.runtime);
  if (state.processes.mm2) await runtime.stopMm2(state);
  runtime.configureMm2(state, { text, clusters: targets });
  await runtime.startMm2(state);
  saveState(state);
  appendTimeline(state.attemptDir, "mm2-start", { file: path.resolve(file), clusters: targets });
  return { clusters: targets };
}

export async function stopLearnerMm2(home: string): Promise<boolean> {
  const state = requireRunningLab(home);
  if (!state.processes.mm2) return false;
  await runtimeFor(state.runtime).stopMm2(state);
  saveState(state);
  appendTimeline(state.attemptDir, "mm2-stop");
  return true;
}

/** Replication lag of the workload topic from `from` into `to`, as MirrorMaker 2 runs now; null if unknown. */
async function switchLag(state: LabState, from: Region, to: Region): Promise<number | null> {
  const topic = state.spec.workload?.topic;
  const props = readMm2Properties(state);
  const flow = props ? enabledFlows(props).find((f) => f.source === from && f.target === to) : undefined;
  if (!topic || !flow) return null;
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 4000).unref()),
    ]);
  try {
    const [source, target] = await Promise.all([
      within(topicOffsets(state.layout.regions[from].bootstrap, topic)),
      within(topicOffsets(state.layout.regions[to].bootstrap, remoteName(flow, topic))),
    ]);
    return source.reduce((sum, end, p) => sum + Math.max(0, Number(end - (target[p] ?? 0n))), 0);
  } catch {
    return null;
  }
}

async function waitForMirroredRecord(state: LabState, timeoutMs: number): Promise<void> {
  const { mm2, workload } = state.spec;
  if (!mm2 || !workload) return;
  const topic = remoteTopicName(mm2, workload.topic);
  const bootstrap = state.layout.regions.B.bootstrap;
  const ok = await waitFor(
    async () => {
      const ends = await topicOffsets(bootstrap, topic).catch(() => []);
      if (!ends.some((e) => e > 0n)) return false;
      return (await readTopic(bootstrap, topic).catch(() => [])).length > 0;
    },
    timeoutMs,
    500,
  );
  if (!ok) {
    throw new Error(
      `no record reached ${topic} on region B within ${timeoutMs / 1000} s; see ${attemptPaths(state.attemptDir).logs}/mm2.log`,
    );
  }
}

async function killMarked(home: string): Promise<number> {
  const pids = findMarkedProcesses(home);
  if (pids.length > 0) await endProcesses(pids, 2000);
  return pids.length;
}

/** Ends every process of the lab (apps first, so their ledgers are complete), then anything marked. */
async function teardown(state: LabState, runtime: LabRuntime): Promise<void> {
  for (const app of APPS) await stopAppProcess(state, app).catch(() => {});
  await runtime.stop(state).catch(() => {});
  await killMarked(state.home);
  state.phase = "stopped";
  saveState(state);
  rmSync(attemptPaths(state.attemptDir).data, { recursive: true, force: true });
}

/** A lab left behind by a crash or a reboot: end whatever of it still runs. Returns how many processes. */
export async function cleanStaleLab(home: string, log: (line: string) => void): Promise<number> {
  const state = loadState(home);
  let count = 0;
  if (state && state.phase !== "stopped") {
    const pids = Object.values(state.processes)
      .map((p) => p.pid)
      .filter((pid): pid is number => pid !== null && processState(pid) !== "gone");
    count += pids.length;
    log(`Cleaning up an earlier lab left running (${state.attemptDir}) ...`);
    await teardown(state, runtimeFor(state.runtime));
    appendTimeline(state.attemptDir, "lab-cleaned-up", { processes: pids.length });
  }
  count += await killMarked(home);
  return count;
}

export interface StopResult {
  stopped: boolean;
  leftoverPids: number[];
  leftoverPorts: number[];
  seconds: number;
}

export async function stopLab(home: string): Promise<StopResult> {
  const started = Date.now();
  const state = loadState(home);
  if (!state || state.phase === "stopped") {
    const killed = await killMarked(home);
    return { stopped: killed > 0, leftoverPids: findMarkedProcesses(home), leftoverPorts: [], seconds: 0 };
  }
  await teardown(state, runtimeFor(state.runtime));
  appendTimeline(state.attemptDir, "lab-stop");
  const ports = allPorts(state.layout);
  let leftoverPorts: number[] = [];
  await waitFor(async () => (leftoverPorts = await takenPorts(ports)).length === 0, 5000, 200);
  return {
    stopped: true,
    leftoverPids: findMarkedProcesses(home),
    leftoverPorts,
    seconds: (Date.now() - started) / 1000,
  };
}

export type Fault =
  | { kind: "kill-node" | "freeze-node" | "thaw-node" | "start-node"; node: string }
  | { kind: "kill-region" | "start-region"; region: Region }
  | { kind: "stop-mm2" | "start-mm2" };

export async function applyFault(home: string, fault: Fault): Promise<LabState> {
  const state = requireRunningLab(home);
  const runtime = runtimeFor(state.runtime);
  if ("node" in fault && !findNode(state.layout, fault.node)) {
    throw new Error(
      `no node ${fault.node}; nodes are ${Object.keys(state.processes)
        .filter((k) => k.includes("-"))
        .join(", ")}`,
    );
  }
  switch (fault.kind) {
    case "kill-node":
      await runtime.killNode(state, fault.node);
      break;
    case "freeze-node":
      await runtime.freezeNode(state, fault.node);
      break;
    case "thaw-node":
      await runtime.thawNode(state, fault.node);
      break;
    case "start-node":
      await runtime.startNode(state, fault.node);
      break;
    case "kill-region":
      await runtime.killRegion(state, fault.region);
      break;
    case "start-region":
      await runtime.startRegion(state, fault.region);
      break;
    case "stop-mm2":
      await runtime.stopMm2(state);
      break;
    case "start-mm2":
      await runtime.startMm2(state);
      break;
  }
  saveState(state);
  const { kind, ...detail } = fault;
  appendTimeline(state.attemptDir, `fault:${kind}`, detail);
  return state;
}

export async function setApp(home: string, action: "start" | "stop", app: AppName): Promise<boolean> {
  const state = requireRunningLab(home);
  if (!state.spec.workload) throw new Error(`lab ${state.labId} has no workload applications`);
  const changed = action === "start" ? (startAppProcess(state, app), true) : await stopAppProcess(state, app);
  saveState(state);
  return changed;
}

/**
 * Points the DNS record at a region. The timeline keeps what the switch found: the replication lag
 * into the new region and whether the applications were still running, which the grader judges.
 */
export async function setDns(home: string, region: Region): Promise<LabState> {
  const state = requireRunningLab(home);
  const before = readJsonDns(state);
  const lag = before && before !== region ? await switchLag(state, before, region) : null;
  const record = writeDns(state, region);
  appendTimeline(state.attemptDir, "dns-set", {
    name: record.name,
    region,
    bootstrap: record.bootstrap,
    from: before,
    lag,
    producerRunning: state.spec.workload ? appRunning(state, "producer") : false,
    consumerRunning: state.spec.workload ? appRunning(state, "consumer") : false,
  });
  return state;
}

function readJsonDns(state: LabState): Region | null {
  try {
    return (JSON.parse(readFileSync(dnsFile(state.attemptDir), "utf8")) as { region: Region }).region;
  } catch {
    return null;
  }
}

/** `lab declare NAME VALUE`: a figure the learner reports (the records lost), kept on the timeline. */
export function declare(home: string, name: string, value: number): void {
  const state = requireRunningLab(home);
  appendTimeline(state.attemptDir, "declared", { name, value });
}
