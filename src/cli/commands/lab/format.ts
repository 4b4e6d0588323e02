/** The lab's text output: the grade report, the status page, the checkpoint table, a history row. */
import { shortCommand, type CommandRecord } from "../../../lab/attempt/commands.js";
import type { GradeReport } from "../../../lab/grade.js";
import type { Checkpoint } from "../../../lab/inspect/decoders.js";
import type { LabStatus } from "../../../lab/inspect/status.js";
import { verdict } from "../../../lab/report/document.js";
import { isProducer } from "../../../lab/workload/files.js";

export const toJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v), 2);

const secs = (s: number | null) => (s === null ? "not yet" : `${s.toFixed(1)} s`);

export function formatGrade(r: GradeReport): string {
  const lines = [`${r.title} (${r.attempt})`, ""];
  const gates = r.checks.filter((c) => c.required && !c.passed);
  for (const gate of gates) {
    lines.push(`NOT PASSED: ${gate.title} (required)`, `  ${gate.observed}`);
    if (gate.hint) lines.push(`  hint: ${gate.hint}`);
  }
  if (gates.length > 0) lines.push("");
  for (const c of r.checks) {
    lines.push(
      `${c.passed ? "PASS" : "FAIL"}  ${String(c.points).padStart(3)}/${String(c.maxPoints).padEnd(3)} ${c.title}${c.required ? " (required)" : ""}`,
    );
    lines.push(`            observed: ${c.observed}`);
    if (c.hint) lines.push(`            hint: ${c.hint}`);
  }
  const m = r.measured;
  lines.push(
    "",
    `Measured: RPO ${m.rpoRecords === null ? "unknown (records unreadable)" : `${m.rpoRecords} records (${(m.rpoSeconds ?? 0).toFixed(1)} s)`}, RTO writes ${secs(m.writeRtoSeconds)}, processing ${secs(m.consumerRtoSeconds)}`,
    `          ${m.duplicates} processed twice, ${m.skipped} skipped, ${m.pending} still to process (${m.acked} acknowledged, ${m.consumed} processed)`,
  );
  if (r.targets)
    lines.push(
      `Targets:  RPO ${r.targets.rpoRecords} records (${r.targets.rpoSeconds} s), RTO ${r.targets.rtoSeconds} s`,
    );
  lines.push(
    `Hints used: ${r.hintsUsed}${r.hintPenalty ? ` (-${r.hintPenalty} points)` : ""}`,
    `Score: ${r.score}/${r.maxScore} (${r.percent}%, pass at ${r.passPercent}% with every required check): ${verdict(r)}`,
  );
  if (r.left.length > 0) lines.push(`Left to do: ${r.left.join("; ")}`);
  if (r.commands.length > 0) lines.push("", "Your Kafka commands", ...formatCommands(r.commands));
  return lines.join("\n");
}

