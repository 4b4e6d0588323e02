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
  /** Offsets of further copies of the same record in its partition (MirrorMaker 2 copied it again). */
  again?: number[];
}

export interface DrillInput {
  /** The ledgers, read once each, in the order they were written. */
  producer: Iterable<LedgerEntry>;
  /** Another producer's ledger that never moves (region B's own): its writes count for what is lost, not for the switch. */
  alsoAcked?: Iterable<LedgerEntry>;
  consumer: Iterable<LedgerEntry>;
  /** Records of the workload on the target region, by sequence number (the first copy found). */
  present: Map<number, PresentRecord>;
  /** The group's committed offsets on the target region: topic -> partition -> offset. */
  committed: Record<string, Record<number, number>>;
  /** MirrorMaker 2's latest translated offsets for the group on the target: topic -> partition -> offset. */
  translated: Record<string, Record<number, number>>;
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
  /** Of the lost: acknowledged on the old region, which was then lost, and never mirrored (no runbook saves them). */
  lostWithRegion: number;
  /**
   * Of the missing: acknowledged on the old region below the last record mirrored from their partition,
   * so the source deleted them (retention) before MirrorMaker 2 copied them: a gap inside the mirror.
   */
  gap: number;
  gapSeqs: number[];
  /** Copies on the target beyond the first of each record: what MirrorMaker 2 copied twice. */
  repeatedOnTarget: number;
  /** Acknowledged and not on the target region, processed or not: what a learner counts as gone. */
  missing: number;
  /** Seconds from the oldest missing acknowledgement to the newest: the measured RPO in time. */
  missingSeconds: number;
  /** Acknowledged and on the target region, but the group's position is past them: never processed. */
  skipped: number;
  skippedSeqs: number[];
  /** Skipped records per target partition: topic -> partition -> count. */
  skippedByPartition: Record<string, Record<number, number>>;
  /** On the target region and not yet processed: the consumer still has them ahead of it. */
  pending: number;
  /**
   * Extra processings already certain: those that happened, and the records already processed that lie
   * between the group's position on the target and what it has processed there (it will read them again).
   */
  duplicates: number;
  /** Of those, the ones still ahead of the consumer. */
  duplicatesAhead: number;
  /**
   * The duplicates MirrorMaker 2's translation makes unavoidable: records processed on the old region at
   * or after the translated offset of their partition (all of a partition's when it has no checkpoint),
   * and the copies MirrorMaker 2 wrote twice at or after it (every runbook reads those again).
   */
  unavoidableDuplicates: number;
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
  /** The group's last commit on the old region, by partition of the workload topic there. */
  committedOnOld: Record<number, number>;
  /** Where the group will read next on the target region: topic -> partition -> offset. */
  position: Record<string, Record<number, number>>;
}

const EXAMPLES = 10;

interface Ack {
  seq: number;
  ts: number;
  region: string;
  partition: number;
  offset: number;
}

/** What the consumer's ledger says, folded in one pass (the ledger can be far larger than memory). */
interface ConsumerFold {
  consumed: number;
  /** Processings per sequence number, and how many of them on the old region. */
  processed: Map<number, number>;
  processedOnOld: Set<number>;
  firstOld: number | null;
  lastOld: number | null;
  firstNew: number | null;
  /** Per target partition (`topic\0partition`): the first and the latest offset processed, with its time. */
  first: Map<string, number>;
  latest: Map<string, { offset: number; ts: number }>;
  committedOnOld: Record<number, number>;
}

const key = (topic: string, partition: number) => `${topic}\0${partition}`;
const min = (a: number | null, b: number) => (a === null ? b : Math.min(a, b));
const max = (a: number | null, b: number) => (a === null ? b : Math.max(a, b));

function foldConsumer(entries: Iterable<LedgerEntry>, from: Region, to: Region): ConsumerFold {
  const f: ConsumerFold = {
    consumed: 0,
    processed: new Map(),
    processedOnOld: new Set(),
    firstOld: null,
    lastOld: null,
    firstNew: null,
    first: new Map(),
    latest: new Map(),
    committedOnOld: {},
  };
  for (const e of entries) {
    if (e.type === "committed" && e.region === from && from !== to) f.committedOnOld[e.partition] = e.offset;
    if (e.type !== "consumed") continue;
    f.consumed++;
    if (e.seq !== null) {
      f.processed.set(e.seq, (f.processed.get(e.seq) ?? 0) + 1);
      if (e.region === from && from !== to) f.processedOnOld.add(e.seq);
    }
    if (from !== to && e.region === from) {
      f.firstOld = min(f.firstOld, e.ts);
      f.lastOld = max(f.lastOld, e.ts);
    } else if (e.region === to) {
      f.firstNew = min(f.firstNew, e.ts);
      const k = key(e.topic, e.partition);
      f.first.set(k, Math.min(f.first.get(k) ?? e.offset, e.offset));
      f.latest.set(k, { offset: e.offset, ts: e.ts });
    }
  }
  return f;
}

