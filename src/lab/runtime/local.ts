/** The local runtime: Kafka nodes and MirrorMaker 2 as JVM processes on this machine. */
import { LabUserError } from "../errors.js";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../paths.js";
import type { ProcessStatus } from "../attempt/liveness.js";
import { attemptPaths, mm2PropertiesFile, newAttemptDir } from "../attempt/paths.js";
import type { LabState, ProcessRecord } from "../attempt/state.js";
import { appendTimeline } from "../attempt/timeline.js";
import { createTopics } from "../kafka/admin.js";
import { brokerIds } from "../kafka/client.js";
import { allNodes, allPorts, computeLayout, findNode, type NodeLayout } from "../layout.js";
import type { LabTopology, Region } from "../spec.js";
import { REGIONS } from "../spec.js";
import { endProcesses, labMarker, processState, recordedStatus, spawnDetached } from "./processes.js";
import { isListening, takenPorts } from "./ports.js";
import {
  JVM_OPTS,
  KAFKA_TOOLS,
  renderLog4j2,
  renderMm2Properties,
  renderServerProperties,
  renderToolWrapper,
  exporterAgentFlags,
} from "./render.js";
import { liveBootstrap, nodeListening, type LabRuntime, type StartOptions } from "./runtime.js";
import { CDS_QUIET, cdsArchives, cdsLaunchFlags, dumpArchive } from "./cds.js";
import { copyFromTemplate, formattedTemplateDir, saveTemplate, templateClusterId } from "./formatted.js";
import {
  exporterAgentJar,
  kafkaCacheRoot,
  requireJava,
  resolveKafkaLibs,
  ToolchainError,
} from "./toolchain.js";
import {
  findPrometheus,
  prometheusArgs,
  prometheusReady,
  prometheusUrl,
  renderPrometheusConfig,
} from "../metrics/prometheus.js";
import { rulesDir } from "../metrics/rules.js";
import { waitFor } from "../wait.js";

const MM2 = "mm2";
const PROMETHEUS = "prometheus";
const PROMETHEUS_MISSING =
  "this lab runs a Prometheus server, and none was found: install Debian's `prometheus` package (apt-get install prometheus) or set PROMETHEUS_HOME to a folder holding prometheus and promtool.";
/** What the tool wrappers run to put the learner's command on the timeline (bundled: it starts faster). */
const RECORDER = path.join(packageRoot, "dist", "bin", "record-command.js");

/** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

export class PortsTakenError extends LabUserError {}

function logTail(file: string, lines = 20): string {
  if (!existsSync(file)) return "(no log)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

function runJava(java: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      writeFileSync(logFile, output);
      if (code === 0) resolve();
      else
        reject(new Error(`${args.at(-1) ?? "java"} failed (exit ${code}):\n${output.trim().slice(-2000)}`));
    });
  });
}

export class LocalRuntime implements LabRuntime {
  readonly kind = "local" as const;

  async start(
    spec: LabTopology,
    options: StartOptions,
    onState: (state: LabState) => void,
  ): Promise<LabState> {
    const { home, env, basePort, log } = options;
    const java = requireJava(env);
    const layout = computeLayout(spec, basePort);
    const taken = await takenPorts(allPorts(layout));
    if (taken.length > 0) {
      throw new PortsTakenError(
        `port${taken.length > 1 ? "s" : ""} ${taken.join(", ")} ${taken.length > 1 ? "are" : "is"} already in use; ` +
          `free ${taken.length > 1 ? "them" : "it"} or choose another base with --port-base (now ${basePort}).`,
      );
    }
    const libs = resolveKafkaLibs(env, home, log);
    const attemptDir = newAttemptDir(home, spec.id);
    const paths = attemptPaths(attemptDir);
    for (const dir of [paths.config, paths.logs, paths.run, paths.data, paths.bin, paths.apps]) {
      mkdirSync(dir, { recursive: true });
    }
    const state: LabState = {
      version: 1,
      labId: spec.id,
      runtime: "local",
      home,
      attemptDir,
      startedAt: new Date().toISOString(),
      phase: "starting",
      spec,
      layout,
      clusterIds: { A: newClusterId(), B: newClusterId() },
      javaBin: java.bin,
      libsDir: libs.libsDir,
      kafkaVersion: libs.version,
      cds: cdsArchives(kafkaCacheRoot(env, home), libs.libsDir, java.version ?? `java ${java.major}`),
      processes: {},
    };
    mkdirSync(path.dirname(state.cds!.tool), { recursive: true });
    for (const node of allNodes(layout)) state.processes[node.name] = this.nodeRecord(state, node);
    if (spec.mm2) state.processes[MM2] = this.mm2Record(state);
    if (spec.prometheus) state.processes[PROMETHEUS] = this.prometheusRecord(state);
    onState(state);
    appendTimeline(attemptDir, {
      event: "lab-starting",
      detail: { lab: spec.id, runtime: "local", basePort, kafka: libs.version },
    });
    this.writeToolWrappers(state);

    log(`Formatting ${allNodes(layout).length} KRaft nodes (Kafka ${libs.version}) ...`);
    await Promise.all(REGIONS.map((region) => this.formatRegion(state, region, kafkaCacheRoot(env, home))));
    log("Starting region A and region B ...");
    for (const node of allNodes(layout)) this.spawn(state, state.processes[node.name]!);
    if (spec.prometheus) this.spawn(state, state.processes[PROMETHEUS]!);
    onState(state);
    // Each region gets its topics as soon as it answers; MirrorMaker 2 needs both, and A's topics.
    await Promise.all([
      ...REGIONS.map(async (region) => {
        await this.waitForRegion(state, region, 120_000);
        await createTopics(layout.regions[region].bootstrap, spec.topics[region]);
      }),
      ...(spec.prometheus ? [this.waitForPrometheus(state)] : []),
    ]);
    if (spec.mm2) {
      log("Starting MirrorMaker 2 (A -> B) ...");
      this.spawn(state, state.processes[MM2]!);
      onState(state);
    }
    return state;
  }

  private nodeRecord(state: LabState, node: NodeLayout): ProcessRecord {
    const paths = attemptPaths(state.attemptDir);
    const config = path.join(paths.config, `${node.name}.properties`);
    const log4j = path.join(paths.config, `${node.name}-log4j2.properties`);
    const region = state.layout.regions[node.region];
    writeFileSync(
      config,
      renderServerProperties(
        node,
        region,
        path.join(paths.data, node.name),
        state.spec.title,
        state.spec.regions[node.region].brokerConfigs,
      ),
    );
    writeFileSync(log4j, renderLog4j2(path.join(paths.logs, `${node.name}.log`), "INFO"));
    return {
      name: node.name,
      kind: "node",
      pid: null,
      command: state.javaBin,
      args: [
        labMarker(state.home),
        ...JVM_OPTS.node,
        ...(state.cds ? cdsLaunchFlags(state.cds.node) : []),
        ...this.exporterFlags(state, node.metricsPort),
        `-Dlog4j2.configurationFile=${log4j}`,
        "-cp",
        `${state.libsDir}/*`,
        "kafka.Kafka",
        config,
      ],
      logFile: path.join(paths.logs, `${node.name}.out`),
      pidFile: path.join(paths.run, `${node.name}.pid`),
    };
  }

  /**
   * Writes MirrorMaker 2's properties (the spec's, or a learner's file with the clusters its flows
   * target) and the process record that runs them; `startMm2` starts it.
   */
  configureMm2(state: LabState, learnerFile?: { text: string; clusters: string[] }): void {
    state.processes[MM2] = this.mm2Record(state, learnerFile);
  }

  private mm2Record(state: LabState, learnerFile?: { text: string; clusters: string[] }): ProcessRecord {
    const paths = attemptPaths(state.attemptDir);
    const config = mm2PropertiesFile(state.attemptDir);
    const log4j = path.join(paths.config, "mm2-log4j2.properties");
    const bootstraps = { A: state.layout.regions.A.bootstrap, B: state.layout.regions.B.bootstrap };
    writeFileSync(
      config,
      learnerFile ? learnerFile.text : renderMm2Properties(state.spec, bootstraps, state.drill),
    );
    writeFileSync(log4j, renderLog4j2(path.join(paths.logs, "mm2.log"), "INFO"));
    return {
      name: MM2,
      kind: "mm2",
      pid: null,
      command: state.javaBin,
      args: [
        labMarker(state.home),
        ...JVM_OPTS.mm2,
        ...(state.cds ? cdsLaunchFlags(state.cds.mm2) : []),
        ...this.exporterFlags(state, state.layout.mm2MetricsPort),
        `-Dlog4j2.configurationFile=${log4j}`,
        "-cp",
        `${state.libsDir}/*`,
        KAFKA_TOOLS["connect-mirror-maker"]!,
        config,
        "--clusters",
        ...(learnerFile ? learnerFile.clusters : ["B"]),
      ],
      logFile: path.join(paths.logs, "mm2.out"),
      pidFile: path.join(paths.run, "mm2.pid"),
    };
  }

  /** Every lab JVM exports its metrics when the jars include the exporter agent (the Maven-resolved ones do). */
  private exporterFlags(state: LabState, port: number): string[] {
    const agent = exporterAgentJar(state.libsDir);
    return agent ? exporterAgentFlags(agent, port) : [];
  }

  private prometheusRecord(state: LabState): ProcessRecord {
    const found = findPrometheus(process.env);
    if (!found) throw new ToolchainError(PROMETHEUS_MISSING);
    const paths = attemptPaths(state.attemptDir);
    const configFile = path.join(paths.config, "prometheus.yml");
    mkdirSync(rulesDir(state.attemptDir), { recursive: true });
    writeFileSync(configFile, renderPrometheusConfig(state.layout, rulesDir(state.attemptDir)));
    return {
      name: PROMETHEUS,
      kind: "prometheus",
      pid: null,
      command: found.prometheus,
      args: prometheusArgs({
        configFile,
        dataDir: path.join(paths.data, "prometheus"),
        port: state.layout.prometheusPort,
        marker: labMarker(state.home),
      }),
      logFile: path.join(paths.logs, "prometheus.log"),
      pidFile: path.join(paths.run, "prometheus.pid"),
    };
  }

  /**
   * A fresh Prometheus for the drill (no series, no alerts, no rules of an earlier one), or none when
   * the lab asks for none; resolves once it answers.
   */
  async restartPrometheus(state: LabState): Promise<void> {
    const running = state.processes[PROMETHEUS];
    if (running?.pid) await endProcesses([running.pid], 0);
    delete state.processes[PROMETHEUS];
    rmSync(path.join(attemptPaths(state.attemptDir).data, "prometheus"), { recursive: true, force: true });
    rmSync(rulesDir(state.attemptDir), { recursive: true, force: true });
    if (!state.spec.prometheus) return;
    const record = this.prometheusRecord(state);
    state.processes[PROMETHEUS] = record;
    this.spawn(state, record);
    await this.waitForPrometheus(state);
  }

  private async waitForPrometheus(state: LabState): Promise<void> {
    const record = state.processes[PROMETHEUS]!;
    const up = await waitFor(
      async () => {
        if (record.pid !== null && processState(record.pid) === "gone")
          throw new Error(`Prometheus exited during start-up; see ${record.logFile}`);
        return prometheusReady(prometheusUrl(state.layout));
      },
      60_000,
      100,
    );
    if (!up) throw new Error(`Prometheus did not answer within 60 s; see ${record.logFile}`);
  }

  private writeToolWrappers(state: LabState): void {
    const paths = attemptPaths(state.attemptDir);
    const recorder = { node: process.execPath, script: RECORDER, attemptDir: state.attemptDir };
    for (const [tool, mainClass] of Object.entries(KAFKA_TOOLS)) {
      const marker = labMarker(state.home);
      const script = renderToolWrapper(state.javaBin, state.libsDir, mainClass, marker, state.cds?.tool, {
        ...recorder,
        tool,
      });
      for (const name of [tool, `${tool}.sh`])
        writeFileSync(path.join(paths.bin, name), script, { mode: 0o755 });
    }
  }

  /** Formats a region's nodes, or copies them from the cache's template (see formatted.ts). */
  private async formatRegion(state: LabState, region: Region, cacheDir: string): Promise<void> {
    const nodes = state.layout.regions[region].nodes;
    const names = nodes.map((n) => n.name);
    const data = attemptPaths(state.attemptDir).data;
    const template = formattedTemplateDir(cacheDir, state.libsDir, names, state.spec.eligibleLeaderReplicas);
    const clusterId = templateClusterId(template);
    if (clusterId) {
      copyFromTemplate(template, data, names);
      state.clusterIds[region] = clusterId;
      return;
    }
    await Promise.all(nodes.map((node) => this.format(state, node)));
    saveTemplate(template, data, names, state.clusterIds[region]);
  }

  private async format(state: LabState, node: NodeLayout): Promise<void> {
    const paths = attemptPaths(state.attemptDir);
    const toolArchive = state.cds?.tool;
    const args = [
      ...JVM_OPTS.tool,
      ...(toolArchive && existsSync(toolArchive)
        ? [`-XX:SharedArchiveFile=${toolArchive}`, ...CDS_QUIET]
        : []),
      "-cp",
      `${state.libsDir}/*`,
      "kafka.tools.StorageTool",
      "format",
      "-t",
      state.clusterIds[node.region],
      ...(state.spec.eligibleLeaderReplicas ? [] : ["-f", "eligible.leader.replicas.version=0"]),
      "-c",
      path.join(paths.config, `${node.name}.properties`),
    ];
    await runJava(state.javaBin, args, path.join(paths.logs, `${node.name}-format.out`));
  }

  private spawn(state: LabState, record: ProcessRecord): void {
    record.pid = spawnDetached({
      name: record.name,
      command: record.command,
      args: record.args,
      logFile: record.logFile,
      pidFile: record.pidFile,
    });
  }

  private async waitForRegion(state: LabState, region: Region, timeoutMs: number): Promise<void> {
    const nodes = state.layout.regions[region].nodes;
    const bootstrap = state.layout.regions[region].bootstrap;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const node of nodes) {
        const record = state.processes[node.name]!;
        if (record.pid !== null && processState(record.pid) === "gone") {
          throw new Error(
            `node ${node.name} exited during start-up; see ${record.logFile}:\n${logTail(
              path.join(attemptPaths(state.attemptDir).logs, `${node.name}.log`),
            )}`,
          );
        }
      }
      const listening = await Promise.all(nodes.map((n) => isListening(n.clientPort, n.host)));
      if (listening.every(Boolean)) {
        const ids = await brokerIds(bootstrap).catch(() => []);
        if (ids.length === nodes.length) return;
      }
      if (Date.now() > deadline)
        throw new Error(`region ${region} did not come up within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(state: LabState): Promise<void> {
    this.dumpMissingArchives(state);
    const pids = Object.values(state.processes)
      .filter((p) => p.kind !== "app" && p.pid !== null)
      .map((p) => p.pid!);
    // Lab data is thrown away on stop, so Kafka gets no graceful shutdown: a 3-node cluster stopping
    // all at once would only wait on itself.
    await endProcesses(pids, 0);
    for (const record of Object.values(state.processes)) if (record.kind !== "app") record.pid = null;
  }

  /** A role's first run leaves its archive: dumped from one of its processes before they are killed. */
  private dumpMissingArchives(state: LabState): void {
    if (!state.cds) return;
    for (const role of ["node", "mm2"] as const) {
      const archive = state.cds[role];
      if (existsSync(archive)) continue;
      const donor = Object.values(state.processes).find(
        (p) => p.kind === role && this.running(p) && p.args.includes("-XX:+RecordDynamicDumpInfo"),
      );
      if (donor) dumpArchive(state.javaBin, donor.pid!, archive, `${state.libsDir}/*`);
    }
  }

  private record(state: LabState, name: string): ProcessRecord {
    const node = findNode(state.layout, name);
    const key = node?.name ?? name.toLowerCase();
    const record = state.processes[key];
    if (!record || record.kind === "app") throw new Error(`no lab node or process called ${name}`);
    return record;
  }

  private running(record: ProcessRecord): boolean {
    return record.pid !== null && processState(record.pid) !== "gone";
  }

  async killNode(state: LabState, name: string): Promise<void> {
    const record = this.record(state, name);
    if (this.running(record)) await endProcesses([record.pid!], 0);
  }

  async freezeNode(state: LabState, name: string): Promise<void> {
    const record = this.record(state, name);
    if (!this.running(record)) throw new Error(`${record.name} is not running`);
    process.kill(record.pid!, "SIGSTOP");
  }

  async thawNode(state: LabState, name: string): Promise<void> {
    const record = this.record(state, name);
    if (!this.running(record)) throw new Error(`${record.name} is not running`);
    process.kill(record.pid!, "SIGCONT");
  }

  async startNode(state: LabState, name: string): Promise<void> {
    const record = this.record(state, name);
    if (this.running(record)) return;
    this.spawn(state, record);
  }

  async killRegion(state: LabState, region: Region): Promise<void> {
    const records = state.layout.regions[region].nodes.map((n) => state.processes[n.name]!);
    await endProcesses(
      records.filter((r) => this.running(r)).map((r) => r.pid!),
      0,
    );
  }

  async startRegion(state: LabState, region: Region): Promise<void> {
    for (const node of state.layout.regions[region].nodes) await this.startNode(state, node.name);
    await this.waitForRegion(state, region, 120_000);
  }

  async stopMm2(state: LabState): Promise<void> {
    const record = this.record(state, MM2);
    // A graceful stop commits the source offsets and writes the held-back offset syncs; it takes about
    // 11 s on a quiet machine, so a shorter grace would often end in a kill and records copied twice.
    if (this.running(record)) await endProcesses([record.pid!], 30_000);
  }

  async killMm2(state: LabState): Promise<void> {
    const record = this.record(state, MM2);
    if (this.running(record)) await endProcesses([record.pid!], 0);
  }

  async startMm2(state: LabState): Promise<void> {
    const record = this.record(state, MM2);
    if (!this.running(record)) this.spawn(state, record);
  }

  processStatus(state: LabState, name: string): ProcessStatus {
    return recordedStatus(state, name);
  }

  listening(state: LabState, node: string): Promise<boolean> {
    return nodeListening(state, node);
  }

  liveBootstrap(state: LabState, region: Region): string {
    return liveBootstrap(this, state, region);
  }
}
