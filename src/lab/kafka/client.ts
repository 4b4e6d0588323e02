/**
 * The lab's Kafka client, over @platformatic/kafka: metadata, end offsets and reading a whole topic
 * (`admin.ts` has the writes). Inspection, grading, the runtimes and the lab's actions all use it.
 */
import { Admin, Consumer } from "@platformatic/kafka";

// Short request timeouts: a frozen node accepts connections and never answers (the client default is 30 s).
const CLIENT_DEFAULTS = { timeout: 3000, requestTimeout: 3000, retries: 1, retryDelay: 250 } as const;

export interface RawRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
}

export async function withAdmin<T>(bootstrap: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({
    clientId: "ccaak-lab-admin",
    bootstrapBrokers: bootstrap.split(","),
    ...CLIENT_DEFAULTS,
  });
  try {
    return await fn(admin);
  } finally {
    await admin.close().catch(() => {});
  }
}

async function withReader<T>(bootstrap: string, fn: (consumer: Consumer) => Promise<T>): Promise<T> {
  const consumer = new Consumer({
    clientId: "ccaak-lab-inspect",
    // Never joined: reads go through fetch at explicit offsets, so this group is never created.
    groupId: "ccaak-lab-inspect",
    bootstrapBrokers: bootstrap.split(","),
    maxWaitTime: 50,
    ...CLIENT_DEFAULTS,
  });
  try {
    return await fn(consumer);
  } finally {
    await consumer.close().catch(() => {});
  }
}

/** Registered brokers, by node id. */
export async function brokerIds(bootstrap: string): Promise<number[]> {
  return withAdmin(bootstrap, async (admin) => {
    const metadata = await admin.metadata({ topics: [] });
    return [...metadata.brokers.keys()].sort((a, b) => a - b);
  });
}

/** Offsets per partition: `latest` is the end offset (next offset to be written). */
export async function topicOffsets(
  bootstrap: string,
  topic: string,
  which: "latest" | "earliest" = "latest",
): Promise<bigint[]> {
  return withReader(bootstrap, (consumer) => offsetsWith(consumer, topic, which));
}

async function offsetsWith(
  consumer: Consumer,
  topic: string,
  which: "latest" | "earliest",
): Promise<bigint[]> {
  const offsets = await consumer.listOffsets({ topics: [topic], timestamp: which === "latest" ? -1n : -2n });
  return offsets.get(topic) ?? [];
}

const CONTROL_BATCH = 0x20;

/** A topic the cluster does not have (yet). */
export class UnknownTopicError extends Error {
  constructor(readonly topic: string) {
    super(`topic ${topic} not found`);
  }
}

/** The client reports a missing topic as a plain error ("Unknown topic T."), or with Kafka's error id. */
function isUnknownTopic(error: unknown): boolean {
  const e = error as {
    message?: unknown;
    apiId?: unknown;
    findBy?: (property: string, value: unknown) => unknown;
  };
  return (
    (typeof e.message === "string" && e.message.startsWith("Unknown topic ")) ||
    e.apiId === "UNKNOWN_TOPIC_OR_PARTITION" ||
    Boolean(e.findBy?.("apiId", "UNKNOWN_TOPIC_OR_PARTITION"))
  );
}

/** Every record of a topic from its start to its current end, read without a consumer group. */
export async function readTopic(bootstrap: string, topic: string): Promise<RawRecord[]> {
  return readWholeTopic(bootstrap, topic).catch((error: unknown) => {
    throw isUnknownTopic(error) ? new UnknownTopicError(topic) : error;
  });
}

async function readWholeTopic(bootstrap: string, topic: string): Promise<RawRecord[]> {
  return withReader(bootstrap, async (consumer) => {
    const metadata = await consumer.metadata({ topics: [topic], forceUpdate: true });
    const info = metadata.topics.get(topic);
    if (!info) throw new UnknownTopicError(topic);
    const starts = await offsetsWith(consumer, topic, "earliest");
    const ends = await offsetsWith(consumer, topic, "latest");
    const records: RawRecord[] = [];
    for (let partition = 0; partition < info.partitionsCount; partition++) {
      let offset = starts[partition] ?? 0n;
      const end = ends[partition] ?? 0n;
      const leader = info.partitions[partition]?.leader ?? -1;
      while (offset < end) {
        const response = await consumer.fetch({
          node: leader,
          maxWaitTime: 50,
          topics: [
            {
              topicId: info.id,
              partitions: [
                {
                  partition,
                  currentLeaderEpoch: -1,
                  fetchOffset: offset,
                  lastFetchedEpoch: -1,
                  partitionMaxBytes: 4 * 1024 * 1024,
                },
              ],
            },
          ],
        });
        const part = response.responses[0]?.partitions[0];
        if (!part) break;
        if (part.errorCode !== 0)
          throw new Error(`fetching ${topic}-${partition}: error code ${part.errorCode}`);
        const before = offset;
        for (const batch of part.records ?? []) {
          const next = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
          if ((batch.attributes & CONTROL_BATCH) === 0) {
            for (const r of batch.records) {
              const recordOffset = batch.firstOffset + BigInt(r.offsetDelta);
              if (recordOffset < offset) continue;
              records.push({
                partition,
                offset: recordOffset,
                timestamp: batch.firstTimestamp + r.timestampDelta,
                key: r.key,
                value: r.value,
              });
            }
          }
          if (next > offset) offset = next;
        }
        if (offset === before) break;
      }
    }
    return records;
  });
}