function readAcks(entries: Iterable<LedgerEntry>): { acks: Ack[]; produced: number } {
  const acks: Ack[] = [];
  let produced = 0;
  for (const e of entries) {
    if (e.type === "produced") produced++;
    else if (e.type === "acked")
      acks.push({ seq: e.seq, ts: e.ts, region: e.region, partition: e.partition, offset: e.offset });
  }
  return { acks, produced };
}

const nested = (flat: Map<string, number>): Record<string, Record<number, number>> => {
  const out: Record<string, Record<number, number>> = {};
  for (const [k, v] of flat) {
    const [topic, partition] = k.split("\0") as [string, string];
    (out[topic] ??= {})[Number(partition)] = v;
  }
  return out;
};

export function analyseDrill(input: DrillInput): DrillFacts {
  const { from, to, timeline } = input;
  const { acks: moved, produced: producedMoved } = readAcks(input.producer);
  const stayed = readAcks(input.alsoAcked ?? []);
  const acks = [...moved, ...stayed.acks];
  const produced = producedMoved + stayed.produced;
  const c = foldConsumer(input.consumer, from, to);

  const consumerStarts = timeline
    .filter(isEvent("app-start"))
    .filter((e) => e.detail.app.startsWith("consumer"));
  const lastStart = consumerStarts.length ? Date.parse(consumerStarts[consumerStarts.length - 1]!.at) : 0;
  // Where the group reads next: after what it processed since its latest start, else what is committed
  // (an offsets reset while it was stopped), else after what it processed before.
  const position = new Map<string, number>();
  for (const [topic, parts] of Object.entries(input.committed))
    for (const [partition, offset] of Object.entries(parts))
      position.set(key(topic, Number(partition)), offset);
  for (const [k, latest] of c.latest)
    if (latest.ts >= lastStart || !position.has(k)) position.set(k, latest.offset + 1);
  // A record MirrorMaker 2 copied twice is read again from its later copy: count every copy.
  const copiesOf = (r: PresentRecord) => [r.offset, ...(r.again ?? [])];
  const aheadCopies = (r: PresentRecord) => {
    const at = position.get(key(r.topic, r.partition));
    return at === undefined ? 0 : copiesOf(r).filter((o) => o >= at).length;
  };
  const ahead = (r: PresentRecord) => aheadCopies(r) > 0;
  /** Copies at or after MirrorMaker 2's translated offset: what a runbook that applies it reads. */
  const copiesPastTranslated = (r: PresentRecord) => {
    const translated = input.translated[r.topic]?.[r.partition];
    return copiesOf(r).filter((o) => translated === undefined || o >= translated).length;
  };

  let duplicates = 0;
  for (const n of c.processed.values()) duplicates += n - 1;
  let duplicatesAhead = 0;
  let unavoidableDuplicates = 0;
  let repeatedOnTarget = 0;
  for (const r of input.present.values()) repeatedOnTarget += r.again?.length ?? 0;
  for (const [seq, n] of c.processed) {
    const r = input.present.get(seq);
    if (!r) continue;
    duplicatesAhead += aheadCopies(r);
    const onOld = c.processedOnOld.has(seq) ? 1 : 0;
    if (!r.again) unavoidableDuplicates += onOld * copiesPastTranslated(r);
    else
      unavoidableDuplicates += Math.min(
        n - 1 + aheadCopies(r),
        Math.max(0, copiesPastTranslated(r) + onOld - 1),
      );
  }

  const switchEvent =
    from === to ? undefined : timeline.filter(isEvent("dns-set")).find((e) => e.detail.region === to);
  const switchAt = switchEvent ? Date.parse(switchEvent.at) : null;
  // A region is lost from its kill until it is started again: its last acknowledgements may be
  // recorded a moment after the kill was, while it was going down.
  const lostIndex = timeline.findIndex((e) => e.event === "fault:kill-region" && e.detail.region === from);
  const back =
    lostIndex < 0
      ? undefined
      : timeline.slice(lostIndex).find((e) => e.event === "fault:start-region" && e.detail.region === from);
  const regionLostUntil = lostIndex < 0 ? null : back ? Date.parse(back.at) : Infinity;

  const lost: Ack[] = [];
  const missing: Ack[] = [];
  const skipped: number[] = [];
  const skippedAt = new Map<string, number>();
  let pending = 0;
  const seen = new Set<number>();
  for (const ack of acks) {
    if (seen.has(ack.seq)) continue;
    seen.add(ack.seq);
    const record = input.present.get(ack.seq);
    if (!record) missing.push(ack);
    if (c.processed.has(ack.seq)) continue;
    if (!record) lost.push(ack);
    else if (ahead(record) || !position.has(key(record.topic, record.partition))) {
      pending++;
      // Not processed yet, but more than one copy ahead: the later copies will be processed again.
      const again = Math.max(0, aheadCopies(record) - 1);
      duplicatesAhead += again;
      unavoidableDuplicates += Math.min(again, Math.max(0, copiesPastTranslated(record) - 1));
    } else {
      skipped.push(ack.seq);
      const k = key(record.topic, record.partition);
      skippedAt.set(k, (skippedAt.get(k) ?? 0) + 1);
    }
  }
  // The highest offset of each old-region partition that reached the target: anything missing below it
  // was there to copy once and was not copied.
  const mirroredUpTo = new Map<number, number>();
  const firstAcks = new Map<number, Ack>();
  for (const ack of acks) if (!firstAcks.has(ack.seq)) firstAcks.set(ack.seq, ack);
  for (const ack of firstAcks.values())
    if (ack.region === from && input.present.has(ack.seq))
      mirroredUpTo.set(ack.partition, Math.max(mirroredUpTo.get(ack.partition) ?? -1, ack.offset));
  const gapped = missing.filter(
    (m) => m.region === from && m.offset >= 0 && m.offset < (mirroredUpTo.get(m.partition) ?? -1),
  );
  const lostWithRegion =
    regionLostUntil === null ? 0 : lost.filter((l) => l.region === from && l.ts <= regionLostUntil).length;

  let lastAckOld: number | null = null;
  let firstAckNew: number | null = null;
  let acksOnOldAfterSwitch = 0;
  if (from !== to)
    for (const a of moved) {
      if (a.region === from && (switchAt === null || a.ts <= switchAt)) lastAckOld = max(lastAckOld, a.ts);
      if (a.region === from && switchAt !== null && a.ts > switchAt) acksOnOldAfterSwitch++;
      if (a.region === to) firstAckNew = min(firstAckNew, a.ts);
    }
  const gap = (a: number | null, b: number | null) =>
    a !== null && b !== null ? Math.max(0, b - a) / 1000 : null;

  const span = (list: Ack[]) => {
    let first: number | null = null;
    let last: number | null = null;
    for (const a of list) {
      first = min(first, a.ts);
      last = max(last, a.ts);
    }
    return first === null || last === null ? 0 : (last - first) / 1000;
  };
  return {
    produced,
    acked: acks.length,
    ackTimes: acks.map((a) => a.ts).sort((a, b) => a - b),
    consumed: c.consumed,
    lost: lost.length,
    lostSeqs: lost.slice(0, EXAMPLES).map((l) => l.seq),
    lostSeconds: span(lost),
    lostWithRegion,
    gap: gapped.length,
    gapSeqs: gapped.slice(0, EXAMPLES).map((g) => g.seq),
    repeatedOnTarget,
    missing: missing.length,
    missingSeconds: span(missing),
    skipped: skipped.length,
    skippedSeqs: skipped.slice(0, EXAMPLES),
    skippedByPartition: nested(skippedAt),
    pending,
    duplicates: duplicates + duplicatesAhead,
    duplicatesAhead,
    unavoidableDuplicates,
    switchAt,
    switchDetail: switchEvent?.detail ?? null,
    acksOnOldAfterSwitch,
    lastAckOld,
    firstAckNew,
    writeDowntimeSeconds: gap(lastAckOld, firstAckNew),
    lastConsumedOld: c.lastOld,
    firstConsumedNew: from === to ? null : c.firstNew,
    consumerDowntimeSeconds: from === to ? null : gap(c.lastOld, c.firstNew),
    resumed: from === to ? {} : nested(c.first),
    committedOnOld: c.committedOnOld,
    position: nested(position),
  };
}
