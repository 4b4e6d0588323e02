/** The learner's actions on a running lab: their own MirrorMaker 2, the applications, the DNS switch, a declared figure. */
import { LabUserError } from "../errors.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { saveState, type LabState } from "../attempt/state.js";
import { appendTimeline } from "../attempt/timeline.js";
import { mirrorEnds, partitionLags, totalLag } from "../inspect/lag.js";
import { readCheckpoints } from "../inspect/mm2.js";
import { inspectRegion } from "../inspect/state.js";
import { within } from "../wait.js";
import { enabledFlows, readMm2Properties } from "../mirror.js";
import { parseProperties } from "../properties.js";
import { runtimeFor } from "../runtime/runtimes.js";
import { REGIONS, type Region } from "../spec.js";
import { labApps, readDns, type AppName } from "../workload/files.js";
import { appRunning, startAppProcess, stopAppProcess, writeDns } from "../workload/launch.js";
import { instantQuery, MM2_LATENCY_QUERY, prometheusUrl } from "../metrics/prometheus.js";
import { requireRunningLab } from "./running.js";

export class Mm2FileError extends LabUserError {}

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
  appendTimeline(state.attemptDir, {
    event: "mm2-start",
    detail: { file: path.resolve(file), clusters: targets },
  });
  return { clusters: targets };
}

export async function stopLearnerMm2(home: string): Promise<boolean> {
  const state = requireRunningLab(home);
  if (!state.processes.mm2) return false;
  await runtimeFor(state.runtime).stopMm2(state);
  saveState(state);
  appendTimeline(state.attemptDir, { event: "mm2-stop" });
  return true;
}

/** Replication lag of the workload topic from `from` into `to`, as MirrorMaker 2 runs now; null if unknown. */
async function switchLag(state: LabState, from: Region, to: Region): Promise<number | null> {
  const topic = state.spec.workload?.topic;
  const props = readMm2Properties(state);
  const flow = props ? enabledFlows(props).find((f) => f.source === from && f.target === to) : undefined;
  if (!topic || !flow) return null;
  const bootstraps = { A: state.layout.regions.A.bootstrap, B: state.layout.regions.B.bootstrap };
  const ends = await mirrorEnds(flow, topic, bootstraps, 4000);
  return ends.source && ends.target ? totalLag(partitionLags(ends.source, ends.target)) : null;
}

export async function setApp(home: string, action: "start" | "stop", app: AppName): Promise<boolean> {
  const state = requireRunningLab(home);
  if (!state.spec.workload) throw new Error(`lab ${state.labId} has no workload applications`);
  if (!labApps(state.spec.workload).includes(app)) throw new Error(`lab ${state.labId} runs no ${app}`);
  const changed = action === "start" ? (startAppProcess(state, app), true) : await stopAppProcess(state, app);
  saveState(state);
  return changed;
}

/**
 * What MirrorMaker 2 and the group looked like on the new region at the switch: the properties
 * MirrorMaker 2 ran with, the group's latest checkpoints and its committed offsets there.
 */
async function switchMirror(state: LabState, to: Region) {
  const group = state.spec.workload?.group;
  if (!group) return {};
  const running = runtimeFor(state.runtime).processStatus(state, "mm2").state !== "gone";
  const bootstrap = state.layout.regions[to].bootstrap;
  const [checkpoints, groups] = await Promise.all([
    within(readCheckpoints(bootstrap, to, group), 5000).catch(() => []),
    inspectRegion(bootstrap).then((r) => r.groups),
  ]);
  return {
    mm2Properties: running ? readMm2Properties(state) : null,
    checkpoints: checkpoints.map((c) => ({
      topic: c.topic,
      partition: c.partition,
      upstreamOffset: Number(c.upstreamOffset),
      downstreamOffset: Number(c.downstreamOffset),
    })),
    groupOffsets: groups[group]?.offsets ?? {},
  };
}

/** The replication latency Prometheus holds at the switch, in labs that run it. */
async function switchLatency(state: LabState): Promise<{ mm2LatencyMs?: number | null }> {
  if (!state.spec.prometheus || !state.processes.prometheus) return {};
  const samples = await instantQuery(prometheusUrl(state.layout), MM2_LATENCY_QUERY).catch(() => []);
  const value = samples[0]?.value;
  return { mm2LatencyMs: value === undefined || Number.isNaN(value) ? null : value };
}

/**
 * Points the DNS record at a region. The timeline keeps what the switch found: the replication lag
 * into the new region, whether the applications were still running, MirrorMaker 2's properties, the
 * group's checkpoints and offsets there, which the grader judges.
 */
export async function setDns(home: string, region: Region): Promise<LabState> {
  const state = requireRunningLab(home);
  const before = readDns(state.attemptDir)?.region ?? null;
  const switching = before !== null && before !== region;
  const lag = switching ? await switchLag(state, before, region) : null;
  const [mirror, latency] = switching
    ? await Promise.all([switchMirror(state, region), switchLatency(state)])
    : [{}, {}];
  const record = writeDns(state, region);
  appendTimeline(state.attemptDir, {
    event: "dns-set",
    detail: {
      name: record.name,
      region,
      bootstrap: record.bootstrap,
      from: before,
      lag,
      producerRunning: state.spec.workload ? appRunning(state, "producer") : false,
      consumerRunning: state.spec.workload ? appRunning(state, "consumer") : false,
      ...mirror,
      ...latency,
    },
  });
  return state;
}

/** `lab declare NAME VALUE`: a figure the learner reports (the records lost), kept on the timeline. */
export function declare(home: string, name: string, value: number): void {
  const state = requireRunningLab(home);
  appendTimeline(state.attemptDir, { event: "declared", detail: { name, value } });
}
