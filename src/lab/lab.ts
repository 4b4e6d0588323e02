/**
 * Lab life cycle over a runtime: start (cleaning stale state first, undoing a half-done start), stop,
 * faults and the workload applications. Every change is a timeline event.
 */
import { rmSync } from "node:fs";
import { readTopic, topicOffsets } from "./inspect/client.js";
import { DockerRuntime } from "./runtime/docker.js";
import { allPorts, findNode } from "./runtime/layout.js";
import { LocalRuntime } from "./runtime/local.js";
import { endProcesses, findMarkedProcesses, processState, waitFor } from "./runtime/processes.js";
import { takenPorts } from "./runtime/ports.js";
import type { LabRuntime } from "./runtime/runtime.js";
import { appendTimeline, attemptPaths, loadState, saveState, type LabState } from "./runtime/state.js";
import { remoteTopicName, type LabTopology, type Region } from "./spec.js";
import { APPS, type AppName } from "./workload/files.js";
import { startAppProcess, stopAppProcess, writeAppConfig, writeDns } from "./workload/launch.js";

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
    if (spec.workload) {
      writeAppConfig(running);
      writeDns(running, spec.dns);
      for (const app of APPS) startAppProcess(running, app);
      saveState(running);
    }
    if (spec.mm2 && spec.workload && options.waitForMirror !== false) {
      options.log("Waiting for the first record to reach region B ...");
      await waitForMirroredRecord(running, 180_000);
    }
    running.phase = "running";
    saveState(running);
    const secondsToReady = (Date.now() - started) / 1000;
    appendTimeline(running.attemptDir, "lab-ready", { secondsToReady });
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

export function setDns(home: string, region: Region): LabState {
  const state = requireRunningLab(home);
  const record = writeDns(state, region);
  appendTimeline(state.attemptDir, "dns-set", { name: record.name, region, bootstrap: record.bootstrap });
  return state;
}
