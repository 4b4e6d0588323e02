/** The bundled labs (`labs/<id>/lab.md`) and the runtime topology each one needs. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadLabs, parseLabFile, type LabDefinition } from "../catalog/lab-file.js";
import { formatDiagnostic } from "../catalog/diagnostics.js";
import { isSafeId } from "../ids.js";
import { labsDir } from "../paths.js";
import { type FaultStep, type LabTopology, type RegionSpec } from "./spec.js";

export class LabDefinitionError extends Error {}

export function listLabDefinitions(dir = labsDir): LabDefinition[] {
  return loadLabs(dir).labs;
}

/** A bundled lab by id; throws `LabDefinitionError` naming its problems when the file is broken. */
export function loadLabDefinition(id: string, dir = labsDir): LabDefinition | undefined {
  const file = path.join(dir, id, "lab.md");
  if (!isSafeId(id) || !existsSync(file)) return undefined;
  const result = parseLabFile(file, readFileSync(file, "utf8"), id);
  if (!result.lab) {
    throw new LabDefinitionError(
      `${file} has errors (run ccaak-train validate ${path.join(dir, id)}):\n` +
        result.diagnostics.map((d) => formatDiagnostic(d)).join("\n"),
    );
  }
  return result.lab;
}

export function toTopology(lab: LabDefinition): LabTopology {
  const region = (r: "A" | "B"): RegionSpec => {
    const t = lab.topology[r];
    return {
      nodes: t.nodes,
      ...(t.racks ? { racks: t.racks } : {}),
      ...(t.brokerConfigs ? { brokerConfigs: t.brokerConfigs } : {}),
    };
  };
  const mm = lab.mirrormaker;
  const w = lab.workload;
  return {
    id: lab.id,
    title: lab.title,
    regions: { A: region("A"), B: region("B") },
    eligibleLeaderReplicas: lab.topology.eligibleLeaderReplicas,
    topics: {
      A: lab.topics.A.map((t) => ({ ...t })),
      B: lab.topics.B.map((t) => ({ ...t })),
    },
    mm2: mm
      ? {
          policy: mm.policy,
          topics: mm.topics,
          ...(mm.topicsExclude ? { topicsExclude: mm.topicsExclude } : {}),
          groups: mm.groups,
          ...(mm.groupsExclude ? { groupsExclude: mm.groupsExclude } : {}),
          emitCheckpointsIntervalSeconds: mm.checkpointsIntervalSeconds,
          syncGroupOffsetsEnabled: mm.syncGroupOffsets,
          syncGroupOffsetsIntervalSeconds: mm.syncGroupOffsetsIntervalSeconds,
          refreshTopicsIntervalSeconds: mm.refreshTopicsIntervalSeconds,
          refreshGroupsIntervalSeconds: mm.refreshGroupsIntervalSeconds,
          emitHeartbeatsIntervalSeconds: mm.heartbeatsIntervalSeconds,
          offsetLagMax: mm.offsetLagMax,
          offsetFlushIntervalMs: mm.offsetFlushIntervalMs,
        }
      : null,
    workload: w
      ? {
          topic: w.topic,
          group: w.group,
          producerRatePerSecond: w.rate,
          keys: w.keys,
          consumerTopics: w.consumerTopics,
          ...(w.consumerRate !== undefined ? { consumerRatePerSecond: w.consumerRate } : {}),
          ...(w.start.length !== 2 ? { start: w.start } : {}),
          ...(w.producerSettings ? { producerSettings: w.producerSettings } : {}),
        }
      : null,
    dns: lab.topology.dns,
    ...(lab.faults
      ? {
          faults: {
            trigger: lab.faults.trigger,
            steps: lab.faults.steps.map((s) => {
              const { after, fault, node, region: r } = s;
              return (
                node ? { after, fault, node } : r ? { after, fault, region: r } : { after, fault }
              ) as FaultStep;
            }),
          },
        }
      : {}),
  };
}
