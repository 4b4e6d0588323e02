/**
 * The sandbox lab against real Kafka: two KRaft clusters, MirrorMaker 2 and the workload, driven through
 * the built CLI (`npm test` builds first). One topology serves every case; the last case stops it and
 * proves nothing is left. The Maven-resolved Kafka jars are shared between runs through
 * CCAAK_KAFKA_CACHE (default: .ccaak-home/kafka-cache in the checkout).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTopic } from "../../src/lab/kafka/client.js";
import type { Checkpoint } from "../../src/lab/inspect/decoders.js";
import type { LabStatus } from "../../src/lab/inspect/status.js";
import { loadState } from "../../src/lab/attempt/state.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { allPorts, computeLayout } from "../../src/lab/layout.js";
import { takenPorts } from "../../src/lab/runtime/ports.js";
import { findMarkedProcesses, labMarker, processState } from "../../src/lab/runtime/processes.js";
import { waitFor } from "../../src/lab/wait.js";
import { appFiles } from "../../src/lab/workload/files.js";
import { ledgerEntries } from "../../src/lab/workload/ledger.js";
import { packageRoot } from "../../src/paths.js";

const sandbox = bundledTopology("sandbox");
const cliPath = path.join(packageRoot, "dist", "cli", "main.js");
const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-lab-test-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CCAAK_HOME: home,
  CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    timeout: 400_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function labShell(script: string): Run {
  const result = spawnSync(
    "sh",
    ["-c", `eval "$("${process.execPath}" "${cliPath}" lab env)" && ${script}`],
    {
      env,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function status(): LabStatus {
  const run = cli(["lab", "status", "--json"]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as LabStatus;
}

/** A port base whose 8 lab ports are all free, away from the learner's default 19090. */
async function freeBase(): Promise<number> {
  for (let base = 29090; base < 40_000; base += 100) {
    if ((await takenPorts(allPorts(computeLayout(sandbox, base)))).length === 0) return base;
  }
  throw new Error("no free port base found");
}

let base = 0;
let started = false;

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
  base = await freeBase();
  const run = cli(["lab", "start", "sandbox", "--port-base", String(base)]);
  started = run.status === 0;
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/Lab sandbox is ready in [\d.]+ s/);
});

afterAll(() => {
  // Safety net when a case failed before the stop case ran.
  if (started) cli(["lab", "stop"]);
  rmSync(home, { recursive: true, force: true });
});

