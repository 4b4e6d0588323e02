/**
 * What happened to the workload's records during a drill, from the applications' ledgers, the records
 * present on the region the workload moved to, and the timeline. Pure.
 */
import { isEvent, type EventOf, type TimelineEvent } from "../attempt/timeline.js";
import type { Region } from "../spec.js";
import type { LedgerEntry } from "../workload/ledger.js";

export interface PresentRecord {
  topic: string;
  partition: number;
  offset: number;
}

export interface DrillInput {
  producer: LedgerEntry[];
  consumer: LedgerEntry[];
  /** Records of the workload on the target region, by sequence number (the first copy found). */
  present: Map<number, PresentRecord>;
  /** The group's committed offsets on the target region: topic -> partition -> offset. */
  committed: Record<string, Record<number, number>>;
  timeline: TimelineEvent[];
  from: Region;
  to: Region;
}

export interface DrillFacts {
  produced: number;
  acked: number;
  /** When each write was acknowledged (ms). */
  ackTimes: number[];
  consumed: number;
  /** Acknowledged, never processed, and not on the target region: gone. */
  lost: number;
  lostSeqs: number[];
  /** Seconds of acknowledged writes lost: from the oldest lost acknowledgement to the newest. */
  lostSeconds: number;
  /** Acknowledged and on the target region, but the group's position is past them: never processed. */
  skipped: number;
  skippedSeqs: number[];
  /** On the target region and not yet processed: the consumer still has them ahead of it. */
  pending: number;
  /** Extra processings of records processed more than once. */
  duplicates: number;
  /** When the DNS record was first pointed at the target region (ms), or null. */
  switchAt: number | null;
  /** What the switch found (the lag, the applications running), as the timeline recorded it. */
  switchDetail: EventOf<"dns-set">["detail"] | null;
  /** Acknowledged writes on the old region after the switch (a producer left running there). */
  acksOnOldAfterSwitch: number;
  lastAckOld: number | null;
  firstAckNew: number | null;
  writeDowntimeSeconds: number | null;
  lastConsumedOld: number | null;
  firstConsumedNew: number | null;
  consumerDowntimeSeconds: number | null;
  /** Where the consumer started on the target region: topic -> partition -> first offset processed. */
  resumed: Record<string, Record<number, number>>;
}

const EXAMPLES = 10;

export function analyseDrill(input: DrillInput): DrillFacts {
  const { from, to } = input;
  const acks = input.producer.filter((e) => e.type === "acked");
  const consumed = input.consumer.filter((e) => e.type === "consumed");

  const processed = new Map<number, number>();
  for (const e of consumed) if (e.seq !== null) processed.set(e.seq, (processed.get(e.seq) ?? 0) + 1);
  let duplicates = 0;
  for (const n of processed.values()) duplicates += n - 1;

  // How far the consumer got on each partition of the target region: past what it processed or committed.
  const position = new Map<string, number>();
  const advance = (topic: string, partition: number, offset: number) => {
    const key = `${topic}\0${partition}`;
    position.set(key, Math.max(position.get(key) ?? 0, offset));
  };
  for (const e of consumed) if (e.region === to) advance(e.topic, e.partition, e.offset + 1);
  for (const [topic, parts] of Object.entries(input.committed)) {
    for (const [partition, offset] of Object.entries(parts)) advance(topic, Number(partition), offset);
  }

  const lost: { seq: number; ts: number }[] = [];
  const skipped: number[] = [];
  let pending = 0;
  const seen = new Set<number>();
  for (const ack of acks) {
    if (seen.has(ack.seq) || processed.has(ack.seq)) continue;
    seen.add(ack.seq);
    const record = input.present.get(ack.seq);
    if (!record) lost.push({ seq: ack.seq, ts: ack.ts });
    else if (record.offset < (position.get(`${record.topic}\0${record.partition}`) ?? 0))
      skipped.push(ack.seq);
    else pending++;
  }

  const switchEvent =
    from === to ? undefined : input.timeline.filter(isEvent("dns-set")).find((e) => e.detail.region === to);
  const switchAt = switchEvent ? Date.parse(switchEvent.at) : null;

  const lastOf = (times: number[]) => (times.length ? Math.max(...times) : null);
  const firstOf = (times: number[]) => (times.length ? Math.min(...times) : null);
  const ackTimes = (region: Region) => acks.filter((a) => a.region === region).map((a) => a.ts);
  const consumeTimes = (region: Region) => consumed.filter((c) => c.region === region).map((c) => c.ts);

  const lastAckOld =
    from === to ? null : lastOf(ackTimes(from).filter((t) => switchAt === null || t <= switchAt));
  const firstAckNew = from === to ? null : firstOf(ackTimes(to));
  const lastConsumedOld = from === to ? null : lastOf(consumeTimes(from));
  const firstConsumedNew = from === to ? null : firstOf(consumeTimes(to));
  const gap = (a: number | null, b: number | null) =>
    a !== null && b !== null ? Math.max(0, b - a) / 1000 : null;

  const resumed: Record<string, Record<number, number>> = {};
  for (const e of consumed) {
    if (e.region !== to || from === to) continue;
    const parts = (resumed[e.topic] ??= {});
    if (parts[e.partition] === undefined || e.offset < parts[e.partition]!) parts[e.partition] = e.offset;
  }

  const lostTimes = lost.map((l) => l.ts);
  return {
    produced: input.producer.filter((e) => e.type === "produced").length,
    acked: acks.length,
    ackTimes: acks.map((a) => a.ts),
    consumed: consumed.length,
    lost: lost.length,
    lostSeqs: lost.slice(0, EXAMPLES).map((l) => l.seq),
    lostSeconds: lost.length ? (Math.max(...lostTimes) - Math.min(...lostTimes)) / 1000 : 0,
    skipped: skipped.length,
    skippedSeqs: skipped.slice(0, EXAMPLES),
    pending,
    duplicates,
    switchAt,
    switchDetail: switchEvent?.detail ?? null,
    acksOnOldAfterSwitch:
      switchAt === null ? 0 : acks.filter((a) => a.region === from && a.ts > switchAt).length,
    lastAckOld,
    firstAckNew,
    writeDowntimeSeconds: gap(lastAckOld, firstAckNew),
    lastConsumedOld,
    firstConsumedNew,
    consumerDowntimeSeconds: gap(lastConsumedOld, firstConsumedNew),
    resumed,
  };
}
