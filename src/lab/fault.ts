/**
 * The faults a lab can cause, by hand (`lab fault`), by a lab's fault plan or by `lab proceed`: one
 * list, from which the lab-file schema, the command line, the runtimes and the timeline take theirs.
 */
import { z } from "zod";
import { REGIONS, type Region } from "./spec.js";

export const NODE_FAULTS = ["kill-node", "freeze-node", "thaw-node", "start-node"] as const;
export const REGION_FAULTS = ["kill-region", "start-region"] as const;
export const MM2_FAULTS = ["stop-mm2", "kill-mm2", "start-mm2"] as const;
export const FAULT_KINDS = [...NODE_FAULTS, ...REGION_FAULTS, ...MM2_FAULTS] as const;

export type NodeFaultKind = (typeof NODE_FAULTS)[number];
export type RegionFaultKind = (typeof REGION_FAULTS)[number];
export type Mm2FaultKind = (typeof MM2_FAULTS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Named by `fault`, as a lab file's fault steps are, so that a step is a fault with a delay. */
export type Fault =
  | { fault: NodeFaultKind; node: string }
  | { fault: RegionFaultKind; region: Region }
  | { fault: Mm2FaultKind };

export const isNodeFault = (kind: string): kind is NodeFaultKind =>
  (NODE_FAULTS as readonly string[]).includes(kind);
export const isRegionFault = (kind: string): kind is RegionFaultKind =>
  (REGION_FAULTS as readonly string[]).includes(kind);
export const isMm2Fault = (kind: string): kind is Mm2FaultKind =>
  (MM2_FAULTS as readonly string[]).includes(kind);

/** A node name as the lab writes it: region and number, `A-2`. */
export const nodeName = z.string().regex(/^[AB]-[1-3]$/, "a node name such as A-2");
export const regionName = z.enum(REGIONS);

/** What a fault acts on, for messages and logs: ` A-2`, ` B` or nothing. */
export function faultTarget(fault: Fault): string {
  return "node" in fault ? ` ${fault.node}` : "region" in fault ? ` ${fault.region}` : "";
}

/** One line of the command line's usage: every fault with what it takes. */
export const FAULT_USAGE = `${NODE_FAULTS.join("|")} NODE, ${REGION_FAULTS.join("|")} A|B, ${MM2_FAULTS.join("|")}`;
