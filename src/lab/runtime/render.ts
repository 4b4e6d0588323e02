/** Configuration files rendered from the lab spec and layout: pure functions, no I/O. */
import path from "node:path";
import { packageRoot } from "../../paths.js";
import type { LabTopology, Mm2Spec } from "../spec.js";
import type { NodeLayout, RegionLayout } from "../layout.js";
import { attemptPaths } from "../attempt/paths.js";
import { PENDING_COMMAND } from "../attempt/timeline.js";
import { CDS_QUIET } from "./cds.js";

export type Properties = Array<[key: string, value: string]>;

export function formatProperties(header: string, props: Properties): string {
  const lines = header.split("\n").map((l) => `# ${l}`);
  return [...lines, ...props.map(([k, v]) => `${k}=${v}`), ""].join("\n");
}

export function quorumVoters(
  region: RegionLayout,
  hostOf: (n: NodeLayout) => string = (n) => n.host,
): string {
  return region.nodes.map((n) => `${n.id}@${hostOf(n)}:${n.controllerPort}`).join(",");
}

/**
 * The broker settings that do not depend on where the node runs (local process or container): the
 * part the docker-compose file must agree with.
 */
export function clusterSettings(node: NodeLayout, clusterSize: number): Properties {
  const rf = Math.min(3, clusterSize);
  const minIsr = clusterSize >= 3 ? 2 : 1;
  const props: Properties = [
    ["process.roles", "broker,controller"],
    ["node.id", String(node.id)],
  ];
  if (node.rack) props.push(["broker.rack", node.rack]);
  props.push(
    ["controller.listener.names", "CONTROLLER"],
    ["default.replication.factor", String(rf)],
    ["min.insync.replicas", String(minIsr)],
    ["offsets.topic.replication.factor", String(rf)],
    // Fewer than the default 50 partitions keeps a lab's first consumer group quick to create.
    ["offsets.topic.num.partitions", "12"],
    ["transaction.state.log.replication.factor", String(rf)],
    ["transaction.state.log.min.isr", String(minIsr)],
    ["share.coordinator.state.topic.replication.factor", String(rf)],
    ["share.coordinator.state.topic.min.isr", String(minIsr)],
    // The default 3 s delay before a new group's first rebalance only slows a lab down.
    ["group.initial.rebalance.delay.ms", "0"],
    // The voters start together on loopback: a candidate need not wait the default 1 s, so region A's
    // first controller is elected about a second sooner (a leader's loss is still noticed only after
    // the fetch timeout, 2 s).
    ["controller.quorum.election.timeout.ms", "300"],
    // The active controller appends an empty record this often so everyone sees the metadata log
    // advance. Every 500 ms (the default) costs a quiet lab: its processes took 45% of a core with it,
    // 37% at 5 s (planned-failover, 40 s of its workload).
    ["metadata.max.idle.interval.ms", "5000"],
    // The log cleaner takes its whole dedupe buffer (128 MiB by default) from the heap at start-up:
    // most of a lab node's live heap, for compacted topics of a few kilobytes here.
    ["log.cleaner.dedupe.buffer.size", String(16 * 1024 * 1024)],
  );
  return props;
}

export function renderServerProperties(
  node: NodeLayout,
  region: RegionLayout,
  logDir: string,
  labTitle: string,
  overrides: Record<string, string> = {},
): string {
  const listeners: Properties = [
    [
      "listeners",
      `PLAINTEXT://${node.host}:${node.clientPort},CONTROLLER://${node.host}:${node.controllerPort}`,
    ],
    ["advertised.listeners", `PLAINTEXT://${node.host}:${node.clientPort}`],
    ["inter.broker.listener.name", "PLAINTEXT"],
    ["listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"],
    ["controller.quorum.voters", quorumVoters(region)],
    ["log.dirs", logDir],
  ];
  const settings = clusterSettings(node, region.nodes.length).filter(([key]) => !(key in overrides));
  return formatProperties(`${labTitle}\nRegion ${node.region}, node ${node.name}: KRaft combined mode`, [
    ...settings,
    ...Object.entries(overrides),
    ...listeners,
  ]);
}

