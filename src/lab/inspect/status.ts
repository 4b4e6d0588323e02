/** Everything `lab status` shows, gathered read-only. A region that is down is reported, not fatal. */
import { isListening } from "../runtime/ports.js";
import { processState } from "../runtime/processes.js";
import { runtimeFor } from "../lab.js";
import { readTimeline, type LabState, type TimelineEvent } from "../runtime/state.js";
import { enabledFlows, readMm2Properties, remoteName } from "../mirror.js";
import { REGIONS, type Region } from "../spec.js";
import {
  APPS,
  appFiles,
  dnsFile,
  readJson,
  type AppName,
  type AppStatus,
  type DnsRecord,
} from "../workload/files.js";
import { readLedger, summarizeLedger, type LedgerSummary } from "../workload/ledger.js";
import { brokerIds, topicOffsets } from "./client.js";
import type { ConnectStatus } from "./decoders.js";
import { partitionLags, type PartitionLag } from "./lag.js";
import { latestHeartbeat, readConnectorStatus } from "./mm2.js";

export interface NodeStatus {
  name: string;
  region: Region;
  id: number;
  pid: number | null;
  process: "running" | "frozen" | "gone";
  listening: boolean;
  clientPort: number;
  controllerPort: number;
  rack: string | null;
}

export interface RegionStatus {
  bootstrap: string;
  reachable: boolean;
  brokers: number[];
}

export interface MirroredTopic {
  source: string;
  target: string;
  partitions: PartitionLag[];
  totalLag: number;
}

export interface AppReport {
  app: AppName;
  pid: number | null;
  running: boolean;
  status: AppStatus | null;
  counts: LedgerSummary;
}

export interface LabStatus {
  lab: string;
  runtime: LabState["runtime"];
  phase: LabState["phase"];
  attemptDir: string;
  startedAt: string;
  kafkaVersion: string;
  nodes: NodeStatus[];
  regions: Record<Region, RegionStatus>;
  mm2: {
    pid: number | null;
    process: "running" | "frozen" | "gone";
    connectors: ConnectStatus[];
    lastHeartbeatAgeMs: number | null;
    error: string | null;
  } | null;
  mirroredTopics: MirroredTopic[];
  dns: DnsRecord | null;
  apps: AppReport[];
  timeline: TimelineEvent[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A frozen node accepts connections and never answers: no status query may wait on it for long. */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref(),
    ),
  ]);
}

export async function collectStatus(state: LabState): Promise<LabStatus> {
  const runtime = runtimeFor(state.runtime);
  const nodes: NodeStatus[] = [];
  for (const region of REGIONS) {
    for (const n of state.layout.regions[region].nodes) {
      const proc = runtime.processStatus(state, n.name);
      nodes.push({
        name: n.name,
        region,
        id: n.id,
        pid: proc.pid,
        process: proc.state,
        listening: proc.state === "running" && (await isListening(n.clientPort, n.host, 500)),
        clientPort: n.clientPort,
        controllerPort: n.controllerPort,
        rack: n.rack,
      });
    }
  }

  const regions = {} as Record<Region, RegionStatus>;
  for (const region of REGIONS) {
    const bootstrap = state.layout.regions[region].bootstrap;
    const live = state.layout.regions[region].nodes.filter(
      (n) => nodes.find((s) => s.name === n.name)?.listening,
    );
    const liveBootstrap = live.map((n) => `${n.host}:${n.clientPort}`).join(",");
    const brokers = live.length > 0 ? await within(brokerIds(liveBootstrap)).catch(() => null) : null;
    regions[region] = { bootstrap, reachable: brokers !== null, brokers: brokers ?? [] };
  }

  let mm2: LabStatus["mm2"] = null;
  const mirroredTopics: MirroredTopic[] = [];
  if (state.processes.mm2) {
    const proc = runtime.processStatus(state, "mm2");
    mm2 = { pid: proc.pid, process: proc.state, connectors: [], lastHeartbeatAgeMs: null, error: null };
    if (regions.B.reachable) {
      try {
        mm2.connectors = await within(readConnectorStatus(state));
        const beat = await within(latestHeartbeat(state));
        mm2.lastHeartbeatAgeMs = beat ? Date.now() - beat.timestamp : null;
      } catch (error) {
        mm2.error = message(error);
      }
    } else {
      mm2.error = "region B is unreachable";
    }
    const topics = state.spec.workload ? [state.spec.workload.topic] : [];
    const flows = enabledFlows(readMm2Properties(state) ?? {});
    for (const flow of flows)
      for (const source of topics) {
        const target = remoteName(flow, source);
        const from = regions[flow.source];
        const to = regions[flow.target];
        const sourceEnds = from.reachable ? await topicOffsets(from.bootstrap, source).catch(() => []) : [];
        const targetEnds = to.reachable ? await topicOffsets(to.bootstrap, target).catch(() => []) : [];
        const partitions = partitionLags(sourceEnds, targetEnds);
        mirroredTopics.push({
          source,
          target,
          partitions,
          totalLag: partitions.reduce((s, p) => s + p.lag, 0),
        });
      }
  }

  const apps: AppReport[] = [];
  if (state.spec.workload) {
    for (const app of APPS) {
      const pid = state.processes[app]?.pid ?? null;
      const running = pid !== null && processState(pid) !== "gone";
      const files = appFiles(state.attemptDir, app);
      apps.push({
        app,
        pid: running ? pid : null,
        running,
        status: readJson<AppStatus>(files.status),
        counts: summarizeLedger(readLedger(files.ledger)),
      });
    }
  }

  return {
    lab: state.labId,
    runtime: state.runtime,
    phase: state.phase,
    attemptDir: state.attemptDir,
    startedAt: state.startedAt,
    kafkaVersion: state.kafkaVersion,
    nodes,
    regions,
    mm2,
    mirroredTopics,
    dns: readJson<DnsRecord>(dnsFile(state.attemptDir)),
    apps,
    timeline: readTimeline(state.attemptDir),
  };
}
