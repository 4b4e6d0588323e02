/**
 * What a check sees: the clusters' state as inspected when grading, what the applications' ledgers
 * say happened, and the attempt's timeline. Plain data (numbers, not bigints), so checks stay pure.
 */
import type { TimelineEvent } from "../attempt/timeline.js";
import type { AppName, Region } from "../spec.js";
import type { DrillFacts } from "./drill.js";

export interface PartitionState {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicState {
  partitions: PartitionState[];
  /** Effective configuration (overrides and defaults) as `kafka-configs --describe --all` shows it. */
  configs: Record<string, string>;
  endOffsets: number[];
}

export interface GroupState {
  state: string;
  /** Committed offsets: topic -> partition -> offset. */
  offsets: Record<string, Record<number, number>>;
}

export interface RegionState {
  reachable: boolean;
  brokers: { id: number; rack: string | null }[];
  topics: Record<string, TopicState>;
  groups: Record<string, GroupState>;
  /** Whatever could not be read, in words (a region partly down). */
  problems: string[];
}

export interface CheckpointState {
  group: string;
  /** The topic as named on the cluster holding the checkpoint. */
  topic: string;
  partition: number;
  upstreamOffset: number;
  downstreamOffset: number;
}

export interface Mm2State {
  running: boolean;
  /** The properties MirrorMaker 2 was started with (the lab's or the learner's file), null if never. */
  properties: Record<string, string> | null;
  connectors: { connector: string; task: number | null; state: string }[];
  /** Checkpoints per cluster that holds them (`A.checkpoints.internal` lives on B). */
  checkpoints: Record<Region, CheckpointState[]>;
}

export interface AppState {
  running: boolean;
  region: Region | null;
  /** The settings the application started with (producer: `acks`, `enable.idempotence`). */
  settings: Record<string, string>;
}

export interface ObservedState {
  at: number;
  regions: Record<Region, RegionState>;
  mm2: Mm2State;
  dns: Region | null;
  /** Region B's own applications are there only in a lab with a second site. */
  apps: Record<"producer" | "consumer", AppState> & Partial<Record<AppName, AppState>>;
}

/** Counts about the workload's records beyond one drill's (both regions' consumers, copies of a record). */
export interface RecordTally {
  /** The workload topics on the target region. */
  topics: string[];
  /** Per workload topic of the target region: sequence numbers found there more than once; null: unread. */
  repeated: Record<string, { seqs: number; mostCopies: number; examples: number[] }> | null;
  /** Per region: records processed there, by topic, from every consumer's ledger. */
  processed: Record<Region, Record<string, number>>;
}

export interface GradeInput {
  observed: ObservedState;
  drill: DrillFacts;
  timeline: TimelineEvent[];
  /** The region the workload ran against when the lab started, and the one it should end on. */
  from: Region;
  to: Region;
  workload: { topic: string; group: string; siteB?: boolean } | null;
  tally?: RecordTally;
  /** Labs that run Prometheus: the graded rule set's alerts over the drill. */
  alerts?: AlertHistory;
}

export interface CheckOutcome {
  passed: boolean;
  observed: string;
  /** A hint that depends on what went wrong; the check's own hint otherwise. */
  hint?: string;
}

export interface CheckResult {
  id: string;
  check: string;
  title: string;
  passed: boolean;
  /** A gate: the drill is not passed while this check fails. */
  required: boolean;
  points: number;
  maxPoints: number;
  observed: string;
  hint: string | null;
}

/** What the lab's Prometheus recorded of one rule set's alerts (labs that run Prometheus). */
export interface AlertHistory {
  /** The rule set graded: `lab grade --rules NAME`, else the last one loaded; null: none loaded. */
  ruleset: string | null;
  rules: {
    name: string;
    query: string;
    forSeconds: number;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    health: string;
    lastError: string | null;
  }[];
  /** Per alert name, the spans (ms) it was firing; `to` is null while it still fires. */
  firing: Record<string, { from: number; to: number | null }[]>;
  /** Prometheus's evaluation interval (ms): a span's edges are known to within it. */
  stepMs: number;
  readAt: number;
  problem: string | null;
}
