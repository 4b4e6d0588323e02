// Lab runtime figures on real processes: `npm run bench:lab` (builds first).
// A machine's speed changes from one run to the next, so each lab figure is also given as a ratio to a
// baseline measured in the same run from the same jars: one bare KRaft node started with the JVM's
// default flags, to its first metadata response, and one `kafka-topics --list` with default flags.
// Every figure is the median of BENCH_LAB_RUNS (default 3): lab start to the first record on B (the
// planned-failover lab), one `kafka-consumer-groups --describe` through the lab's wrapper and the same
// call with default flags, `lab reset`, `lab grade`, and the RSS of all lab processes (with the
// largest process of each role), and `lab start alerting` to ready (metrics agents and Prometheus). CCAAK_KAFKA_CACHE shares the Kafka jars and class-data archives.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLab, stopLab } from "../dist/lab/control/life-cycle.js";
import { bundledTopology, loadLabDefinition } from "../dist/lab/definition/bundled.js";
import { toTopology } from "../dist/lab/definition/topology.js";
import { brokerIds } from "../dist/lab/kafka/client.js";
import { allPorts, computeLayout } from "../dist/lab/layout.js";
import { loadState } from "../dist/lab/attempt/state.js";
import { attemptPaths } from "../dist/lab/attempt/paths.js";
import { takenPorts } from "../dist/lab/runtime/ports.js";
import { findMarkedProcesses } from "../dist/lab/runtime/processes.js";
import { KAFKA_TOOLS, renderServerProperties } from "../dist/lab/runtime/render.js";
import { newClusterId } from "../dist/lab/runtime/local.js";
import { resolveKafkaLibs } from "../dist/lab/runtime/toolchain.js";
import { waitFor } from "../dist/lab/wait.js";
import { packageRoot } from "../dist/paths.js";

const runs = Number(process.env.BENCH_LAB_RUNS ?? 3);
const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-lab-bench-"));
const env = {
  ...process.env,
  CCAAK_HOME: home,
  CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
};
const cli = path.join(packageRoot, "dist", "bin", "main.js");
const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => Number((ms / 1000).toFixed(2));

async function freeBase(from) {
  for (let base = from; base < 60_000; base += 100) {
    if ((await takenPorts(allPorts(computeLayout(bundledTopology("sandbox"), base)))).length === 0)
      return base;
  }
  throw new Error("no free port base");
}