describe("sandbox lab on real Kafka", () => {
  it("names a taken port instead of starting", async () => {
    const server = net.createServer();
    const blocked = base + 200;
    await new Promise<void>((resolve) => server.listen(blocked + 20, "127.0.0.1", resolve));
    try {
      const otherHome = mkdtempSync(path.join(os.tmpdir(), "ccaak-lab-test-ports-"));
      const run = cli(["lab", "start", "sandbox", "--port-base", String(blocked)], { CCAAK_HOME: otherHome });
      rmSync(otherHome, { recursive: true, force: true });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`ports? [\\d, ]*\\b${blocked + 20}\\b[\\d, ]* (is|are) already in use`),
      );
    } finally {
      server.close();
    }
  });

  it("runs every node, MirrorMaker 2 and both applications", () => {
    const s = status();
    expect(s.nodes.map((n) => [n.name, n.process, n.listening, n.rack])).toEqual([
      ["A-1", "running", true, "az-a"],
      ["A-2", "running", true, "az-b"],
      ["A-3", "running", true, "az-c"],
      ["B-1", "running", true, null],
    ]);
    expect(s.regions.A.brokers).toEqual([1, 2, 3]);
    expect(s.mm2?.process).toBe("running");
    expect(s.apps.map((a) => [a.app, a.running, a.status?.region])).toEqual([
      ["producer", true, "A"],
      ["consumer", true, "A"],
    ]);
  });

  it("mirrors the producer's acknowledged records to A.orders on B", async () => {
    const state = loadState(home)!;
    const ledger = appFiles(state.attemptDir, "producer").ledger;
    let mirrored: number[] = [];
    const ok = await waitFor(
      async () => {
        const records = await readTopic(state.layout.regions.B.bootstrap, "A.orders");
        mirrored = records.map((r) => (JSON.parse(r.value!.toString()) as { seq: number }).seq);
        return mirrored.length >= 30;
      },
      90_000,
      1000,
    );
    expect(ok, `only ${mirrored.length} records on B`).toBe(true);
    const acked = new Set([...ledgerEntries(ledger)].flatMap((e) => (e.type === "acked" ? [e.seq] : [])));
    expect(mirrored.filter((seq) => acked.has(seq)).length).toBeGreaterThanOrEqual(30);
    expect(Math.min(...mirrored)).toBe(1);
  });

  it("offers the Kafka tools through lab env, under both names", () => {
    const run = labShell(
      'kafka-topics --bootstrap-server "$B_BOOTSTRAP" --list && kafka-topics.sh --bootstrap-server "$A_BOOTSTRAP" --describe --topic orders && kafka-metadata-quorum --bootstrap-server "$A_BOOTSTRAP" describe --status',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("A.orders");
    expect(run.stdout).toContain("A.checkpoints.internal");
    expect(run.stdout).toMatch(/Topic: orders\s+TopicId: \S+\s+PartitionCount: 3\s+ReplicationFactor: 3/);
    expect(run.stdout).toMatch(/CurrentVoters:\s+\[\{"id": 1/);
  });

  it("checkpoints app-g with the offsets kafka-consumer-groups reports on A", async () => {
    expect(cli(["lab", "app", "stop", "consumer"]).status).toBe(0);
    const describe = labShell(
      'kafka-consumer-groups --bootstrap-server "$A_BOOTSTRAP" --describe --group app-g',
    );
    expect(describe.status, describe.stderr).toBe(0);
    const committed = new Map<number, number>();
    for (const match of describe.stdout.matchAll(/^app-g\s+orders\s+(\d+)\s+(\d+)\s/gm)) {
      committed.set(Number(match[1]), Number(match[2]));
    }
    expect([...committed.keys()].sort()).toEqual([0, 1, 2]);

    // MirrorMaker 2 emits a checkpoint when the translated offset moves, so the newest checkpoint may
    // carry an earlier commit of the group than the one now on A; it can never be a later one. The
    // translated offset is at-least-once: never past the upstream position (offsets line up on a fresh B).
    let checkpoints: Checkpoint[] = [];
    const agreed = await waitFor(
      () => {
        const run = cli(["lab", "checkpoints", "--group", "app-g", "--json"]);
        checkpoints = JSON.parse(run.stdout) as Checkpoint[];
        return [...committed].every(([p]) =>
          checkpoints.some((c) => c.topic === "A.orders" && c.partition === p),
        );
      },
      120_000,
      2000,
    );
    expect(agreed, `checkpoints ${JSON.stringify(checkpoints)}`).toBe(true);
    for (const [p, offset] of committed) {
      const c = checkpoints.find((x) => x.topic === "A.orders" && x.partition === p)!;
      expect(c.group).toBe("app-g");
      expect(Number(c.upstreamOffset)).toBeGreaterThan(0);
      expect(Number(c.upstreamOffset)).toBeLessThanOrEqual(offset);
      expect(Number(c.downstreamOffset)).toBeGreaterThan(0);
      expect(Number(c.downstreamOffset)).toBeLessThanOrEqual(Number(c.upstreamOffset));
    }
    const table = cli(["lab", "checkpoints", "--group", "app-g"]);
    expect(table.stdout).toMatch(/GROUP\s+TOPIC\s+PARTITION\s+UPSTREAM-OFFSET\s+TRANSLATED-OFFSET/);
    expect(cli(["lab", "app", "start", "consumer"]).status).toBe(0);
  });

  it("reports region A down in status and in both applications, and recovers on restart", async () => {
    const ackedBefore = status().apps.find((a) => a.app === "producer")!.counts.acked;
    expect(cli(["lab", "fault", "kill-region", "A"]).status).toBe(0);

    let s = status();
    const down = await waitFor(
      () => {
        s = status();
        const apps = Object.fromEntries(s.apps.map((a) => [a.app, a.status]));
        return (
          s.nodes.filter((n) => n.region === "A").every((n) => n.process === "gone" && !n.listening) &&
          !s.regions.A.reachable &&
          apps.producer?.state === "retrying" &&
          apps.consumer?.state === "retrying"
        );
      },
      90_000,
      2000,
    );
    expect(down, JSON.stringify({ nodes: s.nodes, apps: s.apps })).toBe(true);
    expect(s.apps.find((a) => a.app === "producer")!.status?.lastError).toBeTruthy();
    expect(s.regions.B.reachable).toBe(true);
    expect(cli(["lab", "status"]).stdout).toContain("Region A: UNREACHABLE");
    expect(s.timeline.map((e) => e.event)).toContain("fault:kill-region");

    expect(cli(["lab", "fault", "start-region", "A"]).status).toBe(0);
    const recovered = await waitFor(
      () => {
        s = status();
        const producer = s.apps.find((a) => a.app === "producer")!;
        return (
          s.regions.A.brokers.length === 3 &&
          producer.status?.state === "running" &&
          producer.counts.acked > ackedBefore + 10
        );
      },
      120_000,
      2000,
    );
    expect(recovered, JSON.stringify({ regions: s.regions, apps: s.apps })).toBe(true);
  });

  it("stops everything: no lab process and no listening port left", async () => {
    const state = loadState(home)!;
    const pids = Object.values(state.processes).flatMap((p) => (p.pid ? [p.pid] : []));
    expect(pids.length).toBe(7);
    // A stray process of this lab that no state file knows about (as after a crash) must go too.
    const stray = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", labMarker(home)], {
      detached: true,
      stdio: "ignore",
    });
    stray.unref();

    const run = cli(["lab", "stop", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { clean: boolean; seconds: number };
    expect(result.clean).toBe(true);
    started = false;
    expect(pids.filter((pid) => processState(pid) !== "gone")).toEqual([]);
    expect(processState(stray.pid!)).toBe("gone");
    expect(findMarkedProcesses(home)).toEqual([]);
    expect(await takenPorts(allPorts(state.layout))).toEqual([]);
    expect(cli(["lab", "status"]).status).toBe(1);
    // The lab's JVMs left their class-data archives (dumped before the stop when they were missing).
    const doctor = JSON.parse(cli(["doctor", "--json"]).stdout) as {
      checks: { name: string; detail: string }[];
    };
    expect(doctor.checks.find((c) => c.name === "class-data")?.detail).toMatch(
      /^node usable, mm2 usable, tool usable/,
    );
  });
});
