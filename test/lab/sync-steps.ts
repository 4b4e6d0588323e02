/**
 * The steps the offset-translation drills share: draining, reading checkpoints and the mirror's ends,
 * tuning MirrorMaker 2.
 */
import { expect } from "vitest";
import { waitFor } from "../../src/lab/wait.js";
import type { GradeReport } from "../../src/lab/grade.js";
import { check, sleep, type Learner } from "./learner.js";

export const CONFIG_GATE = "MirrorMaker 2 ran with fine-grained translation at the switch";
export const COVERED_GATE = "the checkpoints covered app-g's commit at the switch";
export const OFFSETS_GATE = "app-g resumed on A.orders at the translated offsets";
export const RESUMED_GATE = "app-g resumed on A.orders where its commit on the source said";

export function syncSteps(learner: Learner) {
  /** Writes stopped, the consumer drained and stopped; app-g's commit on A, described there. */
  async function drain(): Promise<Map<number, number>> {
    learner.ok(["lab", "app", "stop", "producer"]);
    await learner.waitLagZero();
    await sleep(2000); // the consumer keeps up: two of its commit ticks reach the end
    learner.ok(["lab", "app", "stop", "consumer"]);
    const committed = learner.committed("A_BOOTSTRAP", "app-g", "orders");
    expect([...committed.keys()].sort()).toEqual([0, 1, 2]);
    return committed;
  }

  function checkpointsNow(): Map<number, { upstream: number; downstream: number }> {
    return new Map(
      learner
        .checkpoints("B", "app-g")
        .filter((c) => c.topic === "A.orders")
        .map((c) => [c.partition, { upstream: c.upstreamOffset, downstream: c.downstreamOffset }]),
    );
  }

  const downstream = (cps: ReturnType<typeof checkpointsNow>) =>
    new Map([...cps].map(([p, c]) => [p, c.downstream]));

  /** Waits for the lab's MirrorMaker 2 to emit its first checkpoints (60 s after it started). */
  async function firstCheckpoints(): Promise<void> {
    expect(await waitFor(() => checkpointsNow().size === 3, 120_000, 3000)).toBe(true);
  }

  /** The end offsets of A.orders on B: where a drained group's commit translates to exactly. */
  function mirrorEnds(): Map<number, number> {
    const mirrored = learner.status().mirroredTopics.find((t) => t.target === "A.orders");
    return new Map((mirrored?.partitions ?? []).map((p) => [p.partition, p.targetEnd]));
  }

  /** The lab's mm2.properties with the translation made fine-grained. */
  function tunedMm2(): string {
    const file = `${learner.home}/mm2-tuned.properties`;
    learner.sh(
      `sed -e 's/^offset.lag.max=.*/offset.lag.max=0/' -e 's/^emit.checkpoints.interval.seconds=.*/emit.checkpoints.interval.seconds=5/' -e 's/^B.offset.flush.interval.ms=.*/B.offset.flush.interval.ms=5000/' "$CCAAK_LAB_DIR/config/mm2.properties" > ${file}`,
    );
    return file;
  }

  function restartMm2(): void {
    const file = tunedMm2();
    learner.ok(["lab", "mm2", "stop"]);
    learner.ok(["lab", "mm2", "start", file]);
  }

  /** The grade once the consumer has started on B (its first record there, or its position set). */
  const onB = (r: GradeReport) =>
    check(r, "apps-running-on").passed && r.measured.consumerRtoSeconds !== null;

  return { drain, checkpointsNow, downstream, firstCheckpoints, mirrorEnds, tunedMm2, restartMm2, onB };
}
