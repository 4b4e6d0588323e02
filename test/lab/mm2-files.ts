/** MirrorMaker 2 properties files as a learner writes them in the lab shell. */
import type { Learner } from "./learner.js";

/** A learner's mm2.properties for one flow: both clusters, the flow enabled, then `lines`. */
export function mm2File(learner: Learner, flow: string, lines: string[]): string {
  return learner.sh(
    `printf '%s\\n' "clusters = A, B" "A.bootstrap.servers = $A_BOOTSTRAP" "B.bootstrap.servers = $B_BOOTSTRAP" "${flow}.enabled = true" ${lines
      .map((l) => `'${l}'`)
      .join(" ")}`,
  );
}

/** The lab-sized intervals and replication factors a learner copies from the lab's own file. */
export const LAB_SIZED = [
  "emit.checkpoints.interval.seconds = 5",
  "refresh.topics.interval.seconds = 10",
  "refresh.groups.interval.seconds = 10",
  "B.offset.flush.interval.ms = 5000",
  "replication.factor = 1",
  "checkpoints.topic.replication.factor = 1",
  "heartbeats.topic.replication.factor = 1",
  "config.storage.replication.factor = 1",
  "offset.storage.replication.factor = 1",
  "status.storage.replication.factor = 1",
];
