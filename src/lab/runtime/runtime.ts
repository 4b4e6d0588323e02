import type { Liveness } from "../attempt/liveness.js";
import type { LabState, RuntimeKind } from "../attempt/state.js";
import { findNode } from "../layout.js";
import type { LabTopology, Region } from "../spec.js";
import { isListening } from "./ports.js";

export interface StartOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  basePort: number;
  log: (line: string) => void;
}

/**
 * Clusters and MirrorMaker 2, started and broken on purpose. The workload applications are plain
 * Node processes on this machine whichever runtime runs Kafka. As `Liveness`, it answers what runs.
 */
export interface LabRuntime extends Liveness {
  readonly kind: RuntimeKind;
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
  /** A crash: no shutdown, so the source task's offsets since its last commit are not committed. */
  killMm2(state: LabState): Promise<void>;
  /** Prepares MirrorMaker 2 with the spec's settings, or a learner's properties and the clusters to run. */
  configureMm2(state: LabState, learnerFile?: { text: string; clusters: string[] }): void;
  startMm2(state: LabState): Promise<void>;
  /** A fresh Prometheus for a new drill when the lab asks for one (none otherwise); resolves once it answers. */
  restartPrometheus(state: LabState): Promise<void>;
}

/** Both runtimes publish the nodes' client ports on this machine, so reachability is asked the same way. */
export async function nodeListening(state: LabState, name: string): Promise<boolean> {
  const node = findNode(state.layout, name);
  return node ? isListening(node.clientPort, node.host, 500) : false;
}

export function liveBootstrap(liveness: Pick<Liveness, "processStatus">, state: LabState, region: Region) {
  return state.layout.regions[region].nodes
    .filter((n) => liveness.processStatus(state, n.name).state === "running")
    .map((n) => `${n.host}:${n.clientPort}`)
    .join(",");
}
