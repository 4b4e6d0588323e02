/**
 * What a lab needs running: the two regions, MirrorMaker 2 between them, the workload and the faults.
 * Plain data: `labs/<id>/lab.md` produces it (see `lab/definitions.ts`).
 */
export type Region = "A" | "B";
export const REGIONS: readonly Region[] = ["A", "B"];

export interface RegionSpec {
  /** KRaft nodes in combined mode (broker and controller in one process), 1 to 3. */
  nodes: number;
  /** `broker.rack` per node, in node order; none when absent. */
  racks?: string[];
  /** Extra `server.properties` lines for every node of the region (they win over the lab defaults). */
  brokerConfigs?: Record<string, string>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

export interface Mm2Spec {
  /** `DefaultReplicationPolicy` names `orders` on A `A.orders` on B; `IdentityReplicationPolicy` keeps `orders`. */
  policy: "default" | "identity";
  topics: string;
  topicsExclude?: string;
  groups: string;
  groupsExclude?: string;
  emitCheckpointsIntervalSeconds: number;
  syncGroupOffsetsEnabled: boolean;
  syncGroupOffsetsIntervalSeconds: number;
  refreshTopicsIntervalSeconds: number;
  refreshGroupsIntervalSeconds: number;
  emitHeartbeatsIntervalSeconds: number;
  offsetLagMax: number;
  /** The Connect worker's offset flush, which also paces the offset syncs that checkpoints rely on. */
  offsetFlushIntervalMs: number;
}

export interface WorkloadSpec {
  topic: string;
  group: string;
  producerRatePerSecond: number;
  keys: number;
  /** The topics the consumer subscribes to, depending on which region the DNS record points at. */
  consumerTopics: Record<Region, string[]>;
  /** At most this many records a second for the consumer (a consumer that falls behind); none: no limit. */
  consumerRatePerSecond?: number;
  /** The applications the lab starts (default both); the others wait for `lab app start`. */
  start?: ("producer" | "consumer")[];
  /** The producer's first `producer.properties` (`acks`, `enable.idempotence`); none: acks=all, idempotent. */
  producerSettings?: Record<string, string>;
}

export type FaultAction =
  | { fault: "kill-node" | "freeze-node" | "thaw-node" | "start-node"; node: string }
  | { fault: "kill-region" | "start-region"; region: Region }
  | { fault: "stop-mm2" | "start-mm2" };

/** One step of a lab's fault plan: `after` seconds past the previous step (the first: past the trigger). */
export type FaultStep = FaultAction & { after: number };

export interface FaultPlan {
  /** `ready`: a timer fires the steps once the lab is ready; `proceed`: `lab proceed` runs them. */
  trigger: "ready" | "proceed";
  steps: FaultStep[];
}

export interface LabTopology {
  id: string;
  title: string;
  regions: Record<Region, RegionSpec>;
  /** Kafka 4.1 formats new clusters with Eligible Leader Replicas (KIP-966) on; false formats them off. */
  eligibleLeaderReplicas: boolean;
  topics: Record<Region, TopicSpec[]>;
  mm2: Mm2Spec | null;
  workload: WorkloadSpec | null;
  /** The region the applications' DNS record points at when the lab starts. */
  dns: Region;
  faults?: FaultPlan;
}

export const DEFAULT_RACKS_A = ["az-a", "az-b", "az-c"];

export const sandbox: LabTopology = {
  id: "sandbox",
  title: "Sandbox: region A (3 nodes), region B (1 node), MirrorMaker 2 from A to B, orders workload",
  regions: { A: { nodes: 3, racks: DEFAULT_RACKS_A }, B: { nodes: 1 } },
  eligibleLeaderReplicas: true,
  topics: {
    A: [{ name: "orders", partitions: 3, replicationFactor: 3, configs: { "min.insync.replicas": "2" } }],
    B: [],
  },
  mm2: {
    policy: "default",
    topics: "orders",
    groups: "app-g",
    emitCheckpointsIntervalSeconds: 5,
    syncGroupOffsetsEnabled: false,
    syncGroupOffsetsIntervalSeconds: 5,
    refreshTopicsIntervalSeconds: 10,
    refreshGroupsIntervalSeconds: 10,
    emitHeartbeatsIntervalSeconds: 1,
    offsetLagMax: 10,
    offsetFlushIntervalMs: 5000,
  },
  workload: {
    topic: "orders",
    group: "app-g",
    producerRatePerSecond: 10,
    keys: 12,
    consumerTopics: { A: ["orders"], B: ["A.orders"] },
  },
  dns: "A",
};

export const labSpecs: Record<string, LabTopology> = { sandbox };

export function findLabSpec(id: string): LabTopology | undefined {
  return labSpecs[id];
}

/** The name a topic on A gets on B under the spec's replication policy. */
export function remoteTopicName(mm2: Mm2Spec, topic: string): string {
  return mm2.policy === "identity" ? topic : `A.${topic}`;
}
