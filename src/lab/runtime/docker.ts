/**
 * The docker runtime: the same topology from `docker-compose.yml` on the official `apache/kafka`
 * image. Only the sandbox topology at the default port base exists as a compose file.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../paths.js";
import { brokerIds } from "../inspect/client.js";
import type { LabTopology, Region } from "../spec.js";
import { REGIONS, sandbox } from "../spec.js";
import { allPorts, computeLayout, DEFAULT_BASE_PORT, findNode } from "./layout.js";
import { createTopics, newClusterId } from "./local.js";
import { takenPorts } from "./ports.js";
import { waitFor } from "./processes.js";
import type { LabRuntime, StartOptions } from "./runtime.js";
import { appendTimeline, attemptPaths, newAttemptDir, type LabState } from "./state.js";

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
  return JSON.stringify(spec.regions) === JSON.stringify(sandbox.regions);
}

export class DockerRuntime implements LabRuntime {
  readonly kind = "docker" as const;

  async start(
    spec: LabTopology,
    options: StartOptions,
    onState: (state: LabState) => void,
  ): Promise<LabState> {
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
    onState(state);
    appendTimeline(attemptDir, "lab-starting", { lab: spec.id, runtime: "docker" });
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
  configureMm2(): void {
    throw new Error("the docker runtime runs the sandbox's MirrorMaker 2 only; use the local runtime");
  }
  async startMm2(): Promise<void> {
    compose(["start", MM2_SERVICE]);
  }

  processStatus(state: LabState, name: string): { pid: number | null; state: "running" | "frozen" | "gone" } {
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
