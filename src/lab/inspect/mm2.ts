/** MirrorMaker 2's state read from its internal topics on region B (and A for offset syncs). */
import type { LabState } from "../runtime/state.js";
import { readTopic, type RawRecord } from "./client.js";
import {
  decodeCheckpoint,
  decodeConnectStatus,
  decodeHeartbeat,
  decodeOffsetSync,
  latestCheckpoints,
  latestConnectStatuses,
  type Checkpoint,
  type ConnectStatus,
  type Heartbeat,
  type OffsetSync,
} from "./decoders.js";

export const checkpointsTopic = (source = "A") => `${source}.checkpoints.internal`;
export const statusTopic = (source = "A") => `mm2-status.${source}.internal`;
export const offsetSyncsTopic = (target = "B") => `mm2-offset-syncs.${target}.internal`;

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

/** Latest translated offsets per partition, as RemoteClusterUtils.translateOffsets would give them. */
export async function readCheckpoints(
  state: LabState,
  group?: string,
  on: "A" | "B" = "B",
): Promise<Checkpoint[]> {
  const records = await readTopic(
    state.layout.regions[on].bootstrap,
    checkpointsTopic(on === "B" ? "A" : "B"),
  );
  return latestCheckpoints(decodeAll(records, decodeCheckpoint), group);
}

export async function readConnectorStatus(state: LabState): Promise<ConnectStatus[]> {
  const records = await readTopic(state.layout.regions.B.bootstrap, statusTopic());
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

export async function readOffsetSyncs(state: LabState): Promise<OffsetSync[]> {
  const records = await readTopic(state.layout.regions.A.bootstrap, offsetSyncsTopic());
  return decodeAll(records, decodeOffsetSync);
}

/** The newest heartbeat from A seen on B, if any. */
export async function latestHeartbeat(state: LabState): Promise<Heartbeat | null> {
  const records = await readTopic(state.layout.regions.B.bootstrap, "heartbeats");
  const beats = decodeAll(records, decodeHeartbeat).filter((h) => h.sourceCluster === "A");
  return beats.reduce<Heartbeat | null>(
    (latest, h) => (!latest || h.timestamp > latest.timestamp ? h : latest),
    null,
  );
}
