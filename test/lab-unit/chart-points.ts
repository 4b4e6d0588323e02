/**
 * Reads a report's timeline chart back into numbers: each polyline's points through the scale it
 * carries, and the ledgers' counts the same way, for the report tests to compare.
 */
import type { LedgerEntry } from "../../src/lab/workload/ledger.js";

export interface ChartPoints {
  startMs: number;
  bucketSeconds: number;
  /** Series id -> value per bucket index. */
  series: Map<string, Map<number, number>>;
}

const attr = (tag: string, name: string): string => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  if (!m) throw new Error(`no ${name} in ${tag.slice(0, 120)}`);
  return m[1]!;
};

export function chartPoints(document: string): ChartPoints {
  const svg = /<svg [^>]*>/.exec(document)?.[0];
  if (!svg) throw new Error("no <svg> in the document");
  const startMs = Number(attr(svg, "data-start-ms"));
  const bucketSeconds = Number(attr(svg, "data-bucket-seconds"));
  const series = new Map<string, Map<number, number>>();
  for (const [tag] of document.matchAll(/<polyline [^>]*>/g)) {
    const x0 = Number(attr(tag, "data-x0"));
    const pxPerS = Number(attr(tag, "data-px-per-s"));
    const y0 = Number(attr(tag, "data-y0"));
    const perUnit = Number(attr(tag, "data-px-per-unit"));
    const values = new Map<number, number>();
    for (const point of attr(tag, "points").split(" ").filter(Boolean)) {
      const [x, y] = point.split(",").map(Number) as [number, number];
      values.set(Math.round((x - x0) / pxPerS / bucketSeconds), (y0 - y) / perUnit);
    }
    series.set(attr(tag, "data-series"), values);
  }
  return { startMs, bucketSeconds, series };
}

/** The ledger's entries of one kind and region per bucket of the chart. */
export function ledgerCounts(
  entries: LedgerEntry[],
  type: "acked" | "consumed",
  region: string,
  chart: Pick<ChartPoints, "startMs" | "bucketSeconds">,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const e of entries) {
    if (e.type !== type || e.region !== region) continue;
    const bucket = Math.floor((e.ts - chart.startMs) / 1000 / chart.bucketSeconds);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return counts;
}

/** The chart's values rounded to whole records, without the empty buckets. */
export function nonZero(values: Map<number, number> | undefined): Map<number, number> {
  return new Map([...(values ?? [])].map(([i, v]) => [i, Math.round(v)] as const).filter(([, v]) => v !== 0));
}
