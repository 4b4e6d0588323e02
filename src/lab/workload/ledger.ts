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

/** Reads a ledger, skipping a torn last line (a crash mid-write). */
export function readLedger(file: string): LedgerEntry[] {
  return [...ledgerEntries(file)];
}

const CHUNK_BYTES = 1 << 16;

/**
 * The ledger's entries one at a time, read in fixed-size chunks: a ledger can grow to gigabytes (a
 * replication loop), and this never holds more than a chunk and one line. A torn line is skipped.
 */
export function* ledgerEntries(file: string): Generator<LedgerEntry> {
  if (!existsSync(file)) return;
  const fd = openSync(file, "r");
  try {
    const decoder = new StringDecoder("utf8");
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let rest = "";
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      const text = rest + (read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end());
      const lines = text.split("\n");
      rest = read > 0 ? (lines.pop() ?? "") : "";
      for (const line of lines) {
        const entry = parseLine(line);
        if (entry) yield entry;
      }
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function parseLine(line: string): LedgerEntry | null {
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

export function summarizeLedger(entries: LedgerEntry[]): LedgerSummary {
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
