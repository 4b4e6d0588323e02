import { appendFileSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ledgerEntries, summarizeLedger, type LedgerEntry } from "../../src/lab/workload/ledger.js";

describe("ledger reading", () => {
  it("streams a ledger larger than its read chunk, across multi-byte characters, skipping a torn line", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    const file = path.join(dir, "consumer.ledger.jsonl");
    const entries: LedgerEntry[] = [];
    for (let seq = 1; seq <= 30_000; seq++)
      entries.push({ type: "produced", seq, key: `clé-€-${seq}`, ts: seq, region: "A", attempt: 1 });
    writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join("\n")}\n{"type":"produ`);
    const read = [...ledgerEntries(file)];
    expect(read).toHaveLength(30_000);
    expect(read[29_999]).toEqual(entries[29_999]);
    expect(read.every((e, i) => e.type === "produced" && e.key === `clé-€-${i + 1}`)).toBe(true);
    expect(summarizeLedger(ledgerEntries(file))).toMatchObject({ produced: 30_000, lastSeq: 30_000 });
  });

  it("reads only what was written up to a length taken earlier", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ledger-")), "producer.ledger.jsonl");
    const line = (seq: number) =>
      `${JSON.stringify({ type: "acked", seq, partition: 0, offset: seq, ts: seq, region: "A" })}\n`;
    writeFileSync(file, line(1) + line(2));
    const length = statSync(file).size;
    appendFileSync(file, line(3));
    expect([...ledgerEntries(file, length)].map((e) => ("seq" in e ? e.seq : null))).toEqual([1, 2]);
    expect([...ledgerEntries(file)].map((e) => ("seq" in e ? e.seq : null))).toEqual([1, 2, 3]);
  });

  it("a missing ledger has no entries", () => {
    expect([...ledgerEntries(path.join(os.tmpdir(), "no-such-ledger.jsonl"))]).toEqual([]);
  });
});
