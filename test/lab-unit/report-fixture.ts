/** A planned failover as the report tests see it: ledgers, a timeline and a graded report. */
import type { TimelineEvent } from "../../src/lab/attempt/timeline.js";
import type { CheckResult } from "../../src/lab/checks/types.js";
import type { GradeReport } from "../../src/lab/grade.js";
import type { LedgerEntry } from "../../src/lab/workload/ledger.js";

export const T0 = Date.parse("2026-01-01T10:00:00Z");
export const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** A planned failover: 10 acks/s on A for 30 s, 4 processed/s on A for 40 s, the switch at 45 s, then B. */
export function ledgers(): { producer: LedgerEntry[]; consumer: LedgerEntry[] } {
  const producer: LedgerEntry[] = [];
  const consumer: LedgerEntry[] = [];
  let seq = 0;
  for (let ms = 1000; ms < 31_000; ms += 100)
    producer.push({ type: "acked", seq: ++seq, partition: seq % 3, offset: seq, ts: T0 + ms, region: "A" });
  for (let ms = 48_000; ms < 60_000; ms += 100)
    producer.push({ type: "acked", seq: ++seq, partition: seq % 3, offset: seq, ts: T0 + ms, region: "B" });
  let processed = 0;
  for (let ms = 1000; ms < 41_000; ms += 250) consumer.push(consumed(++processed, "orders", "A", ms));
  for (let ms = 48_000; ms < 60_000; ms += 50) consumer.push(consumed(++processed, "A.orders", "B", ms));
  consumer.push({ type: "committed", topic: "orders", partition: 0, offset: 3, ts: T0 + 2000, region: "A" });
  return { producer, consumer };
}

export function consumed(seq: number, topic: string, region: string, ms: number): LedgerEntry {
  return { type: "consumed", seq, key: null, topic, partition: seq % 3, offset: seq, ts: T0 + ms, region };
}

export const TIMELINE: TimelineEvent[] = [
  { at: iso(-30_000), event: "lab-starting", detail: { lab: "planned-failover" } },
  { at: iso(0), event: "lab-ready", detail: { lab: "planned-failover", drill: 1, secondsToReady: 30 } },
  { at: iso(500), event: "app-start", detail: { app: "producer", pid: 1 } },
  { at: iso(20_000), event: "fault:kill-node", detail: { node: "a2" } },
  { at: iso(31_000), event: "app-stop", detail: { app: "producer", pid: 1 } },
  {
    at: iso(45_000),
    event: "dns-set",
    detail: {
      name: "kafka.orders.lab",
      region: "B",
      bootstrap: "localhost:1",
      from: "A",
      lag: 7,
      producerRunning: false,
      consumerRunning: false,
    },
  },
  { at: iso(61_000), event: "graded", detail: { score: 40, passed: false } },
];

export const check = (over: Partial<CheckResult>): CheckResult => ({
  id: "1",
  check: "records-lost",
  title: "no acknowledged record lost",
  passed: true,
  required: false,
  points: 10,
  maxPoints: 10,
  observed: "0 lost",
  hint: null,
  ...over,
});

export const REPORT: GradeReport = {
  lab: "planned-failover",
  title: "Planned failover to region B",
  attempt: "2026-01-01T09-59-30-000Z-planned-failover#1",
  startedAt: iso(-30_000),
  gradedAt: iso(61_000),
  commands: [],
  checks: [
    check({ id: "1", check: "dns-points-to", title: "DNS points to region B" }),
    check({
      id: "2",
      check: "writes-stopped-before-switch",
      title: "writes stopped before the switch",
      passed: false,
      required: true,
      points: 0,
      maxPoints: 15,
      observed: "producer running at the switch",
      hint: "Stop the producer first",
    }),
    check({ id: "3", title: "a <b>bold</b> | piped * check", observed: "x & y" }),
  ],
  score: 20,
  maxScore: 35,
  hintsUsed: 0,
  hintPenalty: 0,
  percent: 57.1,
  passPercent: 80,
  passed: false,
  failedGates: ["writes stopped before the switch"],
  measured: {
    rpoRecords: 0,
    rpoSeconds: 0,
    writeRtoSeconds: 17,
    consumerRtoSeconds: 7,
    duplicates: 0,
    skipped: 0,
    pending: 0,
    acked: 420,
    consumed: 400,
  },
  targets: { rpoRecords: 0, rpoSeconds: 0, rtoSeconds: 300 },
  left: ["writes stopped before the switch"],
};
