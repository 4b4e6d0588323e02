/** Which way MirrorMaker 2 replicates, read from the properties it was started with. Pure helpers and one read. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseProperties } from "./runtime/render.js";
import { attemptPaths, type LabState } from "./runtime/state.js";
import type { Region } from "./spec.js";

export interface MirrorFlow {
  source: Region;
  target: Region;
  identity: boolean;
}

/** The properties file MirrorMaker 2 runs (or last ran) with in this attempt. */
export const mm2ConfigFile = (state: LabState) =>
  path.join(attemptPaths(state.attemptDir).config, "mm2.properties");

export function readMm2Properties(state: LabState): Record<string, string> | null {
  if (!state.processes.mm2) return null;
  const file = mm2ConfigFile(state);
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

export function remoteName(flow: MirrorFlow, topic: string): string {
  return flow.identity ? topic : `${flow.source}.${topic}`;
}
