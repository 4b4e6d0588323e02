/**
 * The applications' ledger: an append-only JSON-lines file per application, fsync'd in small batches.
 * It is the ground truth for what was produced, acknowledged and consumed (RPO, duplicates, gaps).
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

export type LedgerEntry =
  | { type: "produced"; seq: number; key: string; ts: number; region: string; attempt: number }
  | { type: "acked"; seq: number; partition: number; offset: number; ts: number; region: string }
  | { type: "failed"; seq: number; ts: number; region: string; error: string }
  | {
      type: "consumed";
      seq: number | null;
      key: string | null;
      topic: string;
      partition: number;
      offset: number;
      ts: number;
      region: string;
    }
  | { type: "committed"; topic: string; partition: number; offset: number; ts: number; region: string };

export class LedgerWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(file: string, flushEveryMs = 200) {
    this.fd = openSync(file, "a");
    this.timer = setInterval(() => this.flush(), flushEveryMs);
  }

  append(entry: LedgerEntry): void {
    this.pending.push(JSON.stringify(entry));
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = `${this.pending.join("\n")}\n`;
    this.pending = [];
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    closeSync(this.fd);
  }
}

const CHUNK = 1 << 20;

/**
 * A ledger's entries, oldest first, read a chunk at a time: a ledger can grow to gigabytes (a
 * replication loop multiplies what the consumer sees), so it is never held whole. A torn last line (a
 * crash mid-write) is skipped. `upTo` stops at a byte length taken earlier: what was written by then.
 */
export function* ledgerEntries(file: string, upTo = Infinity): Generator<LedgerEntry> {
  if (!existsSync(file)) return;
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(CHUNK);
    const decoder = new StringDecoder("utf8");
    let rest = "";
    for (let read = 0; read < upTo;) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK, upTo - read), null);
      if (n === 0) break;
      read += n;
      const lines = (rest + decoder.write(buffer.subarray(0, n))).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        const entry = parseEntry(line);
        if (entry) yield entry;
      }
    }
    const last = parseEntry(rest + decoder.end());
    if (last) yield last;
  } finally {
    closeSync(fd);
  }
}

function parseEntry(line: string): LedgerEntry | null {
  if (!line.trim()) return null;
  try {
    return JSON.parse(line) as LedgerEntry;
  } catch {
    return null; // torn line
  }
}

export interface LedgerSummary {
  produced: number;
  acked: number;
  failed: number;
  consumed: number;
  committed: number;
  lastSeq: number;
  /** Records consumed more than once (by sequence number). */
  duplicates: number;
}

export function summarizeLedger(entries: Iterable<LedgerEntry>): LedgerSummary {
  const summary: LedgerSummary = {
    produced: 0,
    acked: 0,
    failed: 0,
    consumed: 0,
    committed: 0,
    lastSeq: 0,
    duplicates: 0,
  };
  const seen = new Set<number>();
  for (const e of entries) {
    summary[e.type]++;
    if (e.type === "produced" && e.seq > summary.lastSeq) summary.lastSeq = e.seq;
    if (e.type === "consumed" && e.seq !== null) {
      if (seen.has(e.seq)) summary.duplicates++;
      seen.add(e.seq);
    }
  }
  return summary;
}
