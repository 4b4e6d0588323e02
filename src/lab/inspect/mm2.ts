/** MirrorMaker 2's state read from its internal topics: checkpoints, connector status, heartbeats. */
import { readTopic, UnknownTopicError, type RawRecord } from "../kafka/client.js";
import type { Region } from "../spec.js";
import {
  decodeCheckpoint,
  decodeConnectStatus,
  decodeHeartbeat,
  latestCheckpoints,
  latestConnectStatuses,
  type Checkpoint,
  type ConnectStatus,
  type Heartbeat,
} from "./decoders.js";

/** The checkpoints of the flow from `source`, kept on its target cluster. */
export const checkpointsTopic = (source: Region) => `${source}.checkpoints.internal`;
/** The status topic of the Connect workers replicating from `source`, on their target cluster. */
export const statusTopic = (source: Region) => `mm2-status.${source}.internal`;
export const otherRegion = (r: Region): Region => (r === "A" ? "B" : "A");

function decodeAll<T>(records: RawRecord[], decode: (key: Buffer, value: Buffer) => T): T[] {
  const out: T[] = [];
  for (const r of records) {
    if (!r.key || !r.value) continue;
    try {
      out.push(decode(r.key, r.value));
    } catch {
      // a record from another version or a foreign writer: not ours to show
    }
  }
  return out;
}

/**
 * Latest translated offsets per partition held on cluster `on` (the flow from the other region), as
 * RemoteClusterUtils.translateOffsets would give them.
 */
export async function readCheckpoints(bootstrap: string, on: Region, group?: string): Promise<Checkpoint[]> {
  const records = await readTopic(bootstrap, checkpointsTopic(otherRegion(on))).catch((error: unknown) => {
    if (error instanceof UnknownTopicError) return []; // no checkpoint connector has run yet
    throw error;
  });
  return latestCheckpoints(decodeAll(records, decodeCheckpoint), group);
}

/** The newest status per connector and task of the workers replicating into cluster `on`. */
export async function readConnectorStatus(bootstrap: string, on: Region): Promise<ConnectStatus[]> {
  const records = await readTopic(bootstrap, statusTopic(otherRegion(on)));
  const statuses: ConnectStatus[] = [];
  for (const r of records) {
    if (!r.key) continue;
    try {
      const status = decodeConnectStatus(r.key, r.value);
      if (status) statuses.push(status);
    } catch {
      // not a status record
    }
  }
  return latestConnectStatuses(statuses);
}

/** The newest heartbeat from A seen on the cluster, if any. */
export async function latestHeartbeat(bootstrap: string): Promise<Heartbeat | null> {
  const records = await readTopic(bootstrap, "heartbeats");
  const beats = decodeAll(records, decodeHeartbeat).filter((h) => h.sourceCluster === "A");
  return beats.reduce<Heartbeat | null>(
    (latest, h) => (!latest || h.timestamp > latest.timestamp ? h : latest),
    null,
  );
}
