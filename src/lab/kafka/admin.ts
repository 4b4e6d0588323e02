/** The lab's writes to a cluster: creating a lab's topics, wiping a cluster for the next drill, waiting for recovery. */
import type { TopicSpec } from "../spec.js";
import { waitFor } from "../wait.js";
import { withAdmin } from "./client.js";

export async function createTopics(bootstrap: string, topics: TopicSpec[]): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (existing.has(topic.name)) continue;
      await admin.createTopics({
        topics: [topic.name],
        partitions: topic.partitions,
        replicas: topic.replicationFactor,
        configs: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
      });
    }
  });
}

/** Deletes every topic and consumer group of a cluster and waits until the topics are gone. */
export async function wipeCluster(bootstrap: string): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    const topics = await admin.listTopics({ includeInternals: false });
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const gone = await waitFor(
      async () => (await admin.listTopics({ includeInternals: false })).length === 0,
      60_000,
      300,
    );
    if (!gone) throw new Error(`topics on ${bootstrap} were not deleted within 60 s`);
    // A member that left without saying so holds its group until the session times out.
    await waitFor(
      async () => {
        const groups = [...(await admin.listGroups().catch(() => new Map())).keys()];
        if (groups.length === 0) return true;
        await admin.deleteGroups({ groups }).catch(() => {});
        return false;
      },
      30_000,
      1000,
    );
  });
}

/** Every broker registered and no partition under-replicated. */
export async function clusterRecovered(bootstrap: string, brokers: number): Promise<boolean> {
  try {
    return await withAdmin(bootstrap, async (admin) => {
      const topics = await admin.listTopics({ includeInternals: true });
      const metadata = await admin.metadata({ topics });
      if (metadata.brokers.size !== brokers) return false;
      // The client leaves internal topics (__consumer_offsets) out of the map's values: undefined.
      return [...metadata.topics.values()].every(
        (t) => !t || t.partitions.every((p) => p.leader >= 0 && p.isr.length === p.replicas.length),
      );
    });
  } catch {
    return false;
  }
}
