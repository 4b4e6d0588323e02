/**
 * The schema of a lab file's front matter (`labs/<id>/lab.md`): topology, MirrorMaker 2, workload,
 * faults, targets, hints and graded checks. Strict objects: an unknown key is an error, usually a typo.
 * A check's own parameters are checked against the check registry by `parse.ts`.
 */
import { z } from "zod";
import { SAFE_ID, SAFE_ID_RULE } from "../../ids.js";
import { DIFFICULTIES } from "../../catalog/types.js";
import { FAULT_KINDS, nodeName, regionName } from "../fault.js";
import { APPS } from "../spec.js";

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(SAFE_ID, SAFE_ID_RULE);
const topicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, "a Kafka topic name: letters, digits, '.', '_', '-'");
const region = regionName;
const settings = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
const seconds = z.number().positive();

export const regionSchema = z.strictObject({
  nodes: z.int().min(1).max(3),
  racks: z.array(slug).optional(),
  brokerConfigs: settings.optional(),
});

export const topicSchema = z.strictObject({
  name: topicName,
  partitions: z.int().min(1).max(50),
  replicationFactor: z.int().min(1).max(3),
  configs: settings.optional(),
});

const mm2Schema = z.strictObject({
  policy: z.enum(["default", "identity"]).default("default"),
  topics: text,
  topicsExclude: text.optional(),
  groups: text.default(".*"),
  groupsExclude: text.optional(),
  /** Topic settings MirrorMaker 2 does not copy to the mirror (`config.properties.exclude`, replacing its default list). */
  configPropertiesExclude: text.optional(),
  checkpointsIntervalSeconds: seconds.default(5),
  syncGroupOffsets: z.boolean().default(false),
  syncGroupOffsetsIntervalSeconds: seconds.default(5),
  refreshTopicsIntervalSeconds: seconds.default(10),
  refreshGroupsIntervalSeconds: seconds.default(10),
  heartbeatsIntervalSeconds: seconds.default(1),
  offsetLagMax: z.int().min(0).default(10),
  offsetFlushIntervalMs: z.int().min(100).default(5000),
  /** Where MirrorMaker 2 keeps its offset syncs: on the source (A, the default) or on the target. */
  offsetSyncsTopicLocation: z.enum(["source", "target"]).default("source"),
});

const workloadSchema = z.strictObject({
  topic: topicName,
  group: text,
  rate: z.number().positive().max(1000).default(10),
  keys: z.int().min(1).default(12),
  consumerTopics: z.strictObject({ A: z.array(topicName).min(1), B: z.array(topicName).min(1) }),
  consumerRate: z.number().positive().max(1000).optional(),
  /** Default: every application of the workload. */
  start: z.array(z.enum(APPS)).optional(),
  /** Region B's own producer and consumer as well (`producer-b`, `consumer-b`): both regions take writes. */
  siteB: z.boolean().default(false),
  producerSettings: settings.optional(),
  /** A smoke-test consumer in the workload's group on one region, reading a topic of its own; `lab app stop smoke`. */
  smoke: z.strictObject({ region: region.default("B"), topic: topicName }).optional(),
});

const faultsSchema = z.strictObject({
  trigger: z.enum(["ready", "proceed"]),
  steps: z
    .array(
      z.strictObject({
        after: z.number().min(0).max(3600),
        fault: z.enum(FAULT_KINDS),
        node: nodeName.optional(),
        region: region.optional(),
      }),
    )
    .min(1),
});

const checkSchema = z.strictObject({
  check: z.string().min(1),
  points: z.int().min(0).max(1000),
  /** A gate: the drill fails when this check fails, whatever the score. */
  required: z.boolean().default(false),
  title: text.optional(),
  hint: text.optional(),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const labSchema = z.strictObject({
  id: slug,
  title: text,
  summary: text,
  domain: slug,
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.int().min(1).max(600),
  topology: z.strictObject({
    A: regionSchema,
    B: regionSchema,
    eligibleLeaderReplicas: z.boolean().default(true),
    dns: region.default("A"),
  }),
  mirrormaker: mm2Schema.nullable().default(null),
  topics: z
    .strictObject({ A: z.array(topicSchema).default([]), B: z.array(topicSchema).default([]) })
    .default({
      A: [],
      B: [],
    }),
  workload: workloadSchema.nullable().default(null),
  faults: faultsSchema.optional(),
  /** A Prometheus server scraping the lab's metrics (every lab JVM exports them); its alerts can be graded. */
  prometheus: z.boolean().default(false),
  targets: z
    .strictObject({ rpoRecords: z.int().min(0), rpoSeconds: z.number().min(0), rtoSeconds: seconds })
    .optional(),
  hints: z.array(text).default([]),
  hintCost: z.int().min(0).max(100).default(5),
  passPercent: z.number().min(1).max(100).default(80),
  points: z.int().min(0),
  checks: z.array(checkSchema).default([]),
});

export type LabFrontMatter = z.output<typeof labSchema>;

export interface LabCheckSpec {
  check: string;
  points: number;
  required: boolean;
  title: string;
  hint: string;
  params: unknown;
}

export interface LabDefinition extends Omit<LabFrontMatter, "checks"> {
  checks: LabCheckSpec[];
  briefing: string;
  file: string;
}
