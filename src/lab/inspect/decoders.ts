/**
 * MirrorMaker 2's internal record formats, decoded. All big-endian; a STRING is an int16 length then
 * UTF-8 bytes (a negative length is null).
 */

class Reader {
  private offset = 0;
  constructor(private readonly buffer: Buffer) {}
  int16(): number {
    const value = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  int32(): number {
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  int64(): bigint {
    const value = this.buffer.readBigInt64BE(this.offset);
    this.offset += 8;
    return value;
  }
  string(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const value = this.buffer.toString("utf8", this.offset, this.offset + length);
    if (this.offset + length > this.buffer.length)
      throw new RangeError("string runs past the end of the record");
    this.offset += length;
    return value;
  }
}

export interface Checkpoint {
  group: string;
  /** The topic as named on the target cluster (`A.orders` under the default policy). */
  topic: string;
  partition: number;
  upstreamOffset: bigint;
  /** The translated offset a consumer on the target cluster would resume from. */
  downstreamOffset: bigint;
  metadata: string;
}

export function decodeCheckpoint(key: Buffer, value: Buffer): Checkpoint {
  const k = new Reader(key);
  const group = k.string() ?? "";
  const topic = k.string() ?? "";
  const partition = k.int32();
  const v = new Reader(value);
  const version = v.int16();
  if (version !== 0) throw new RangeError(`unknown checkpoint version ${version}`);
  const upstreamOffset = v.int64();
  const downstreamOffset = v.int64();
  const metadata = v.string() ?? "";
  return { group, topic, partition, upstreamOffset, downstreamOffset, metadata };
}

export interface OffsetSync {
  topic: string;
  partition: number;
  upstreamOffset: bigint;
  downstreamOffset: bigint;
}

export function decodeOffsetSync(key: Buffer, value: Buffer): OffsetSync {
  const k = new Reader(key);
  const topic = k.string() ?? "";
  const partition = k.int32();
  const v = new Reader(value);
  return { topic, partition, upstreamOffset: v.int64(), downstreamOffset: v.int64() };
}

export interface Heartbeat {
  sourceCluster: string;
  targetCluster: string;
  timestamp: number;
}

export function decodeHeartbeat(key: Buffer, value: Buffer): Heartbeat {
  const k = new Reader(key);
  const sourceCluster = k.string() ?? "";
  const targetCluster = k.string() ?? "";
  const v = new Reader(value);
  v.int16();
  return { sourceCluster, targetCluster, timestamp: Number(v.int64()) };
}

export interface ConnectStatus {
  /** `connector` or `task`. */
  kind: "connector" | "task";
  connector: string;
  task: number | null;
  state: string;
  workerId: string | null;
  trace: string | null;
}

/**
 * A Connect status record: key `status-connector-<name>` or `status-task-<name>-<n>`, value JSON with
 * `state`, `trace`, `worker_id`. A null value (tombstone) means the connector was removed.
 */
export function decodeConnectStatus(key: Buffer, value: Buffer | null): ConnectStatus | null {
  const text = key.toString("utf8");
  let kind: ConnectStatus["kind"];
  let connector: string;
  let task: number | null = null;
  const taskMatch = /^status-task-(.+)-(\d+)$/.exec(text);
  if (taskMatch?.[1] && taskMatch[2]) {
    kind = "task";
    connector = taskMatch[1];
    task = Number(taskMatch[2]);
  } else if (text.startsWith("status-connector-")) {
    kind = "connector";
    connector = text.slice("status-connector-".length);
  } else {
    return null;
  }
  if (!value || value.length === 0)
    return { kind, connector, task, state: "DELETED", workerId: null, trace: null };
  const json = JSON.parse(value.toString("utf8")) as {
    state?: string;
    worker_id?: string;
    trace?: string | null;
  };
  return {
    kind,
    connector,
    task,
    state: json.state ?? "UNKNOWN",
    workerId: json.worker_id ?? null,
    trace: json.trace ?? null,
  };
}

/** The newest checkpoint per (group, topic, partition), as RemoteClusterUtils.translateOffsets returns them. */
export function latestCheckpoints(checkpoints: Checkpoint[], group?: string): Checkpoint[] {
  const latest = new Map<string, Checkpoint>();
  for (const c of checkpoints) {
    if (group !== undefined && c.group !== group) continue;
    latest.set(`${c.group}\0${c.topic}\0${c.partition}`, c);
  }
  return [...latest.values()].sort(
    (a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || a.partition - b.partition,
  );
}

/** The newest status per connector and task, in a stable order. */
export function latestConnectStatuses(statuses: ConnectStatus[]): ConnectStatus[] {
  const latest = new Map<string, ConnectStatus>();
  for (const s of statuses) latest.set(`${s.connector}\0${s.task ?? -1}`, s);
  return [...latest.values()]
    .filter((s) => s.state !== "DELETED")
    .sort((a, b) => a.connector.localeCompare(b.connector) || (a.task ?? -1) - (b.task ?? -1));
}