function ago(iso: string): string {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

export function formatStatus(s: LabStatus): string {
  const lines = [
    `Lab ${s.lab} (${s.runtime} runtime, Kafka ${s.kafkaVersion}), started ${ago(s.startedAt)} ago`,
    "",
  ];
  lines.push("Nodes");
  for (const n of s.nodes) {
    const live = n.process === "running" ? (n.listening ? "up" : "starting/not listening") : n.process;
    lines.push(
      `  ${n.name.padEnd(4)} pid ${String(n.pid ?? "-").padEnd(7)} ${live.padEnd(8)} client ${n.clientPort}  controller ${n.controllerPort}  rack ${n.rack ?? "-"}`,
    );
  }
  for (const r of ["A", "B"] as const) {
    const region = s.regions[r];
    lines.push(
      `Region ${r}: ${region.reachable ? `reachable, brokers ${region.brokers.join(",")}` : "UNREACHABLE"} (${region.bootstrap})`,
    );
  }
  if (s.mm2) {
    lines.push("", `MirrorMaker 2: pid ${s.mm2.pid ?? "-"} ${s.mm2.process}`);
    for (const c of s.mm2.connectors) {
      lines.push(`  ${c.connector}${c.task === null ? "" : ` task ${c.task}`}: ${c.state}`);
    }
    if (s.mm2.lastHeartbeatAgeMs !== null)
      lines.push(`  last heartbeat on B: ${(s.mm2.lastHeartbeatAgeMs / 1000).toFixed(1)} s ago`);
    if (s.mm2.error) lines.push(`  (${s.mm2.error})`);
    for (const t of s.mirroredTopics) {
      const parts = t.partitions.map((p) => `p${p.partition} ${p.targetEnd}/${p.sourceEnd}`).join(", ");
      lines.push(
        `  ${t.flow} ${t.source} -> ${t.target}: lag ${t.partitions.length ? t.totalLag : "unknown"}${parts ? ` (mirror/source end offsets: ${parts})` : ""}`,
      );
    }
  }
  if (s.dns) lines.push("", `DNS ${s.dns.name} -> region ${s.dns.region} (${s.dns.bootstrap})`);
  if (s.apps.length > 0) lines.push("", "Applications");
  for (const a of s.apps) {
    const st = a.status;
    const state = a.running ? (st?.state ?? "running") : "stopped";
    const counts = isProducer(a.app)
      ? `produced ${a.counts.produced}, acked ${a.counts.acked}, failed ${a.counts.failed}`
      : `consumed ${a.counts.consumed}, committed ${a.counts.committed}, duplicates ${a.counts.duplicates}`;
    lines.push(
      `  ${a.app.padEnd(10)} pid ${String(a.pid ?? "-").padEnd(7)} ${state.padEnd(9)} -> region ${st?.region ?? "?"}  ${counts}`,
    );
    if (a.running && st?.state === "retrying" && st.lastError)
      lines.push(`            last error: ${st.lastError}`);
  }
  lines.push("", "Timeline");
  for (const e of s.timeline) {
    if (e.event === "command") continue;
    lines.push(`  ${e.at.slice(11, 19)}  ${e.event}${"detail" in e ? ` ${JSON.stringify(e.detail)}` : ""}`);
  }
  if (s.commands.length > 0) {
    const shown = s.commands.slice(-STATUS_COMMANDS);
    const more = s.commands.length - shown.length;
    lines.push("", `Your commands${more > 0 ? ` (the last ${shown.length} of ${s.commands.length})` : ""}`);
    lines.push(...formatCommands(shown));
  }
  return lines.join("\n");
}

const STATUS_COMMANDS = 8;

/** One line a command: start time, exit code, the cluster addressed, the tool and its masked arguments. */
export function formatCommands(commands: CommandRecord[]): string[] {
  return commands.map(
    (c) =>
      `  ${c.at.slice(11, 19)}  exit ${String(c.exit).padEnd(3)} ${(c.cluster ? `on ${c.cluster}` : "on -").padEnd(5)} ${shortCommand(c)}`,
  );
}

export function formatHistoryRow(
  a: {
    uid: string;
    gradedAt: number;
    lab: string;
    score: number;
    maxScore: number;
    passed: boolean;
    hintsUsed: number;
  },
  m: GradeReport["measured"],
): string {
  return `${new Date(a.gradedAt).toISOString().slice(0, 16).replace("T", " ")}  ${a.lab.padEnd(20)} ${String(a.score).padStart(3)}/${a.maxScore} ${a.passed ? "passed" : "failed"}  RPO ${m.rpoRecords ?? "?"}  RTO ${secs(m.writeRtoSeconds)}  hints ${a.hintsUsed}  ${a.uid}`;
}

/** Translated offsets as a table, one line a row. */
export function formatCheckpoints(list: Checkpoint[]): string[] {
  const rows = [["GROUP", "TOPIC", "PARTITION", "UPSTREAM-OFFSET", "TRANSLATED-OFFSET"]];
  for (const c of list) {
    rows.push([c.group, c.topic, String(c.partition), String(c.upstreamOffset), String(c.downstreamOffset)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
}
