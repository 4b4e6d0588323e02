/**
 * The numbers behind a drill's timeline chart: acknowledgements and records processed per bucket and
 * region, the highest sequence number acknowledged and processed, the replication lag where it was
 * measured, the moments the timeline records, and the measured RTO placed on the time axis. Pure: the
 * ledgers' entries are tallied one at a time as they are read, per second.
 */
import type { TimelineEvent } from "../attempt/timeline.js";
import type { GradeReport } from "../grade.js";
import type { Region } from "../spec.js";
import type { LedgerEntry } from "../workload/ledger.js";

export const REGIONS: readonly Region[] = ["A", "B"];
/** Most points a series has; a longer drill gets buckets of several seconds. */
export const MAX_BUCKETS = 900;

const isRegion = (r: string): r is Region => r === "A" || r === "B";
const second = (ts: number) => Math.floor(ts / 1000);

function bump(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
function raise(map: Map<number, number>, key: number, value: number): void {
  map.set(key, Math.max(map.get(key) ?? value, value));
}

/** Both ledgers tallied per second (epoch seconds), in memory proportional to the drill's length. */
export class LedgerTally {
  readonly acks: Record<Region, Map<number, number>> = { A: new Map(), B: new Map() };
  readonly processed: Record<Region, Map<number, number>> = { A: new Map(), B: new Map() };
  /** The highest sequence number acknowledged, and processed, in each second. */
  readonly ackedSeq = new Map<number, number>();
  readonly processedSeq = new Map<number, number>();
  readonly firstAck: Record<Region, number | null> = { A: null, B: null };
  readonly firstProcessed: Record<Region, number | null> = { A: null, B: null };
  firstTs: number | null = null;
  lastTs: number | null = null;

  /** `untilMs`: entries written after it (after a stored grade) are not counted. */
  constructor(readonly untilMs = Infinity) {}

  add(entry: LedgerEntry): void {
    if (entry.type !== "acked" && entry.type !== "consumed") return;
    if (!isRegion(entry.region) || entry.ts > this.untilMs) return;
    const s = second(entry.ts);
    this.firstTs = Math.min(this.firstTs ?? entry.ts, entry.ts);
    this.lastTs = Math.max(this.lastTs ?? entry.ts, entry.ts);
    if (entry.type === "acked") {
      bump(this.acks[entry.region], s, 1);
      raise(this.ackedSeq, s, entry.seq);
      this.firstAck[entry.region] = Math.min(this.firstAck[entry.region] ?? entry.ts, entry.ts);
    } else {
      bump(this.processed[entry.region], s, 1);
      if (entry.seq !== null) raise(this.processedSeq, s, entry.seq);
      this.firstProcessed[entry.region] = Math.min(this.firstProcessed[entry.region] ?? entry.ts, entry.ts);
    }
  }
}

export interface Series {
  id: string;
  label: string;
  /** One value per bucket; null where nothing is known yet (a position before the first record). */
  values: (number | null)[];
}

export interface Marker {
  /** Seconds from the chart's start. */
  t: number;
  label: string;
  kind: "fault" | "switch" | "app" | "mm2" | "other";
}

export interface RtoSpan {
  label: string;
  from: number;
  to: number;
}

export interface ChartData {
  /** The chart's time zero (ms, a whole second): bucket i holds [start + i·b s, start + (i+1)·b s). */
  startMs: number;
  bucketSeconds: number;
  buckets: number;
  /** Acknowledged and processed records per bucket, per region; empty without ledgers. */
  rates: Series[];
  /** Highest sequence number acknowledged and processed so far (null before the first). */
  positions: Series[];
  /** Replication lag into the target where the timeline measured it (the DNS switch). */
  lag: { t: number; lag: number; label: string }[];
  markers: Marker[];
  rto: RtoSpan[];
  /** The measured RPO and RTO against the targets, in words. */
  summary: string[];
  /** Whether the applications' ledgers were there to count. */
  ledgers: boolean;
}

export interface ChartInput {
  tally: LedgerTally | null;
  timeline: TimelineEvent[];
  report: Pick<GradeReport, "measured" | "targets">;
  /** The region the workload started on and the one it should end on. */
  from: Region;
  to: Region;
}

const atMs = (e: { at: string }) => Date.parse(e.at);
const SETUP_EVENTS = new Set<string>(["lab-starting", "lab-cleaned-up"]);

export function buildChart(input: ChartInput): ChartData {
  const { tally, timeline } = input;
  // The drill starts with its first event after the clusters' start (the applications start before
  // the lab reports ready), or its first ledger entry.
  const first = timeline.find((e) => !SETUP_EVENTS.has(e.event)) ?? timeline[0];
  const starts = [first ? atMs(first) : null, tally?.firstTs ?? null].filter((t) => t !== null);
  const ends = [timeline.length ? atMs(timeline[timeline.length - 1]!) : null, tally?.lastTs ?? null];
  const startSecond = second(starts.length ? Math.min(...starts) : Date.now());
  const endSecond = second(Math.max(startSecond * 1000, ...ends.filter((t) => t !== null)));
  const span = endSecond - startSecond + 1;
  const bucketSeconds = Math.max(1, Math.ceil(span / MAX_BUCKETS));
  const buckets = Math.ceil(span / bucketSeconds);
  const startMs = startSecond * 1000;
  const bucketOf = (s: number) => Math.floor((s - startSecond) / bucketSeconds);
  const t = (ms: number) => (ms - startMs) / 1000;

  const counts = (perSecond: Map<number, number>): number[] => {
    const values = new Array<number>(buckets).fill(0);
    for (const [s, n] of perSecond) {
      const i = bucketOf(s);
      if (i >= 0 && i < buckets) values[i]! += n;
    }
    return values;
  };
  const soFar = (perSecond: Map<number, number>): (number | null)[] => {
    const highest = new Array<number | null>(buckets).fill(null);
    for (const [s, seq] of perSecond) {
      const i = bucketOf(s);
      if (i >= 0 && i < buckets) highest[i] = Math.max(highest[i] ?? seq, seq);
    }
    for (let i = 1; i < buckets; i++)
      if (highest[i - 1] !== null) highest[i] = Math.max(highest[i] ?? 0, highest[i - 1]!);
    return highest;
  };

  const rates: Series[] = [];
  const positions: Series[] = [];
  if (tally) {
    for (const r of REGIONS)
      rates.push({ id: `acks-${r}`, label: `acknowledged on ${r}`, values: counts(tally.acks[r]) });
    for (const r of REGIONS)
      rates.push({ id: `processed-${r}`, label: `processed on ${r}`, values: counts(tally.processed[r]) });
    positions.push(
      { id: "acked-seq", label: "highest sequence acknowledged", values: soFar(tally.ackedSeq) },
      { id: "processed-seq", label: "highest sequence processed", values: soFar(tally.processedSeq) },
    );
  }

  const { measured: m, targets } = input.report;
  const rto: RtoSpan[] = [];
  const placeRto = (label: string, seconds: number | null, firstOnNew: number | null | undefined) => {
    if (seconds === null || firstOnNew === null || firstOnNew === undefined) return;
    rto.push({ label: `${label} ${seconds.toFixed(1)} s`, from: t(firstOnNew) - seconds, to: t(firstOnNew) });
  };
  if (input.from !== input.to) {
    placeRto("write RTO", m.writeRtoSeconds, tally?.firstAck[input.to]);
    placeRto("processing RTO", m.consumerRtoSeconds, tally?.firstProcessed[input.to]);
  }

  return {
    startMs,
    bucketSeconds,
    buckets,
    rates,
    positions,
    lag: timeline.flatMap((e) =>
      e.event === "dns-set" && e.detail.lag !== null
        ? [
            {
              t: t(atMs(e)),
              lag: e.detail.lag,
              label: `lag ${e.detail.lag} at the switch to ${e.detail.region}`,
            },
          ]
        : [],
    ),
    markers: timeline.flatMap((e) => {
      const marker = markerOf(e);
      return marker && atMs(e) >= startMs ? [{ t: t(atMs(e)), ...marker }] : [];
    }),
    rto,
    summary: summaryLines(m, targets),
    ledgers: tally !== null,
  };
}

function markerOf(e: TimelineEvent): Omit<Marker, "t"> | null {
  if (e.event.startsWith("fault:")) {
    const detail = "detail" in e ? Object.values(e.detail).join(" ") : "";
    return { kind: "fault", label: `${e.event.slice("fault:".length)} ${detail}`.trim() };
  }
  switch (e.event) {
    case "dns-set":
      return { kind: "switch", label: `DNS -> ${e.detail.region}` };
    case "app-start":
    case "app-stop":
      return { kind: "app", label: `${e.detail.app} ${e.event.slice(4)}` };
    case "mm2-start":
    case "mm2-stop":
      return { kind: "mm2", label: `MM2 ${e.event.slice(4)}` };
    case "proceed":
      return { kind: "other", label: "proceed" };
    default:
      return null;
  }
}

const seconds = (s: number | null) => (s === null ? "not measured" : `${s.toFixed(1)} s`);

function summaryLines(m: GradeReport["measured"], targets: GradeReport["targets"]): string[] {
  const rpo =
    m.rpoRecords === null
      ? "RPO unknown (records unreadable)"
      : `RPO ${m.rpoRecords} records (${(m.rpoSeconds ?? 0).toFixed(1)} s)`;
  const rto = `RTO writes ${seconds(m.writeRtoSeconds)}, processing ${seconds(m.consumerRtoSeconds)}`;
  const target = targets
    ? `targets: RPO ${targets.rpoRecords} records (${targets.rpoSeconds} s), RTO ${targets.rtoSeconds} s`
    : "no targets";
  return [`measured: ${rpo}, ${rto}`, target];
}

/** What the chart shows and what it cannot, in words, for under the chart. */
export function chartNote(chart: ChartData): string {
  const lag =
    "Replication lag is drawn only where it was measured (at the DNS switch): the ledgers do not say when MirrorMaker 2 copied a record, so no lag is estimated between measurements.";
  if (!chart.ledgers)
    return `The applications' ledgers of this drill are gone (the lab was reset or removed since), so only the timeline's moments and measurements are drawn. ${lag}`;
  const per = chart.bucketSeconds === 1 ? "each second" : `each ${chart.bucketSeconds} s`;
  return `Counts are the applications' ledger entries in ${per} (acknowledgements by the producer, records processed by the consumer group), by the region the application was connected to. Sequence numbers are the highest acknowledged and processed so far: the gap between them is the consumer's lag, and processing while the processed line stays flat means older records are being processed (again, after a reset to an earlier offset). ${lag}`;
}