function timed(command, args, options = {}) {
  const started = Date.now();
  const run = spawnSync(command, args, { encoding: "utf8", env, ...options });
  if (run.status !== 0 && !options.allowFailure)
    throw new Error(`${command} ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return Date.now() - started;
}

function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** One KRaft node from the lab's jars with the JVM's default flags: spawn to first metadata response. */
async function bareNodeStart(libsDir, base) {
  const layout = computeLayout(bundledTopology("sandbox"), base);
  const region = layout.regions.B;
  const node = region.nodes[0];
  const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-bench-node-"));
  const config = path.join(dir, "server.properties");
  writeFileSync(config, renderServerProperties(node, region, path.join(dir, "data"), "baseline"));
  const classpath = `${libsDir}/*`;
  timed("java", ["-cp", classpath, "kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", config]);
  const started = Date.now();
  const child = spawn("java", ["-cp", classpath, "kafka.Kafka", config], { stdio: "ignore" });
  try {
    const up = await waitFor(
      async () => (await brokerIds(region.bootstrap).catch(() => [])).length === 1,
      120_000,
      100,
    );
    if (!up) throw new Error("the baseline node did not answer within 120 s");
    const startMs = Date.now() - started;
    const listMs = timed("java", [
      "-cp",
      classpath,
      KAFKA_TOOLS["kafka-topics"],
      "--bootstrap-server",
      region.bootstrap,
      "--list",
    ]);
    return { startMs, listMs };
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const figures = {};
const samples = {
  start: [],
  describe: [],
  describeDefault: [],
  reset: [],
  grade: [],
  rss: [],
  alertingStart: [],
};
let rssByRole = {};
try {
  const libs = resolveKafkaLibs(env, home, log);
  const base = await freeBase(17090);
  const baseline = { start: [], list: [] };
  for (let i = 0; i < runs; i++) {
    const { startMs, listMs } = await bareNodeStart(libs.libsDir, base);
    baseline.start.push(startMs);
    baseline.list.push(listMs);
    log(`baseline ${i + 1}/${runs}: node ${seconds(startMs)} s, kafka-topics --list ${seconds(listMs)} s`);
  }
  figures.baselineNodeStartSeconds = seconds(median(baseline.start));
  figures.baselineToolSeconds = seconds(median(baseline.list));

  const spec = toTopology(loadLabDefinition("planned-failover"));
  for (let i = 0; i < runs; i++) {
    const { state, secondsToReady } = await startLab(spec, {
      home,
      env,
      basePort: base,
      runtime: "local",
      log: () => {},
    });
    samples.start.push(secondsToReady * 1000);
    log(`lab start ${i + 1}/${runs}: first record on B after ${secondsToReady.toFixed(1)} s`);
    if (i < runs - 1) {
      await stopLab(home);
      continue;
    }
    const bin = attemptPaths(state.attemptDir).bin;
    const bootstrap = state.layout.regions.A.bootstrap;
    const describe = ["--bootstrap-server", bootstrap, "--describe", "--group", "app-g"];
    await waitFor(
      () => spawnSync(path.join(bin, "kafka-consumer-groups"), describe, { env }).status === 0,
      60_000,
      1000,
    );
    for (let j = 0; j < runs; j++) {
      samples.describe.push(timed(path.join(bin, "kafka-consumer-groups"), describe));
      samples.describeDefault.push(
        timed("java", ["-cp", `${libs.libsDir}/*`, KAFKA_TOOLS["kafka-consumer-groups"], ...describe]),
      );
    }
    for (let j = 0; j < runs; j++) {
      const breakdown = Object.values(loadState(home).processes).map((p) => ({
        role: p.kind === "app" ? p.name : p.kind,
        mib: p.pid ? rssMiB(p.pid) : 0,
      }));
      samples.rss.push(breakdown.reduce((sum, p) => sum + p.mib, 0));
      for (const { role, mib } of breakdown)
        rssByRole[role] = Math.max(rssByRole[role] ?? 0, Math.round(mib));
      samples.grade.push(timed(process.execPath, [cli, "lab", "grade", "--json"], { allowFailure: true }));
      samples.reset.push(timed(process.execPath, [cli, "lab", "reset", "planned-failover"]));
    }
  }
  await stopLab(home);

  // The alerting lab: the same clusters with every JVM's metrics agent, and a Prometheus server.
  const alerting = toTopology(loadLabDefinition("alerting"));
  for (let i = 0; i < runs; i++) {
    const { secondsToReady } = await startLab(alerting, {
      home,
      env,
      basePort: base,
      runtime: "local",
      log: () => {},
    });
    samples.alertingStart.push(secondsToReady * 1000);
    log(`lab start alerting ${i + 1}/${runs}: ready after ${secondsToReady.toFixed(1)} s`);
    if (i < runs - 1) await stopLab(home);
  }
  const stop = await stopLab(home);
  figures.leftoverProcesses = stop.leftoverPids.length + findMarkedProcesses(home).length;
  figures.leftoverPorts = stop.leftoverPorts.length;
} catch (error) {
  log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  await stopLab(home).catch(() => {});
  process.exitCode = 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}

if (samples.start.length > 0) {
  figures.labStartToFirstRecordOnBSeconds = seconds(median(samples.start));
  figures.labStartRatio = Number(
    (median(samples.start) / (figures.baselineNodeStartSeconds * 1000)).toFixed(2),
  );
}
if (samples.alertingStart.length > 0)
  figures.alertingLabStartSeconds = seconds(median(samples.alertingStart));
if (samples.describe.length > 0) {
  figures.toolCallSeconds = seconds(median(samples.describe));
  figures.toolCallDefaultFlagsSeconds = seconds(median(samples.describeDefault));
  figures.toolCallRatio = Number((median(samples.describe) / median(samples.describeDefault)).toFixed(2));
  figures.toolCallToBaselineRatio = Number(
    (median(samples.describe) / (figures.baselineToolSeconds * 1000)).toFixed(2),
  );
  figures.resetSeconds = seconds(median(samples.reset));
  figures.gradeSeconds = seconds(median(samples.grade));
  figures.rssAllLabProcessesMiB = Math.round(median(samples.rss));
  figures.rssLargestPerRoleMiB = rssByRole;
}

const targets = {
  labStartRatio: (v) => v <= 2.5,
  labStartToFirstRecordOnBSeconds: (v) => v <= 12,
  toolCallRatio: (v) => v <= 0.5,
  resetSeconds: (v) => v <= 5,
  rssAllLabProcessesMiB: (v) => v <= 1536,
  leftoverProcesses: (v) => v === 0,
  leftoverPorts: (v) => v === 0,
};
for (const [name, value] of Object.entries(figures)) {
  const check = targets[name];
  const verdict = check ? (check(value) ? "ok" : "OVER TARGET") : "";
  console.log(`${name.padEnd(34)} ${typeof value === "object" ? JSON.stringify(value) : value} ${verdict}`);
}
mkdirSync(path.join(packageRoot, "bench", "out"), { recursive: true });
writeFileSync(path.join(packageRoot, "bench", "out", "lab.json"), `${JSON.stringify(figures, null, 2)}\n`);
if (Object.entries(targets).some(([name, check]) => name in figures && !check(figures[name])))
  process.exitCode = 1;