/** Everything in mm2.properties except the two bootstrap addresses. */
export function mm2Settings(mm2: Mm2Spec, spec: LabTopology): Properties {
  const sizeA = spec.regions.A.nodes;
  const sizeB = spec.regions.B.nodes;
  const rfB = String(Math.min(3, sizeB));
  const policy =
    mm2.policy === "identity"
      ? "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"
      : "org.apache.kafka.connect.mirror.DefaultReplicationPolicy";
  const props: Properties = [
    // Every plugin on the class path has a ServiceLoader manifest: skips a reflective scan of all the
    // jars, once for MirrorMaker 2 and once for each flow's worker (about 5 s of its start).
    ["plugin.discovery", "service_load"],
    ["A.plugin.discovery", "service_load"],
    ["B.plugin.discovery", "service_load"],
    ["A->B.enabled", "true"],
    ["B->A.enabled", "false"],
    ["A->B.topics", mm2.topics],
  ];
  if (mm2.topicsExclude) props.push(["A->B.topics.exclude", mm2.topicsExclude]);
  props.push(["A->B.groups", mm2.groups]);
  if (mm2.groupsExclude) props.push(["A->B.groups.exclude", mm2.groupsExclude]);
  if (mm2.configPropertiesExclude)
    props.push(["A->B.config.properties.exclude", mm2.configPropertiesExclude]);
  props.push(
    ["replication.policy.class", policy],
    ["tasks.max", "1"],
    ["replication.factor", rfB],
    ["checkpoints.topic.replication.factor", rfB],
    ["heartbeats.topic.replication.factor", rfB],
    ["offset-syncs.topic.location", mm2.offsetSyncsTopicLocation],
    [
      "offset-syncs.topic.replication.factor",
      String(Math.min(3, mm2.offsetSyncsTopicLocation === "source" ? sizeA : sizeB)),
    ],
    ["config.storage.replication.factor", rfB],
    ["offset.storage.replication.factor", rfB],
    ["status.storage.replication.factor", rfB],
    // One worker per flow: one partition each is plenty, and quicker to create and read at start.
    ["offset.storage.partitions", "1"],
    ["status.storage.partitions", "1"],
    ["emit.checkpoints.enabled", "true"],
    ["emit.checkpoints.interval.seconds", String(mm2.emitCheckpointsIntervalSeconds)],
    ["sync.group.offsets.enabled", String(mm2.syncGroupOffsetsEnabled)],
    ["sync.group.offsets.interval.seconds", String(mm2.syncGroupOffsetsIntervalSeconds)],
    ["refresh.topics.interval.seconds", String(mm2.refreshTopicsIntervalSeconds)],
    ["refresh.groups.interval.seconds", String(mm2.refreshGroupsIntervalSeconds)],
    ["emit.heartbeats.interval.seconds", String(mm2.emitHeartbeatsIntervalSeconds)],
    ["offset.lag.max", String(mm2.offsetLagMax)],
    ["B.offset.flush.interval.ms", String(mm2.offsetFlushIntervalMs)],
    // Without an authorizer on A, ACL sync only logs errors.
    ["sync.topic.acls.enabled", "false"],
  );
  return props;
}

/**
 * The lab's MirrorMaker 2 properties. A drill after the first (`lab reset`) gets its worker group of its
 * own: the previous drill's MirrorMaker 2 was killed, and its member would hold `A-mm2` until its
 * session timed out (10 s), stalling the new worker's first rebalance.
 */
export function renderMm2Properties(
  spec: LabTopology,
  bootstraps: { A: string; B: string },
  drill = 1,
): string {
  if (!spec.mm2) throw new Error(`lab ${spec.id} runs no MirrorMaker 2`);
  const header = [
    `${spec.title}`,
    "MirrorMaker 2 in dedicated mode, replicating A to B; run with --clusters B.",
    "The intervals are the lab's own choice; MirrorMaker 2's defaults are 60 s checkpoints and 10 min refreshes.",
  ].join("\n");
  return formatProperties(header, [
    ["clusters", "A, B"],
    ["A.bootstrap.servers", bootstraps.A],
    ["B.bootstrap.servers", bootstraps.B],
    ...(drill > 1 ? ([["B.group.id", `A-mm2-drill${drill}`]] as Properties) : []),
    ...mm2Settings(spec.mm2, spec),
  ]);
}

export function renderLog4j2(logFile: string, level: "INFO" | "WARN"): string {
  return [
    "status = warn",
    "appender.file.type = File",
    "appender.file.name = FILE",
    `appender.file.fileName = ${logFile}`,
    "appender.file.layout.type = PatternLayout",
    "appender.file.layout.pattern = [%d] %p %m (%c)%n",
    `rootLogger.level = ${level}`,
    "rootLogger.appenderRef.file.ref = FILE",
    // The request logger and the metadata log cleaner are loud at INFO and teach nothing in a lab.
    "logger.request.name = kafka.request.logger",
    "logger.request.level = WARN",
    "",
  ].join("\n");
}

/** The exporter config every lab JVM shares (`kafka/jmx-exporter.yml`). */
export const EXPORTER_CONFIG = path.join(packageRoot, "kafka", "jmx-exporter.yml");

/**
 * The JMX exporter agent on loopback: `/metrics` on `port` for Prometheus. Its own JVM metrics are cut
 * to memory, GC and the process's CPU and RSS (about 100 samples a scrape fewer); the 1.0 agent takes
 * that filter only as a system property.
 */
