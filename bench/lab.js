// Lab runtime figures on real processes: `npm run bench:lab` (builds first).
// start to ready (first produced record readable on B), RSS of all lab processes, replication latency
// A -> B under the default workload, `lab grade` wall time (the CLI, as a learner runs it), and stop
// time with nothing left. The topology is the planned-failover lab's (the sandbox's plus B's orders). Options via environment:
// BENCH_LAB_SECONDS (latency sampling window, default 60), CCAAK_KAFKA_CACHE (shared Kafka jars).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Consumer, stringDeserializers } from "@platformatic/kafka";
import { startLab, stopLab } from "../dist/lab/control/life-cycle.js";
import { bundledTopology, loadLabDefinition } from "../dist/lab/definition/bundled.js";
import { toTopology } from "../dist/lab/definition/topology.js";
import { percentile } from "../dist/lab/inspect/lag.js";
import { allPorts, computeLayout } from "../dist/lab/layout.js";
import { takenPorts } from "../dist/lab/runtime/ports.js";
import { findMarkedProcesses } from "../dist/lab/runtime/processes.js";
import { packageRoot } from "../dist/paths.js";

const seconds = Number(process.env.BENCH_LAB_SECONDS ?? 60);
const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-lab-bench-"));
const env = {
  ...process.env,
  CCAAK_HOME: home,
  CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
};

async function freeBase() {
  for (let base = 39090; base < 60_000; base += 100) {
    if ((await takenPorts(allPorts(computeLayout(bundledTopology("sandbox"), base)))).length === 0)
      return base;
  }
  throw new Error("no free port base");
}

function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const log = (line) => process.stderr.write(`${line}\n`);
const figures = {};
try {
  const basePort = await freeBase();
  const spec = toTopology(loadLabDefinition("planned-failover"));
  const { state, secondsToReady } = await startLab(spec, { home, env, basePort, runtime: "local", log });
  figures.startToReadySeconds = Number(secondsToReady.toFixed(1));
  log(`ready in ${figures.startToReadySeconds} s; sampling replication latency for ${seconds} s ...`);

  const latencies = [];
  const consumer = new Consumer({
    clientId: "bench-latency",
    groupId: `bench-latency-${Date.now()}`,
    bootstrapBrokers: state.layout.regions.B.bootstrap.split(","),
    deserializers: stringDeserializers,
    maxWaitTime: 50,
  });
  const stream = await consumer.consume({ topics: ["A.orders"], mode: "latest", autocommit: false });
  stream.on("data", (message) => {
    const { ts } = JSON.parse(message.value);
    latencies.push(Date.now() - ts);
  });

  let peakRss = 0;
  let peakBreakdown = {};
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const breakdown = Object.fromEntries(
      Object.values(state.processes).map((p) => [p.name, p.pid ? Math.round(rssMiB(p.pid)) : 0]),
    );
    const total = Object.values(breakdown).reduce((a, b) => a + b, 0);
    if (total > peakRss) {
      peakRss = total;
      peakBreakdown = breakdown;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  await stream.close();
  await consumer.close(true);

  const gradeTimes = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [path.join(packageRoot, "dist", "cli", "main.js"), "lab", "grade", "--json"],
      {
        env,
        encoding: "utf8",
      },
    );
    if (run.status !== 0 && run.status !== 1) throw new Error(`lab grade failed: ${run.stderr}`);
    gradeTimes.push((Date.now() - started) / 1000);
  }
  figures.gradeSecondsMax = Number(Math.max(...gradeTimes).toFixed(2));

  figures.peakRssMiB = peakRss;
  figures.rssByProcessMiB = peakBreakdown;
  figures.replicationSamples = latencies.length;
  figures.replicationLatencyP50Ms = percentile(latencies, 50);
  figures.replicationLatencyP99Ms = percentile(latencies, 99);

  const stop = await stopLab(home);
  figures.stopSeconds = Number(stop.seconds.toFixed(1));
  figures.leftoverProcesses = stop.leftoverPids.length + findMarkedProcesses(home).length;
  figures.leftoverPorts = stop.leftoverPorts.length;
} catch (error) {
  log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  await stopLab(home).catch(() => {});
  process.exitCode = 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}

const targets = {
  startToReadySeconds: (v) => v < 90,
  peakRssMiB: (v) => v < 3072,
  replicationLatencyP99Ms: (v) => v < 5000,
  gradeSecondsMax: (v) => v < 10,
  stopSeconds: (v) => v < 15,
  leftoverProcesses: (v) => v === 0,
  leftoverPorts: (v) => v === 0,
};
for (const [name, value] of Object.entries(figures)) {
  const check = targets[name];
  const verdict = check ? (check(value) ? "ok" : "OVER TARGET") : "";
  console.log(`${name.padEnd(26)} ${typeof value === "object" ? JSON.stringify(value) : value} ${verdict}`);
}
mkdirSync(path.join(packageRoot, "bench", "out"), { recursive: true });
writeFileSync(path.join(packageRoot, "bench", "out", "lab.json"), `${JSON.stringify(figures, null, 2)}\n`);
if (Object.entries(targets).some(([name, check]) => name in figures && !check(figures[name])))
  process.exitCode = 1;
