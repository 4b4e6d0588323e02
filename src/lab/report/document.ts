/**
 * A graded drill as a document both renderers (markdown, HTML) draw: the verdict and the failed gates
 * first, every check, the measured figures against the targets, the learner's commands and the whole
 * timeline. Events are shown generically by type and detail, so a kind of event added later appears
 * without a change here. Pure: plain text in, rows out; the renderers escape.
 */
import { isEvent, type TimelineEvent } from "../attempt/timeline.js";
import type { GradeReport } from "../grade.js";

export interface ReportInput {
  report: GradeReport;
  timeline: TimelineEvent[];
  /** The chart's time zero (ms), for the timeline's "+m:ss" column. */
  startMs: number;
}

export interface CheckRow {
  passed: boolean;
  title: string;
  required: boolean;
  points: string;
  observed: string;
  hint: string;
}

export interface ReportDocument {
  title: string;
  about: string;
  passed: boolean;
  verdict: string;
  gates: { title: string; observed: string; hint: string }[];
  checks: CheckRow[];
  measures: { name: string; measured: string; target: string }[];
  /** Null when the timeline has no `command` event. */
  commands:
    { time: string; tool: string; args: string; cluster: string; exit: string; seconds: string }[] | null;
  events: { time: string; offset: string; event: string; detail: string }[];
}

/** The drill's outcome in a few words, as `lab grade` ends its report. */
/** The checks table, the same in every format. */
export const CHECK_COLUMNS = ["result", "check", "points", "observed", "hint"];
export const checkRows = (doc: ReportDocument): string[][] =>
  doc.checks.map((c) => [
    c.passed ? "PASS" : "FAIL",
    c.required ? `${c.title} (required)` : c.title,
    c.points,
    c.observed,
    c.hint,
  ]);

export function verdict(r: GradeReport): string {
  if (r.passed) return "PASSED";
  const gates = r.checks.filter((c) => c.required && !c.passed).length;
  return gates > 0 ? `not passed: ${gates} required check${gates > 1 ? "s" : ""} failed` : "not passed yet";
}

/** Any detail value as text: lists joined by spaces, objects as JSON. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(cell).join(" ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value as string | number | boolean);
}

const details = (e: TimelineEvent): Record<string, unknown> =>
  "detail" in e && typeof e.detail === "object" ? (e.detail as Record<string, unknown>) : {};

const offset = (ms: number, startMs: number) => {
  const s = Math.round((ms - startMs) / 1000);
  const sign = s < 0 ? "-" : "+";
  const a = Math.abs(s);
  return `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, "0")}`;
};

const secs = (s: number | null) => (s === null ? "not measured" : `${s.toFixed(1)} s`);

export function reportDocument({ report: r, timeline, startMs }: ReportInput): ReportDocument {
  const m = r.measured;
  const t = r.targets;
  const failed = r.checks.filter((c) => c.required && !c.passed);
  const commands = timeline.filter((e) => (e.event as string) === "command");
  return {
    title: `Drill report: ${r.title}`,
    about: `Lab ${r.lab}, attempt ${r.attempt}, started ${r.startedAt}, graded ${r.gradedAt}`,
    passed: r.passed,
    verdict: `${verdict(r)}: ${r.score}/${r.maxScore} (${r.percent}%), pass at ${r.passPercent}% with every required check; hints used ${r.hintsUsed}${r.hintPenalty ? ` (-${r.hintPenalty} points)` : ""}`,
    gates: failed.map((c) => ({ title: c.title, observed: c.observed, hint: c.hint ?? "" })),
    checks: r.checks.map((c) => ({
      passed: c.passed,
      title: c.title,
      required: c.required,
      points: `${c.points}/${c.maxPoints}`,
      observed: c.observed,
      hint: c.hint ?? "",
    })),
    measures: [
      {
        name: "RPO (records lost)",
        measured: m.rpoRecords === null ? "unknown (records unreadable)" : String(m.rpoRecords),
        target: t ? String(t.rpoRecords) : "",
      },
      {
        name: "RPO (seconds of writes lost)",
        measured: m.rpoSeconds === null ? "unknown" : `${m.rpoSeconds.toFixed(1)} s`,
        target: t ? `${t.rpoSeconds} s` : "",
      },
      { name: "RTO writes", measured: secs(m.writeRtoSeconds), target: t ? `${t.rtoSeconds} s` : "" },
      { name: "RTO processing", measured: secs(m.consumerRtoSeconds), target: t ? `${t.rtoSeconds} s` : "" },
      ...switchLatency(timeline),
      { name: "processed twice", measured: String(m.duplicates), target: "" },
      { name: "skipped", measured: String(m.skipped), target: "" },
      { name: "still to process", measured: String(m.pending), target: "" },
      { name: "acknowledged", measured: String(m.acked), target: "" },
      { name: "processed", measured: String(m.consumed), target: "" },
    ],
    commands:
      commands.length === 0
        ? null
        : commands.map((e) => {
            const d = details(e);
            return {
              time: offset(Date.parse(e.at), startMs),
              tool: cell(d.tool),
              args: cell(d.args),
              cluster: [cell(d.cluster), d.bootstrap === undefined ? "" : `(${cell(d.bootstrap)})`]
                .filter(Boolean)
                .join(" "),
              exit: cell(d.exit),
              seconds: cell(d.seconds),
            };
          }),
    events: timeline.map((e) => ({
      time: e.at.slice(11, 19),
      offset: offset(Date.parse(e.at), startMs),
      event: e.event,
      detail: Object.entries(details(e))
        .map(([k, v]) => `${k}=${cell(v)}`)
        .join(", "),
    })),
  };
}

/** MirrorMaker 2's latency at the last switch, as the lab's Prometheus saw it (labs that run one). */
function switchLatency(timeline: TimelineEvent[]): { name: string; measured: string; target: string }[] {
  const switches = timeline.filter(isEvent("dns-set")).filter((e) => e.detail.mm2LatencyMs !== undefined);
  const last = switches.at(-1);
  if (!last) return [];
  const ms = last.detail.mm2LatencyMs;
  return [
    {
      name: "MirrorMaker 2 replication latency at the switch (Prometheus)",
      measured:
        ms === null || ms === undefined
          ? "none reported (MirrorMaker 2 not copying)"
          : `${Math.round(ms)} ms`,
      target: "",
    },
  ];
}
