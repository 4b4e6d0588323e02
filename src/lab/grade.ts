/**
 * Grading a drill: gather the state (read-only), analyse the ledgers, run the lab's checks, and add up
 * the score. `scoreDrill` is pure; `gradeLab` does the reading.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Liveness } from "./attempt/liveness.js";
import type { LabState } from "./attempt/state.js";
import { commandRecords, type CommandRecord } from "./attempt/commands.js";
import { isEvent, readTimeline, type TimelineEvent } from "./attempt/timeline.js";
import type { LabDefinition } from "./definition/schema.js";
import { analyseDrill, type DrillFacts, type PresentRecord } from "./checks/drill.js";
import { findCheck } from "./checks/registry.js";
import type { AlertHistory, CheckpointState, CheckResult, GradeInput, RecordTally } from "./checks/types.js";
import { readAlertHistory } from "./metrics/alerts.js";
import { prometheusUrl } from "./metrics/prometheus.js";
import { observeLab, presentRecords } from "./inspect/state.js";
import type { Region } from "./spec.js";
import { appFiles, type AppName } from "./workload/files.js";
import { ledgerEntries, type LedgerEntry } from "./workload/ledger.js";

export interface GradeReport {
  lab: string;
  title: string;
  /** `<attempt folder>#<drill>`: one drill of one lab start. */
  attempt: string;
  startedAt: string;
  gradedAt: string;
  checks: CheckResult[];
  score: number;
  maxScore: number;
  hintsUsed: number;
  hintPenalty: number;
  percent: number;
  passPercent: number;
  /** Score at the pass mark and every required check passed. */
  passed: boolean;
  /** Titles of the required checks that failed: each alone keeps the drill from passing. */
  failedGates: string[];
  measured: {
    /** Null when the target region's records could not be read. */
    rpoRecords: number | null;
    rpoSeconds: number | null;
    writeRtoSeconds: number | null;
    consumerRtoSeconds: number | null;
    duplicates: number;
    skipped: number;
    pending: number;
    acked: number;
    consumed: number;
  };
  targets: LabDefinition["targets"] | null;
  /** Titles of the checks not passed yet: what is left to do. */
  left: string[];
  /** The Kafka commands the learner ran through the lab's tools, oldest first. */
  commands: CommandRecord[];
}

/** The region the workload should end on: the one the lab's DNS check names, else where it started. */
export function targetRegion(lab: LabDefinition): Region {
  const dns = lab.checks.find((c) => c.check === "dns-points-to")?.params as { region?: Region } | undefined;
  return dns?.region ?? lab.topology.dns;
}

export function hintsUsed(timeline: TimelineEvent[]): number {
  return timeline.filter(isEvent("hint")).length;
}

export function scoreDrill(
  lab: LabDefinition,
  input: GradeInput,
  meta: { attempt: string; startedAt: string; gradedAt: string },
): GradeReport {
  const checks: CheckResult[] = lab.checks.map((spec, i) => {
    const definition = findCheck(spec.check);
    if (!definition) throw new Error(`unknown check ${spec.check}`);
    const outcome = definition.run(input, spec.params);
    return {
      id: `${i + 1}`,
      check: spec.check,
      title: spec.title,
      passed: outcome.passed,
      required: spec.required,
      points: outcome.passed ? spec.points : 0,
      maxPoints: spec.points,
      observed: outcome.observed,
      hint: outcome.passed ? null : (outcome.hint ?? spec.hint),
    };
  });
  const earned = checks.reduce((s, c) => s + c.points, 0);
  const used = hintsUsed(input.timeline);
  const penalty = Math.min(earned, used * lab.hintCost);
  const score = earned - penalty;
  const percent = lab.points > 0 ? Math.round((score / lab.points) * 1000) / 10 : 100;
  const failedGates = checks.filter((c) => c.required && !c.passed).map((c) => c.title);
  const d: DrillFacts = input.drill;
  const target = input.observed.regions[input.to];
  const recordsRead = target.reachable && !target.problems.some((p) => p.startsWith("records:"));
  return {
    lab: lab.id,
    title: lab.title,
    ...meta,
    checks,
    score,
    maxScore: lab.points,
    hintsUsed: used,
    hintPenalty: penalty,
    percent,
    passPercent: lab.passPercent,
    passed: checks.length > 0 && percent >= lab.passPercent && failedGates.length === 0,
    failedGates,
    measured: {
      rpoRecords: recordsRead ? d.missing : null,
      rpoSeconds: recordsRead ? d.missingSeconds : null,
      writeRtoSeconds: d.writeDowntimeSeconds,
      consumerRtoSeconds: d.consumerDowntimeSeconds,
      duplicates: d.duplicates,
      skipped: d.skipped,
      pending: d.pending,
      acked: d.acked,
      consumed: d.consumed,
    },
    targets: lab.targets ?? null,
    left: checks.filter((c) => !c.passed).map((c) => c.title),
    commands: commandRecords(input.timeline),
  };
}

