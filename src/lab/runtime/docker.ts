/**
 * The docker runtime: the same topology from `docker-compose.yml` on the official `apache/kafka`
 * image. Only the sandbox topology at the default port base exists as a compose file. The state
 * records every container as a process without a pid, and the sandbox's MirrorMaker 2 properties
 * (the ones the compose file runs), so status and grading see the same lab as under the local runtime.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../paths.js";
import type { ProcessStatus } from "../attempt/liveness.js";
import { attemptPaths, mm2PropertiesFile, newAttemptDir } from "../attempt/paths.js";
import type { LabState, ProcessKind, ProcessRecord } from "../attempt/state.js";
import { appendTimeline } from "../attempt/timeline.js";
import { bundledTopology } from "../definition/bundled.js";
import { createTopics } from "../kafka/admin.js";
import { brokerIds } from "../kafka/client.js";
import { allNodes, allPorts, computeLayout, DEFAULT_BASE_PORT, findNode } from "../layout.js";
import type { LabTopology, Region } from "../spec.js";
import { REGIONS } from "../spec.js";
import { waitFor } from "../wait.js";
import { newClusterId } from "./local.js";
import { takenPorts } from "./ports.js";
import { recordedStatus } from "./processes.js";
import { renderMm2Properties } from "./render.js";
import { liveBootstrap, nodeListening, type LabRuntime, type StartOptions } from "./runtime.js";

export const composeFile = path.join(packageRoot, "docker-compose.yml");
export const COMPOSE_PROJECT = "ccaak-lab";
export const MM2_SERVICE = "mm2";

/** `A-1` -> `a-1`, the compose service of a node. */
export const serviceOf = (name: string) => name.toLowerCase();

export function dockerEngineReachable(env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], {
    encoding: "utf8",
    env,
    timeout: 10_000,
  });
  return !result.error && result.status === 0;
}

function compose(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync("docker", ["compose", "-f", composeFile, "-p", COMPOSE_PROJECT, ...args], {
    encoding: "utf8",
    env,
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `docker compose ${args.join(" ")} failed: ${(result.stderr || String(result.error)).trim()}`,
    );
  }
  return result.stdout;
}

