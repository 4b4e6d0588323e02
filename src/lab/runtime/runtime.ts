import type { LabTopology, Region } from "../spec.js";
import type { LabState } from "./state.js";

export interface StartOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  basePort: number;
  log: (line: string) => void;
}

/**
 * Clusters and MirrorMaker 2, started and broken on purpose. The workload applications are plain
 * Node processes on this machine whichever runtime runs Kafka.
 */
export interface LabRuntime {
  readonly kind: LabState["runtime"];
  /** Brings both regions up (nodes registered), creates the spec's topics and starts MirrorMaker 2. */
  start(spec: LabTopology, options: StartOptions, onState: (state: LabState) => void): Promise<LabState>;
  /** Ends every Kafka and MirrorMaker 2 process of the lab; safe to call on a half-started lab. */
  stop(state: LabState): Promise<void>;
  killNode(state: LabState, node: string): Promise<void>;
  freezeNode(state: LabState, node: string): Promise<void>;
  thawNode(state: LabState, node: string): Promise<void>;
  startNode(state: LabState, node: string): Promise<void>;
  killRegion(state: LabState, region: Region): Promise<void>;
  startRegion(state: LabState, region: Region): Promise<void>;
  stopMm2(state: LabState): Promise<void>;
  /** Prepares MirrorMaker 2 with the spec's settings, or a learner's properties and the clusters to run. */
  configureMm2(state: LabState, learnerFile?: { text: string; clusters: string[] }): void;
  startMm2(state: LabState): Promise<void>;
  /** pid and liveness of a node or MirrorMaker 2 (`mm2`), as the runtime sees it. */
  processStatus(state: LabState, name: string): { pid: number | null; state: "running" | "frozen" | "gone" };
}
