/** Which way MirrorMaker 2 replicates and what it names a mirrored topic: pure helpers and one read. */
import { existsSync, readFileSync } from "node:fs";
import { mm2PropertiesFile } from "./attempt/paths.js";
import type { LabState } from "./attempt/state.js";
import { parseProperties } from "./properties.js";
import type { Mm2Spec, Region } from "./spec.js";

export interface MirrorFlow {
  source: Region;
  target: Region;
  identity: boolean;
}

/** The properties MirrorMaker 2 was started with in this attempt, null if it never was. */
export function readMm2Properties(state: LabState): Record<string, string> | null {
  if (!state.processes.mm2) return null;
  const file = mm2PropertiesFile(state.attemptDir);
  return existsSync(file) ? Object.fromEntries(parseProperties(readFileSync(file, "utf8"))) : null;
}

/** The enabled flows between A and B (`A->B.enabled = true`), with their replication policy. */
export function enabledFlows(props: Record<string, string>): MirrorFlow[] {
  const flows: MirrorFlow[] = [];
  for (const [source, target] of [
    ["A", "B"],
    ["B", "A"],
  ] as const) {
    const flow = `${source}->${target}`;
    if (props[`${flow}.enabled`]?.trim().toLowerCase() !== "true") continue;
    const policy = props[`${flow}.replication.policy.class`] ?? props["replication.policy.class"] ?? "";
    flows.push({ source, target, identity: policy.includes("IdentityReplicationPolicy") });
  }
  return flows;
}

/** The flow a lab's own MirrorMaker 2 runs: A to B under the lab's policy. */
export const labFlow = (mm2: Mm2Spec): MirrorFlow => ({
  source: "A",
  target: "B",
  identity: mm2.policy === "identity",
});

/** The name a topic of the flow's source gets on its target (`A.orders`, or `orders` under identity). */
export function remoteName(flow: MirrorFlow, topic: string): string {
  return flow.identity ? topic : `${flow.source}.${topic}`;
}
