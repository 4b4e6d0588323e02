/**
 * What the runtime running an attempt says about its processes. Inspection and grading ask it; they
 * never look at pid files or containers themselves, so both runtimes are seen the same way.
 */
import type { Region } from "../spec.js";
import type { LabState } from "./state.js";

export type ProcessState = "running" | "frozen" | "gone";

export interface ProcessStatus {
  pid: number | null;
  state: ProcessState;
}

export interface Liveness {
  /** A node (`A-1`), MirrorMaker 2 (`mm2`) or an application (`producer`, `consumer`). */
  processStatus(state: LabState, name: string): ProcessStatus;
  /** Whether a node's client port accepts connections now. */
  listening(state: LabState, node: string): Promise<boolean>;
  /** The client addresses of a region's running nodes, so that a dead or frozen node is not tried. */
  liveBootstrap(state: LabState, region: Region): string;
}
