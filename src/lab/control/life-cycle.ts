/**
 * Lab life cycle over a runtime: start (cleaning stale state first, undoing a half-done start), reset
 * (the next drill on the running clusters), stop. Every change is a timeline event.
 */
import { LabUserError } from "../errors.js";
import { rmSync, writeFileSync } from "node:fs";
import { attemptPaths } from "../attempt/paths.js";
import { loadState, saveState, type LabState, type RuntimeKind } from "../attempt/state.js";
import { appendTimeline } from "../attempt/timeline.js";
import { createTopics, wipeCluster } from "../kafka/admin.js";
import { readTopic, topicOffsets } from "../kafka/client.js";
import { allPorts } from "../layout.js";
import { labFlow, remoteName } from "../mirror.js";
import { takenPorts } from "../runtime/ports.js";
import { endProcesses, findMarkedProcesses, hasExited, processState } from "../runtime/processes.js";
import type { LabRuntime } from "../runtime/runtime.js";
import { runtimeFor } from "../runtime/runtimes.js";
import { REGIONS, type LabTopology } from "../spec.js";
import { waitFor } from "../wait.js";
import {
  APPS,
  appFiles,
  appPropertiesFile,
  dnsFile,
  labApps,
  producerPropertiesFile,
} from "../workload/files.js";
import { startAppProcess, stopAppProcess, writeAppConfig, writeDns } from "../workload/launch.js";
import { FAULT_TIMER, startFaultTimer } from "./faults.js";
import { requireRunningLab } from "./running.js";

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

export class LabRunningError extends LabUserError {}

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
async function launchDrill(
  state: LabState,
  options: StartLabOptions,
  started: number,
  /** What else must be up before the lab is ready (a reset's new Prometheus), started beforehand. */
  alsoReady: Promise<void> = Promise.resolve(),
): Promise<number> {
  const { spec } = state;
  if (spec.workload) {
    writeAppConfig(state);
    if (spec.workload.producerSettings) {
      const lines = Object.entries(spec.workload.producerSettings).map(([k, v]) => `${k}=${v}`);
      writeFileSync(producerPropertiesFile(state.attemptDir), `${lines.join("\n")}\n`);
    }
    writeDns(state, spec.dns);
    for (const app of spec.workload.start ?? labApps(spec.workload)) startAppProcess(state, app);
    saveState(state);
  }
  const producerRuns = spec.workload ? (spec.workload.start ?? APPS).includes("producer") : false;
  if (spec.mm2 && spec.workload && producerRuns && options.waitForMirror !== false) {
    options.log("Waiting for the first record to reach region B ...");
    await waitForMirroredRecord(state, 180_000);
  }
  await alsoReady;
  if (spec.faults?.trigger === "ready") startFaultTimer(state);
  state.phase = "running";
  saveState(state);
  const secondsToReady = (Date.now() - started) / 1000;
  appendTimeline(state.attemptDir, {
    event: "lab-ready",
    detail: { lab: spec.id, drill: state.drill ?? 1, secondsToReady },
  });
  return secondsToReady;
}

export class LabIncompatibleError extends LabUserError {}

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
  options.log("Ending the applications and MirrorMaker 2 ...");
  // The drill's topics, groups and files are about to be deleted: nothing to flush or commit, so no
  // graceful stop to wait for. The kill is sent at once; a killed process runs no more code, so the
  // clusters are wiped while the kernel tears the processes down (about a second for MirrorMaker 2).
  const drillProcesses = [...APPS, FAULT_TIMER, "mm2"].flatMap((name) => {
    const pid = state.processes[name]?.pid;
    return pid && processState(pid) !== "gone" ? [pid] : [];
  });
  const ended = endProcesses(drillProcesses, 0);
  for (const app of APPS) if (state.processes[app]) state.processes[app].pid = null;
  delete state.processes[FAULT_TIMER];
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
  await Promise.all([ended, ...REGIONS.map((r) => wipeCluster(state.layout.regions[r].bootstrap))]);

  const files = attemptPaths(state.attemptDir);
  for (const app of APPS) {
    const f = appFiles(state.attemptDir, app);
    for (const file of [f.ledger, f.status, appPropertiesFile(state.attemptDir, app)])
      rmSync(file, { force: true });
  }
  for (const file of [files.timeline, dnsFile(state.attemptDir)]) rmSync(file, { force: true });
  state.spec = spec;
  state.labId = spec.id;
  state.startedAt = new Date().toISOString();
  state.drill = (state.drill ?? 1) + 1;
  state.phase = "starting";
  delete state.processes.mm2;
  saveState(state);
  appendTimeline(state.attemptDir, {
    event: "lab-starting",
    detail: { lab: spec.id, reset: true, drill: state.drill },
  });
  // A fresh Prometheus comes up while the drill's topics, MirrorMaker 2 and workload start.
  const prometheus = runtime.restartPrometheus(state);
  await Promise.all(REGIONS.map((r) => createTopics(state.layout.regions[r].bootstrap, spec.topics[r])));
  if (spec.mm2) {
    runtime.configureMm2(state);
    await runtime.startMm2(state);
  }
  const secondsToReady = await launchDrill(state, options, started, prometheus);
  return { state, secondsToReady, cleanedStale: 0 };
}

async function waitForMirroredRecord(state: LabState, timeoutMs: number): Promise<void> {
  const { mm2, workload } = state.spec;
  if (!mm2 || !workload) return;
  const topic = remoteName(labFlow(mm2), workload.topic);
  const bootstrap = state.layout.regions.B.bootstrap;
  const ok = await waitFor(
    async () => {
      const ends = await topicOffsets(bootstrap, topic).catch(() => []);
      if (!ends.some((e) => e > 0n)) return false;
      return (await readTopic(bootstrap, topic).catch(() => [])).length > 0;
    },
    timeoutMs,
    200,
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
    appendTimeline(state.attemptDir, { event: "lab-cleaned-up", detail: { processes: pids.length } });
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
  const recorded = Object.values(state.processes).flatMap((p) => (p.pid === null ? [] : [p.pid]));
  await teardown(state, runtimeFor(state.runtime));
  appendTimeline(state.attemptDir, { event: "lab-stop" });
  const ports = allPorts(state.layout);
  let leftoverPorts: number[] = [];
  await waitFor(async () => (leftoverPorts = await takenPorts(ports)).length === 0, 5000, 200);
  await waitFor(() => recorded.every(hasExited), 10_000, 50);
  return {
    stopped: true,
    leftoverPids: [...new Set([...findMarkedProcesses(home), ...recorded.filter((p) => !hasExited(p))])],
    leftoverPorts,
    seconds: (Date.now() - started) / 1000,
  };
}