function docker(args: string[]): string {
  const result = spawnSync("docker", args, { encoding: "utf8" });
  if (result.error || result.status !== 0)
    throw new Error(`docker ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

const container = (service: string) => `${COMPOSE_PROJECT}-${service}-1`;

function sameShape(spec: LabTopology): boolean {
  return JSON.stringify(spec.regions) === JSON.stringify(bundledTopology("sandbox").regions);
}

/** A container of the compose project, as the state records it: no pid (docker inspect gives it). */
function containerRecord(name: string, kind: ProcessKind, service: string): ProcessRecord {
  return {
    name,
    kind,
    pid: null,
    command: "docker",
    args: ["compose", "-p", COMPOSE_PROJECT, "start", service],
    logFile: "",
    pidFile: "",
  };
}

export class DockerRuntime implements LabRuntime {
  readonly kind = "docker" as const;

  async start(
    spec: LabTopology,
    options: StartOptions,
    onState: (state: LabState) => void,
  ): Promise<LabState> {
    if (spec.prometheus)
      throw new Error("the docker runtime runs no Prometheus: start this lab with the local runtime");
    if (!sameShape(spec) || options.basePort !== DEFAULT_BASE_PORT) {
      throw new Error(`the docker runtime runs the sandbox topology at port base ${DEFAULT_BASE_PORT} only`);
    }
    if (!dockerEngineReachable(options.env)) {
      throw new Error(
        "the Docker engine is not reachable: start Docker, or use the local runtime (--runtime local)",
      );
    }
    const layout = computeLayout(spec, options.basePort);
    const taken = await takenPorts(allPorts(layout));
    if (taken.length > 0) throw new Error(`ports ${taken.join(", ")} are already in use`);
    const attemptDir = newAttemptDir(options.home, spec.id);
    for (const dir of Object.values(attemptPaths(attemptDir)))
      if (!path.extname(dir)) mkdirSync(dir, { recursive: true });
    const state: LabState = {
      version: 1,
      labId: spec.id,
      runtime: "docker",
      home: options.home,
      attemptDir,
      startedAt: new Date().toISOString(),
      phase: "starting",
      spec,
      layout,
      clusterIds: { A: newClusterId(), B: newClusterId() },
      javaBin: "docker",
      libsDir: "",
      kafkaVersion: "image",
      processes: {},
    };
    for (const node of allNodes(layout))
      state.processes[node.name] = containerRecord(node.name, "node", serviceOf(node.name));
    if (spec.mm2) {
      state.processes[MM2_SERVICE] = containerRecord(MM2_SERVICE, "mm2", MM2_SERVICE);
      const bootstraps = { A: layout.regions.A.bootstrap, B: layout.regions.B.bootstrap };
      writeFileSync(mm2PropertiesFile(attemptDir), renderMm2Properties(spec, bootstraps));
    }
    onState(state);
    appendTimeline(attemptDir, { event: "lab-starting", detail: { lab: spec.id, runtime: "docker" } });
    options.log("Starting the compose project (region A, region B, MirrorMaker 2) ...");
    compose(["up", "-d"], {
      ...options.env,
      CLUSTER_ID_A: state.clusterIds.A,
      CLUSTER_ID_B: state.clusterIds.B,
    });
    for (const region of REGIONS) await this.waitForRegion(state, region);
    for (const region of REGIONS) {
      if (spec.topics[region].length > 0)
        await createTopics(layout.regions[region].bootstrap, spec.topics[region]);
    }
    return state;
  }

  private async waitForRegion(state: LabState, region: Region): Promise<void> {
    const { nodes, bootstrap } = state.layout.regions[region];
    const ok = await waitFor(
      async () => (await brokerIds(bootstrap).catch(() => [])).length === nodes.length,
      180_000,
      500,
    );
    if (!ok) throw new Error(`region ${region} did not come up in docker within 180 s`);
  }

  async stop(): Promise<void> {
    compose(["down", "-v", "--timeout", "5"]);
  }

  private service(state: LabState, name: string): string {
    const node = findNode(state.layout, name);
    if (node) return serviceOf(node.name);
    if (name.toLowerCase() === MM2_SERVICE) return MM2_SERVICE;
    throw new Error(`no lab node or process called ${name}`);
  }

  async killNode(state: LabState, name: string): Promise<void> {
    docker(["kill", container(this.service(state, name))]);
  }
  async freezeNode(state: LabState, name: string): Promise<void> {
    docker(["pause", container(this.service(state, name))]);
  }
  async thawNode(state: LabState, name: string): Promise<void> {
    docker(["unpause", container(this.service(state, name))]);
  }
  async startNode(state: LabState, name: string): Promise<void> {
    compose(["start", this.service(state, name)]);
  }
  async killRegion(state: LabState, region: Region): Promise<void> {
    for (const node of state.layout.regions[region].nodes) await this.killNode(state, node.name);
  }
  async startRegion(state: LabState, region: Region): Promise<void> {
    compose(["start", ...state.layout.regions[region].nodes.map((n) => serviceOf(n.name))]);
    await this.waitForRegion(state, region);
  }
  async stopMm2(): Promise<void> {
    compose(["stop", MM2_SERVICE]);
  }
  async killMm2(): Promise<void> {
    compose(["kill", MM2_SERVICE]);
  }
  configureMm2(): void {
    throw new Error("the docker runtime runs the sandbox's MirrorMaker 2 only; use the local runtime");
  }
  async startMm2(): Promise<void> {
    compose(["start", MM2_SERVICE]);
  }

  async restartPrometheus(state: LabState): Promise<void> {
    if (state.spec.prometheus) throw new Error("the docker runtime runs no Prometheus");
  }

  listening(state: LabState, node: string): Promise<boolean> {
    return nodeListening(state, node);
  }

  liveBootstrap(state: LabState, region: Region): string {
    return liveBootstrap(this, state, region);
  }

  /** A node or MirrorMaker 2 from its container; anything else (an application) by its pid. */
  processStatus(state: LabState, name: string): ProcessStatus {
    const service = findNode(state.layout, name) || name.toLowerCase() === MM2_SERVICE;
    if (!service) return recordedStatus(state, name);
    const result = spawnSync(
      "docker",
      ["inspect", "-f", "{{.State.Pid}} {{.State.Status}}", container(this.service(state, name))],
      {
        encoding: "utf8",
      },
    );
    if (result.status !== 0) return { pid: null, state: "gone" };
    const [pid, status] = result.stdout.trim().split(" ");
    if (status === "paused") return { pid: Number(pid), state: "frozen" };
    return status === "running" ? { pid: Number(pid), state: "running" } : { pid: null, state: "gone" };
  }
}