export function exporterAgentFlags(agentJar: string, port: number, config = EXPORTER_CONFIG): string[] {
  return [
    `-javaagent:${agentJar}=127.0.0.1:${port}:${config}`,
    "-Dio.prometheus.exporter.filter.metricNameMustStartWith=kafka_,jmx_scrape,jvm_memory_used_bytes,jvm_memory_committed_bytes,jvm_memory_max_bytes,jvm_gc_,process_cpu,process_resident",
  ];
}

/**
 * Logging for the command-line tools: warnings to stderr, as the distribution's tools-log4j2 does, through
 * log4j's own simple logger, which spares each call the configuration and plugin loading of log4j-core
 * (about 150 ms of a 0.7 s call).
 */
export const TOOL_LOGGING = [
  "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
  "-Dlog4j2.simplelogLevel=WARN",
];

// Sized from measurement (live heap after a full GC under the lab workload: a node about 30 MiB with
// the small dedupe buffer, MirrorMaker 2 about 25 MiB; metaspace about 11 MiB with class-data sharing).
const SERVER_JVM = [
  "-Xms64m",
  "-Xmx256m",
  "-XX:MaxMetaspaceSize=128m",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-Djava.awt.headless=true",
] as const;

export const JVM_OPTS = {
  node: SERVER_JVM,
  mm2: SERVER_JVM,
  tool: [
    "-Xmx256m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
    ...TOOL_LOGGING,
  ],
} as const;

/** The Kafka command-line tools offered in a lab shell, named as in the Apache distribution. */
export const KAFKA_TOOLS: Record<string, string> = {
  "kafka-topics": "org.apache.kafka.tools.TopicCommand",
  "kafka-consumer-groups": "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
  "kafka-configs": "kafka.admin.ConfigCommand",
  "kafka-console-producer": "org.apache.kafka.tools.ConsoleProducer",
  "kafka-console-consumer": "org.apache.kafka.tools.consumer.ConsoleConsumer",
  "kafka-get-offsets": "org.apache.kafka.tools.GetOffsetShell",
  "kafka-metadata-quorum": "org.apache.kafka.tools.MetadataQuorumCommand",
  "kafka-leader-election": "org.apache.kafka.tools.LeaderElectionCommand",
  "connect-mirror-maker": "org.apache.kafka.connect.mirror.MirrorMaker",
};

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** How a wrapper records its command: `node <script> <attempt dir> <tool> ...` after the tool ends. */
export interface CommandRecorder {
  node: string;
  script: string;
  attemptDir: string;
  tool: string;
}

/** The tool archive is used when present; else this call leaves it at exit, through a scratch file. */
function cdsWrapperLines(archive: string): string[] {
  const file = shellQuote(archive);
  return [
    `scratch=${file}.partial-$$`,
    `if [ -f ${file} ]; then cds=-XX:SharedArchiveFile=${file}; scratch=; else cds=-XX:ArchiveClassesAtExit=$scratch; fi`,
  ];
}

/**
 * A wrapper script that runs one Kafka tool from the lab's classpath and then records the command on
 * the drill's timeline. The tool runs in the foreground with the wrapper's stdin, stdout and stderr;
 * Ctrl-C reaches it as before (the wrapper only waits for it), and the wrapper exits with its code.
 * The recorder gets the arguments as argv and runs in the background, so the prompt comes back as
 * soon as the tool ends; its marker file tells the timeline's readers to wait for it
 * (`awaitRecordedCommands`). Its output and failures are dropped.
 */
export function renderToolWrapper(
  java: string,
  libsDir: string,
  mainClass: string,
  marker: string,
  archive: string | undefined,
  recorder: CommandRecorder,
): string {
  const opts = [...JVM_OPTS.tool, ...CDS_QUIET, marker].map(shellQuote).join(" ");
  const classpath = shellQuote(`${libsDir}/*`);
  const record = [recorder.node, recorder.script, recorder.attemptDir, recorder.tool]
    .map(shellQuote)
    .join(" ");
  const pending = `${shellQuote(attemptPaths(recorder.attemptDir).run)}/${PENDING_COMMAND.prefix}$$${PENDING_COMMAND.suffix}`;
  return [
    "#!/bin/sh",
    "started=$(date +%s%N)",
    "trap : INT",
    ...(archive ? cdsWrapperLines(archive) : ["cds="]),
    `${shellQuote(java)} \${cds:+"$cds"} ${opts} -cp ${classpath} ${mainClass} "$@"`,
    "code=$?",
    ...(archive ? [`[ -f "$scratch" ] && mv -f "$scratch" ${shellQuote(archive)}`] : []),
    "ended=$(date +%s%N)",
    `pending=${pending}`,
    'true 2>/dev/null >"$pending"',
    `(${record} "$started" "$ended" "$code" "$@"; rm -f "$pending") </dev/null >/dev/null 2>&1 &`,
    'exit "$code"',
    "",
  ].join("\n");
}
