/**
 * The clusters' state as the grader needs it, read-only: topics with partitions, replicas, ISR, racks,
 * effective configs and end offsets; consumer groups with committed offsets; MirrorMaker 2's
 * checkpoints and connector status; the DNS record and the applications. A region that is down is
 * reported as unreachable, never waited on for long.
 */
import { ConfigResourceTypes } from "@platformatic/kafka";
import { readJson } from "../attempt/json-file.js";
import type { Liveness } from "../attempt/liveness.js";
import type { LabState } from "../attempt/state.js";
import type { PresentRecord } from "../checks/drill.js";
import type { CheckpointState, ObservedState, RegionState, TopicState } from "../checks/types.js";
import { readTopic, withAdmin } from "../kafka/client.js";
import { readMm2Properties } from "../mirror.js";
import { REGIONS, type Region } from "../spec.js";
import { within } from "../wait.js";
import { APPS, appFiles, readDns, type AppName, type AppStatus } from "../workload/files.js";
import { checkpointsTopic, otherRegion, readCheckpoints, readConnectorStatus, statusTopic } from "./mm2.js";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function inspectRegion(bootstrap: string): Promise<RegionState> {
  const empty: RegionState = { reachable: false, brokers: [], topics: {}, groups: {}, problems: [] };
  if (!bootstrap) return { ...empty, problems: ["no node is running"] };
  try {
    return await within(
      withAdmin(bootstrap, async (admin) => {
        const region: RegionState = { ...empty, reachable: true, problems: [] };
        const names = await admin.listTopics({ includeInternals: false });
        const metadata = await admin.metadata({ topics: names });
        region.brokers = [...metadata.brokers.entries()]
          .map(([id, b]) => ({ id, rack: b.rack ?? null }))
          .sort((a, b) => a.id - b.id);
        const configs =
          names.length > 0
            ? await admin.describeConfigs({
                resources: names.map((n) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: n })),
              })
            : [];
        const ends =
          names.length > 0
            ? await admin
                .listOffsets({
                  topics: names.map((n) => ({
                    name: n,
                    partitions: Array.from(
                      { length: metadata.topics.get(n)?.partitionsCount ?? 0 },
                      (_, p) => ({ partitionIndex: p, timestamp: -1n }),
                    ),
                  })),
                })
                .catch((error: unknown) => {
                  region.problems.push(`end offsets: ${message(error)}`);
                  return [];
                })
            : [];
        for (const name of names) {
          const info = metadata.topics.get(name);
          if (!info) continue;
          const topic: TopicState = {
            partitions: info.partitions.map((p, partition) => ({
              partition,
              leader: p.leader,
              replicas: p.replicas,
              isr: p.isr,
            })),
            configs: {},
            endOffsets: [],
          };
          for (const c of configs.find((d) => d.resourceName === name)?.configs ?? [])
            if (typeof c.value === "string") topic.configs[c.name] = c.value;
          const listed = ends.find((e) => e.name === name);
          for (const p of listed?.partitions ?? []) topic.endOffsets[p.partitionIndex] = Number(p.offset);
          region.topics[name] = topic;
        }
        // describeGroups is not used: the client cannot decode a Connect worker group's member metadata.
        // Right after a restart the group coordinator may not answer yet: topics still count.
        const listed = await admin.listGroups().catch((error: unknown) => {
          region.problems.push(`groups: ${message(error)}`);
          return new Map();
        });
        const groups = [...listed.keys()];
        if (groups.length > 0) {
          const offsets = await admin.listConsumerGroupOffsets({ groups });
          for (const id of groups) {
            const committed: Record<string, Record<number, number>> = {};
            for (const t of offsets.find((o) => o.groupId === id)?.topics ?? []) {
              for (const p of t.partitions) {
                if (p.committedOffset < 0n) continue;
                (committed[t.name] ??= {})[p.partitionIndex] = Number(p.committedOffset);
              }
            }
            region.groups[id] = { state: String(listed.get(id)?.state ?? "UNKNOWN"), offsets: committed };
          }
        }
        return region;
      }),
      8000,
    );
  } catch (error) {
    return { ...empty, problems: [message(error)] };
  }
}

async function checkpointsOn(bootstrap: string, on: Region): Promise<CheckpointState[]> {
  const latest = await within(readCheckpoints(bootstrap, on), 5000);
  return latest.map((c) => ({
    group: c.group,
    topic: c.topic,
    partition: c.partition,
    upstreamOffset: Number(c.upstreamOffset),
    downstreamOffset: Number(c.downstreamOffset),
  }));
}

/** Workload records on a region's topics, by the sequence number in their JSON value; `seen` hears of every copy. */
export async function presentRecords(
  bootstrap: string,
  topics: string[],
  seen?: (topic: string, seq: number) => void,
): Promise<Map<number, PresentRecord>> {
  const present = new Map<number, PresentRecord>();
  for (const topic of topics) {
    const records = await within(readTopic(bootstrap, topic), 5000);
    for (const r of records) {
      try {
        const seq = (JSON.parse(r.value?.toString() ?? "") as { seq?: unknown }).seq;
        if (typeof seq !== "number") continue;
        seen?.(topic, seq);
        const first = present.get(seq);
        if (!first) present.set(seq, { topic, partition: r.partition, offset: Number(r.offset) });
        else if (first.topic === topic && first.partition === r.partition)
          (first.again ??= []).push(Number(r.offset));
      } catch {
        // not a workload record
      }
    }
  }
  return present;
}

/** What the grader sees; `liveness` (the lab's runtime) says which nodes and applications run. */
export async function observeLab(state: LabState, liveness: Liveness): Promise<ObservedState> {
  const bootstraps = { A: liveness.liveBootstrap(state, "A"), B: liveness.liveBootstrap(state, "B") };
  const [A, B] = await Promise.all(REGIONS.map((r) => inspectRegion(bootstraps[r])));
  const regions = { A: A!, B: B! };
  const checkpoints: Record<Region, CheckpointState[]> = { A: [], B: [] };
  await Promise.all(
    REGIONS.map(async (r) => {
      if (regions[r].reachable && regions[r].topics[checkpointsTopic(otherRegion(r))])
        checkpoints[r] = await checkpointsOn(bootstraps[r], r).catch(() => []);
    }),
  );
  const mm2Running = liveness.processStatus(state, "mm2").state !== "gone";
  const connectors: ObservedState["mm2"]["connectors"] = [];
  for (const r of REGIONS) {
    if (!state.processes.mm2 || !regions[r].topics[statusTopic(otherRegion(r))]) continue;
    const statuses = await within(readConnectorStatus(bootstraps[r], r), 5000).catch(() => []);
    for (const c of statuses) connectors.push({ connector: c.connector, task: c.task, state: c.state });
  }
  const app = (name: AppName) => {
    const status = readJson<AppStatus>(appFiles(state.attemptDir, name).status);
    const running = liveness.processStatus(state, name).state !== "gone";
    return { running, region: running ? (status?.region ?? null) : null, settings: status?.settings ?? {} };
  };
  return {
    at: Date.now(),
    regions,
    mm2: { running: mm2Running, properties: readMm2Properties(state), connectors, checkpoints },
    dns: readDns(state.attemptDir)?.region ?? null,
    apps: Object.fromEntries(APPS.map((name) => [name, app(name)])) as ObservedState["apps"],
  };
}
