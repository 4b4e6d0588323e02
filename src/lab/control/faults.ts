/** Faults: one by hand (`lab fault`), a lab's plan on its timer or on `lab proceed`. Each is a timeline event. */
import path from "node:path";
import { packageRoot } from "../../paths.js";
import { attemptPaths } from "../attempt/paths.js";
import { saveState, type LabState } from "../attempt/state.js";
import { appendTimeline, faultEvent, isEvent, readTimeline } from "../attempt/timeline.js";
import { faultTarget, type Fault } from "../fault.js";
import { clusterRecovered } from "../kafka/admin.js";
import { findNode } from "../layout.js";
import { labMarker, spawnDetached } from "../runtime/processes.js";
import { runtimeFor } from "../runtime/runtimes.js";
import { REGIONS, type FaultStep } from "../spec.js";
import { waitFor } from "../wait.js";
import { requireRunningLab } from "./running.js";

export const FAULT_TIMER = "fault-timer";

export function startFaultTimer(state: LabState): void {
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
    const { after: _after, ...fault } = step;
    log(`${fault.fault}${faultTarget(fault)}`);
    await applyFault(home, fault);
  }
}

/** `lab proceed`: the faults a lab keeps until the learner says they are ready. */
export async function proceed(home: string, log: (line: string) => void): Promise<void> {
  const state = requireRunningLab(home);
  const plan = state.spec.faults;
  if (!plan || plan.trigger !== "proceed") throw new Error(`lab ${state.labId} has nothing to proceed with`);
  if (readTimeline(state.attemptDir).some(isEvent("proceed")))
    throw new Error("the faults of this drill have run already; `ccaak-train lab reset` starts it again");
  appendTimeline(state.attemptDir, { event: "proceed" });
  await runFaultSteps(home, plan.steps, log);
  // Nodes brought back by the plan take a few seconds to rejoin; grading before that sees a region down.
  // The steps saved new pids, so the state is read again.
  const after = requireRunningLab(home);
  const runtime = runtimeFor(after.runtime);
  for (const region of REGIONS) {
    const nodes = after.layout.regions[region].nodes;
    if (nodes.some((n) => runtime.processStatus(after, n.name).state !== "running")) continue;
    log(`waiting for region ${region}: all ${nodes.length} brokers back and every replica in sync`);
    await waitFor(
      () => clusterRecovered(state.layout.regions[region].bootstrap, nodes.length),
      120_000,
      1000,
    );
  }
}

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
  switch (fault.fault) {
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
    case "kill-mm2":
      await runtime.killMm2(state);
      break;
    case "start-mm2":
      await runtime.startMm2(state);
      break;
    default: {
      // A fault added to lab/fault.ts without a way to cause it does not compile.
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
  saveState(state);
  appendTimeline(state.attemptDir, faultEvent(fault));
  return state;
}
