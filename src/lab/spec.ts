/**
 * What a lab needs running: the two regions, MirrorMaker 2 between them, the workload and the faults.
 * Plain data: `labs/<id>/lab.md` produces it (see `lab/definition/`). The names are the runtime's
 * (they are kept in `state.json` and the applications' `config.json`); the lab file's schema maps
 * its authoring names onto them in `definition/topology.ts`.
 */
import type { z } from "zod";
import type { regionSchema, topicSchema } from "./definition/schema.js";
import type { Fault } from "./fault.js";

export const REGIONS = ["A", "B"] as const;
export type Region = (typeof REGIONS)[number];

/**
 * The workload's applications: `producer` and `consumer` follow the DNS record; with a second site
 * (`siteB`), `producer-b` and `consumer-b` are region B's own and always connect to B.
 */
export const APPS = ["producer", "consumer", "producer-b", "consumer-b", "smoke"] as const;
export type AppName = (typeof APPS)[number];

/** A region: 1 to 3 KRaft nodes in combined mode, their racks and extra `server.properties` lines. */
export type RegionSpec = z.output<typeof regionSchema>;

export type TopicSpec = z.output<typeof topicSchema>;

export interface Mm2Spec {
  /** `DefaultReplicationPolicy` names `orders` on A `A.orders` on B; `IdentityReplicationPolicy` keeps `orders`. */
  policy: "default" | "identity";
  topics: string;
  topicsExclude?: string;
  groups: string;
  groupsExclude?: string;
  /** `config.properties.exclude`: topic settings not copied to the mirror (replaces MirrorMaker 2's default list). */
  configPropertiesExclude?: string;
  emitCheckpointsIntervalSeconds: number;
  syncGroupOffsetsEnabled: boolean;
  syncGroupOffsetsIntervalSeconds: number;
  refreshTopicsIntervalSeconds: number;
  refreshGroupsIntervalSeconds: number;
  emitHeartbeatsIntervalSeconds: number;
  offsetLagMax: number;
  /** The Connect worker's offset flush, which also paces the offset syncs that checkpoints rely on. */
  offsetFlushIntervalMs: number;
  offsetSyncsTopicLocation: "source" | "target";
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
  /** The applications the lab starts (default all of them); the others wait for `lab app start`. */
  start?: AppName[];
  /** Region B takes writes too: its own producer and consumer (`producer-b`, `consumer-b`), pinned to B. */
  siteB?: boolean;
  /** The producer's first `producer.properties` (`acks`, `enable.idempotence`); none: acks=all, idempotent. */
  producerSettings?: Record<string, string>;
  /** A smoke-test consumer left running in the group on `region`: it reads `topic` only, so it processes no orders. */
  smoke?: { region: Region; topic: string };
}

/** One step of a lab's fault plan: `after` seconds past the previous step (the first: past the trigger). */
export type FaultStep = Fault & { after: number };

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
  /** A Prometheus server scrapes the lab (see `runtime/prometheus.ts`). */
  prometheus: boolean;
}