/** Reads everything a grade needs from the running lab; changes nothing. */
export async function gatherGradeInput(
  state: LabState,
  lab: LabDefinition,
  liveness: Liveness,
  options: GradeOptions = {},
): Promise<GradeInput> {
  const from = lab.topology.dns;
  const to = targetRegion(lab);
  // The ledgers as they are before the clusters are read: a write acknowledged later would not be in
  // the records read, and would look lost.
  const ledger = (app: AppName) => ledgerAsOfNow(appFiles(state.attemptDir, app).ledger);
  const ledgers = {
    producer: ledger("producer"),
    producerB: ledger("producer-b"),
    consumers: [ledger("consumer"), ledger("consumer-b")],
  };
  const timeline = readTimeline(state.attemptDir);
  const [observed, alerts] = await Promise.all([
    observeLab(state, liveness),
    state.spec.prometheus ? alertHistory(state, timeline, options.ruleset) : undefined,
  ]);
  const workload = state.spec.workload;
  const siteB = workload?.siteB === true;
  const target = observed.regions[to];
  // With a second site, the target's own topic and the mirror of the old region's hold the workload.
  const listed = workload
    ? siteB
      ? [...new Set([workload.topic, `${from}.${workload.topic}`, ...workload.consumerTopics[to]])]
      : workload.consumerTopics[to]
    : [];
  const topics = listed.filter((t) => target.topics[t]);
  const live = state.layout.regions[to].nodes.map((n) => `${n.host}:${n.clientPort}`).join(",");
  let present = new Map<number, PresentRecord>();
  const copies = new Map<string, Map<number, number>>(topics.map((t) => [t, new Map()]));
  const seen = (topic: string, seq: number) => {
    const counted = copies.get(topic)!;
    counted.set(seq, (counted.get(seq) ?? 0) + 1);
  };
  let recordsRead = false;
  if (target.reachable && topics.length > 0) {
    present = await presentRecords(live, topics, seen)
      .then((p) => ((recordsRead = true), p))
      .catch((error: unknown) => {
        target.problems.push(`records: ${error instanceof Error ? error.message : String(error)}`);
        return present;
      });
  }
  const processed: RecordTally["processed"] = { A: {}, B: {} };
  // Every consumer's processing is tallied by region; the drill follows the group on the target when
  // each region has its own consumer (each processes every record once, by design).
  function* consumed(): Generator<LedgerEntry> {
    for (const entries of ledgers.consumers)
      for (const e of entries()) {
        if (e.type === "consumed" && (e.region === "A" || e.region === "B"))
          processed[e.region][e.topic] = (processed[e.region][e.topic] ?? 0) + 1;
        if (!siteB || e.region === to) yield e;
      }
  }
  const drill = analyseDrill({
    producer: ledgers.producer(),
    ...(siteB ? { alsoAcked: ledgers.producerB() } : {}),
    consumer: consumed(),
    present,
    committed: workload ? (target.groups[workload.group]?.offsets ?? {}) : {},
    translated: workload ? translatedOffsets(observed.mm2.checkpoints[to], workload.group) : {},
    timeline,
    from,
    to,
  });
  return {
    observed,
    drill,
    timeline,
    from,
    to,
    workload: workload ? { topic: workload.topic, group: workload.group, ...(siteB ? { siteB } : {}) } : null,
    tally: { topics, repeated: recordsRead ? repeatedSeqs(copies) : null, processed },
    ...(alerts ? { alerts } : {}),
  };
}

export interface GradeOptions {
  /** The rule set to judge the alert checks on (a lab with Prometheus); default: the last one loaded. */
  ruleset?: string;
}

function alertHistory(state: LabState, timeline: TimelineEvent[], ruleset?: string): Promise<AlertHistory> {
  const loads = timeline.filter(isEvent("rules-load"));
  const chosen = ruleset ?? loads.at(-1)?.detail.ruleset ?? null;
  const from = timeline.length ? Date.parse(timeline[0]!.at) : Date.now();
  return readAlertHistory(prometheusUrl(state.layout), state.attemptDir, chosen, from);
}

/** Per topic: the sequence numbers found more than once, the most copies of one, a few examples. */
function repeatedSeqs(copies: Map<string, Map<number, number>>): NonNullable<RecordTally["repeated"]> {
  const out: NonNullable<RecordTally["repeated"]> = {};
  for (const [topic, counted] of copies) {
    const row = { seqs: 0, mostCopies: 1, examples: [] as number[] };
    for (const [seq, n] of counted) {
      if (n < 2) continue;
      row.seqs++;
      row.mostCopies = Math.max(row.mostCopies, n);
      if (row.examples.length < 5) row.examples.push(seq);
    }
    out[topic] = row;
  }
  return out;
}

/** A ledger's entries up to its length now, to read later. */
function ledgerAsOfNow(file: string): () => Iterable<LedgerEntry> {
  const length = existsSync(file) ? statSync(file).size : 0;
  return () => ledgerEntries(file, length);
}

/** The latest checkpoint's downstream offset per mirrored partition of the group. */
function translatedOffsets(
  checkpoints: CheckpointState[],
  group: string,
): Record<string, Record<number, number>> {
  const out: Record<string, Record<number, number>> = {};
  for (const c of checkpoints) if (c.group === group) (out[c.topic] ??= {})[c.partition] = c.downstreamOffset;
  return out;
}

export function attemptId(state: LabState): string {
  return `${path.basename(state.attemptDir)}#${state.drill ?? 1}`;
}

export async function gradeLab(
  state: LabState,
  lab: LabDefinition,
  liveness: Liveness,
  options: GradeOptions = {},
): Promise<{ report: GradeReport; timeline: TimelineEvent[] }> {
  const input = await gatherGradeInput(state, lab, liveness, options);
  const report = scoreDrill(lab, input, {
    attempt: attemptId(state),
    startedAt: state.startedAt,
    gradedAt: new Date().toISOString(),
  });
  return { report, timeline: input.timeline };
}
