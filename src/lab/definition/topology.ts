/**
 * The topology a lab file describes, as the runtime runs it. Regions and topics are the schema's own
 * output; MirrorMaker 2 and the workload take the runtime's names here, and only here.
 */
import type { FaultStep, LabTopology, Mm2Spec, WorkloadSpec } from "../spec.js";
import type { LabDefinition } from "./schema.js";

function mm2Topology(mm: NonNullable<LabDefinition["mirrormaker"]>): Mm2Spec {
  return {
    policy: mm.policy,
    topics: mm.topics,
    ...(mm.topicsExclude ? { topicsExclude: mm.topicsExclude } : {}),
    groups: mm.groups,
    ...(mm.groupsExclude ? { groupsExclude: mm.groupsExclude } : {}),
    ...(mm.configPropertiesExclude ? { configPropertiesExclude: mm.configPropertiesExclude } : {}),
    emitCheckpointsIntervalSeconds: mm.checkpointsIntervalSeconds,
    syncGroupOffsetsEnabled: mm.syncGroupOffsets,
    syncGroupOffsetsIntervalSeconds: mm.syncGroupOffsetsIntervalSeconds,
    refreshTopicsIntervalSeconds: mm.refreshTopicsIntervalSeconds,
    refreshGroupsIntervalSeconds: mm.refreshGroupsIntervalSeconds,
    emitHeartbeatsIntervalSeconds: mm.heartbeatsIntervalSeconds,
    offsetLagMax: mm.offsetLagMax,
    offsetFlushIntervalMs: mm.offsetFlushIntervalMs,
    offsetSyncsTopicLocation: mm.offsetSyncsTopicLocation,
  };
}

function workloadTopology(w: NonNullable<LabDefinition["workload"]>): WorkloadSpec {
  return {
    topic: w.topic,
    group: w.group,
    producerRatePerSecond: w.rate,
    keys: w.keys,
    consumerTopics: w.consumerTopics,
    ...(w.consumerRate !== undefined ? { consumerRatePerSecond: w.consumerRate } : {}),
    ...(w.start ? { start: w.start } : {}),
    ...(w.siteB ? { siteB: true } : {}),
    ...(w.producerSettings ? { producerSettings: w.producerSettings } : {}),
    ...(w.smoke ? { smoke: w.smoke } : {}),
  };
}

/** A validated fault step: the schema checked that a node fault names a node and a region fault a region. */
function faultStep(s: NonNullable<LabDefinition["faults"]>["steps"][number]): FaultStep {
  const { after, fault, node, region } = s;
  return (node ? { after, fault, node } : region ? { after, fault, region } : { after, fault }) as FaultStep;
}

export function toTopology(lab: LabDefinition): LabTopology {
  const { A, B, eligibleLeaderReplicas, dns } = lab.topology;
  const region = ({ nodes, racks, brokerConfigs }: typeof A) => ({
    nodes,
    ...(racks ? { racks } : {}),
    ...(brokerConfigs ? { brokerConfigs } : {}),
  });
  return {
    id: lab.id,
    title: lab.title,
    regions: { A: region(A), B: region(B) },
    eligibleLeaderReplicas,
    topics: { A: lab.topics.A.map((t) => ({ ...t })), B: lab.topics.B.map((t) => ({ ...t })) },
    mm2: lab.mirrormaker ? mm2Topology(lab.mirrormaker) : null,
    workload: lab.workload ? workloadTopology(lab.workload) : null,
    dns,
    prometheus: lab.prometheus,
    ...(lab.faults
      ? { faults: { trigger: lab.faults.trigger, steps: lab.faults.steps.map(faultStep) } }
      : {}),
  };
}
