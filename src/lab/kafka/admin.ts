/** The lab's writes to a cluster: creating a lab's topics, wiping a cluster for the next drill, waiting for recovery. */
import type { GroupBase } from "@platformatic/kafka";
import type { TopicSpec } from "../spec.js";
import { waitFor } from "../wait.js";
import { withAdmin } from "./client.js";

export async function createTopics(bootstrap: string, topics: TopicSpec[]): Promise<void> {
  if (topics.length === 0) return;
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

/**
 * Deletes every topic and consumer group of a cluster, waiting until they are gone. A consumer group
 * whose member died (killed with the drill's processes) would hold on until its session timed out; its
 * members are removed first, so it can be deleted at once. A MirrorMaker 2 worker group is deleted once
 * its members have expired (a later wipe); the next drill's MirrorMaker 2 uses a group of its own.
 */
export async function wipeCluster(bootstrap: string): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    const topics = await admin.listTopics({ includeInternals: false });
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groupsGone = waitFor(
      async () => {
        const groups = [...(await admin.listGroups().catch(() => new Map<string, GroupBase>())).values()];
        const consumers = groups.filter((g) => g.protocolType === "consumer");
        await Promise.all(
          consumers.map((g) => admin.removeMembersFromConsumerGroup({ groupId: g.id }).catch(() => {})),
        );
        if (groups.length > 0) await admin.deleteGroups({ groups: groups.map((g) => g.id) }).catch(() => {});
        return consumers.length === 0;
      },
      30_000,
      200,
    );
    const topicsGone = waitFor(
      async () => (await admin.listTopics({ includeInternals: false })).length === 0,
      60_000,
      200,
    );
    if (!(await topicsGone)) throw new Error(`topics on ${bootstrap} were not deleted within 60 s`);
    if (!(await groupsGone)) throw new Error(`consumer groups on ${bootstrap} were not deleted within 30 s`);
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
