/** Everything `lab status` shows, gathered read-only. A region that is down is reported, not fatal. */
import { commandRecords, type CommandRecord } from "../attempt/commands.js";
import type { Liveness, ProcessState } from "../attempt/liveness.js";
import type { LabState } from "../attempt/state.js";
import { readTimeline, type TimelineEvent } from "../attempt/timeline.js";
import { readJson } from "../attempt/json-file.js";
import { brokerIds } from "../kafka/client.js";
import { enabledFlows, readMm2Properties, remoteName } from "../mirror.js";
import { REGIONS, type Region } from "../spec.js";
import { within } from "../wait.js";
import {
  appFiles,
  appsOf,
  readDns,
  type AppName,
  type AppStatus,
  type DnsRecord,
} from "../workload/files.js";
import { ledgerEntries, summarizeLedger, type LedgerSummary } from "../workload/ledger.js";
import type { ConnectStatus } from "./decoders.js";
import { mirrorEnds, partitionLags, totalLag, type PartitionLag } from "./lag.js";
import { latestHeartbeat, readConnectorStatus } from "./mm2.js";

export interface NodeStatus {
  name: string;
  region: Region;
  id: number;
  pid: number | null;
  process: ProcessState;
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
    process: ProcessState;
    connectors: ConnectStatus[];
    lastHeartbeatAgeMs: number | null;
    error: string | null;
  } | null;
  mirroredTopics: MirroredTopic[];
  dns: DnsRecord | null;
  apps: AppReport[];
  timeline: TimelineEvent[];
  /** The learner's Kafka commands (the `command` events of the timeline), oldest first. */
  commands: CommandRecord[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The lab as `liveness` (its runtime) sees it, and what the clusters, MirrorMaker 2 and the apps say. */
export async function collectStatus(state: LabState, liveness: Liveness): Promise<LabStatus> {
  const nodes: NodeStatus[] = [];
  for (const region of REGIONS) {
    for (const n of state.layout.regions[region].nodes) {
      const proc = liveness.processStatus(state, n.name);
      nodes.push({
        name: n.name,
        region,
        id: n.id,
        pid: proc.pid,
        process: proc.state,
        listening: proc.state === "running" && (await liveness.listening(state, n.name)),
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
    const proc = liveness.processStatus(state, "mm2");
    mm2 = { pid: proc.pid, process: proc.state, connectors: [], lastHeartbeatAgeMs: null, error: null };
    if (regions.B.reachable) {
      try {
        mm2.connectors = await within(readConnectorStatus(regions.B.bootstrap, "B"));
        const beat = await within(latestHeartbeat(regions.B.bootstrap));
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
        const reachable = (r: Region) => (regions[r].reachable ? regions[r].bootstrap : null);
        const ends = await mirrorEnds(flow, source, { A: reachable("A"), B: reachable("B") });
        const partitions = partitionLags(ends.source ?? [], ends.target ?? []);
        mirroredTopics.push({
          source,
          target: remoteName(flow, source),
          partitions,
          totalLag: totalLag(partitions),
        });
      }
  }

  const apps: AppReport[] = [];
  if (state.spec.workload) {
    for (const app of appsOf(state.spec.workload)) {
      const { pid, state: proc } = liveness.processStatus(state, app);
      const running = proc !== "gone";
      const files = appFiles(state.attemptDir, app);
      apps.push({
        app,
        pid: running ? pid : null,
        running,
        status: readJson<AppStatus>(files.status),
        counts: summarizeLedger(ledgerEntries(files.ledger)),
      });
    }
  }

  const timeline = readTimeline(state.attemptDir);
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
    dns: readDns(state.attemptDir),
    apps,
    timeline,
    commands: commandRecords(timeline),
  };
}
