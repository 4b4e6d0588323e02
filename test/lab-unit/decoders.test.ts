import { describe, expect, it } from "vitest";
import {
  decodeCheckpoint,
  decodeConnectStatus,
  decodeHeartbeat,
  decodeOffsetSync,
  latestCheckpoints,
  latestConnectStatuses,
} from "../../src/lab/inspect/decoders.js";
import { partitionLags, percentile } from "../../src/lab/inspect/lag.js";
import { summarizeLedger, type LedgerEntry } from "../../src/lab/workload/ledger.js";

// Builders written from the wire format (big-endian; STRING = int16 length + UTF-8).
const str = (s: string) => {
  const bytes = Buffer.from(s, "utf8");
  const len = Buffer.alloc(2);
  len.writeInt16BE(bytes.length);
  return Buffer.concat([len, bytes]);
};
const i16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const i64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

const checkpointKey = (group: string, topic: string, partition: number) =>
  Buffer.concat([str(group), str(topic), i32(partition)]);
const checkpointValue = (up: bigint, down: bigint, meta = "") =>
  Buffer.concat([i16(0), i64(up), i64(down), str(meta)]);

describe("MirrorMaker 2 record decoders", () => {
  it("decodes a checkpoint", () => {
    const c = decodeCheckpoint(checkpointKey("app-g", "A.orders", 2), checkpointValue(1234n, 1230n, "m"));
    expect(c).toEqual({
      group: "app-g",
      topic: "A.orders",
      partition: 2,
      upstreamOffset: 1234n,
      downstreamOffset: 1230n,
      metadata: "m",
    });
  });

  it("refuses a checkpoint version it does not know", () => {
    const value = Buffer.concat([i16(7), i64(1n), i64(1n), str("")]);
    expect(() => decodeCheckpoint(checkpointKey("g", "t", 0), value)).toThrow(/version 7/);
  });

  it("decodes an offset sync and a heartbeat", () => {
    expect(
      decodeOffsetSync(Buffer.concat([str("orders"), i32(1)]), Buffer.concat([i64(500n), i64(498n)])),
    ).toEqual({
      topic: "orders",
      partition: 1,
      upstreamOffset: 500n,
      downstreamOffset: 498n,
    });
    expect(
      decodeHeartbeat(Buffer.concat([str("A"), str("B")]), Buffer.concat([i16(0), i64(1_700_000_000_000n)])),
    ).toEqual({
      sourceCluster: "A",
      targetCluster: "B",
      timestamp: 1_700_000_000_000,
    });
  });

  it("decodes multi-byte UTF-8 group names by byte length", () => {
    const c = decodeCheckpoint(checkpointKey("grüppe", "A.orders", 0), checkpointValue(1n, 1n));
    expect(c.group).toBe("grüppe");
  });

  it("keeps the newest checkpoint per group, topic and partition", () => {
    const older = decodeCheckpoint(checkpointKey("app-g", "A.orders", 0), checkpointValue(10n, 9n));
    const newer = decodeCheckpoint(checkpointKey("app-g", "A.orders", 0), checkpointValue(20n, 19n));
    const other = decodeCheckpoint(checkpointKey("other", "A.orders", 0), checkpointValue(5n, 5n));
    expect(latestCheckpoints([older, other, newer], "app-g")).toEqual([newer]);
    expect(latestCheckpoints([older, other, newer]).map((c) => c.group)).toEqual(["app-g", "other"]);
  });

  it("decodes Connect status records and drops removed connectors", () => {
    const json = (state: string) =>
      Buffer.from(JSON.stringify({ state, trace: null, worker_id: "w1", generation: 3 }));
    const connector = decodeConnectStatus(
      Buffer.from("status-connector-MirrorSourceConnector"),
      json("RUNNING"),
    );
    const task = decodeConnectStatus(Buffer.from("status-task-MirrorSourceConnector-0"), json("FAILED"));
    expect(connector).toEqual({
      kind: "connector",
      connector: "MirrorSourceConnector",
      task: null,
      state: "RUNNING",
      workerId: "w1",
      trace: null,
    });
    expect(task?.task).toBe(0);
    expect(task?.state).toBe("FAILED");
    expect(decodeConnectStatus(Buffer.from("something-else"), json("RUNNING"))).toBeNull();
    const removed = decodeConnectStatus(Buffer.from("status-connector-MirrorSourceConnector"), null);
    expect(latestConnectStatuses([connector!, task!, removed!])).toEqual([task]);
  });
});

describe("lag and percentiles", () => {
  it("computes per-partition lag from end offsets, never negative", () => {
    expect(partitionLags([100n, 50n, 7n], [90n, 50n])).toEqual([
      { partition: 0, sourceEnd: 100, targetEnd: 90, lag: 10 },
      { partition: 1, sourceEnd: 50, targetEnd: 50, lag: 0 },
      { partition: 2, sourceEnd: 7, targetEnd: 0, lag: 7 },
    ]);
    expect(partitionLags([5n], [9n])[0]?.lag).toBe(0);
  });

  it("uses nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("ledger summary", () => {
  it("counts entries and duplicates by sequence number", () => {
    const entries: LedgerEntry[] = [
      { type: "produced", seq: 1, key: "k1", ts: 1, region: "A", attempt: 1 },
      { type: "acked", seq: 1, partition: 0, offset: 0, ts: 2, region: "A" },
      { type: "produced", seq: 2, key: "k2", ts: 3, region: "A", attempt: 1 },
      { type: "failed", seq: 2, ts: 4, region: "A", error: "down" },
      { type: "consumed", seq: 1, key: "k1", topic: "orders", partition: 0, offset: 0, ts: 5, region: "A" },
      { type: "consumed", seq: 1, key: "k1", topic: "orders", partition: 0, offset: 0, ts: 6, region: "A" },
      { type: "committed", topic: "orders", partition: 0, offset: 1, ts: 7, region: "A" },
    ];
    expect(summarizeLedger(entries)).toEqual({
      produced: 2,
      acked: 1,
      failed: 1,
      consumed: 2,
      committed: 1,
      lastSeq: 2,
      duplicates: 1,
    });
  });
});
