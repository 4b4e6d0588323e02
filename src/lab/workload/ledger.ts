/**
 * The applications' ledger: an append-only JSON-lines file per application, fsync'd in small batches.
 * It is the ground truth for what was produced, acknowledged and consumed (RPO, duplicates, gaps).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";

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
  if (!existsSync(file)) return [];
  const entries: LedgerEntry[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      // torn line
    }
  }
  return entries;
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
