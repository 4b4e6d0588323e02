/**
 * Scripted learners for the labs about MirrorMaker 2's offset translation on one running topology
 * (region A: 3 nodes, region B: 1), reset between drills: offset-sync-lag (coarse defaults that must
 * be tuned before the switch) and auto-offset-sync (an offset sync blocked by a member on B). A
 * correct runbook must get 100/100; wrong ones must fail the gate that names their mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarkedProcesses } from "../../src/lab/runtime/processes.js";
import { waitFor } from "../../src/lab/wait.js";
import type { GradeReport } from "../../src/lab/grade.js";
import { check, failedChecks, freeBase, Learner, sleep } from "./learner.js";

const learner = new Learner();
let base = 0;

beforeAll(async () => {
  base = await freeBase(40000);
});

afterAll(() => {
  learner.finish();
  expect(findMarkedProcesses(learner.home)).toEqual([]);
});

const CONFIG_GATE = "MirrorMaker 2 ran with fine-grained translation at the switch";
const COVERED_GATE = "the checkpoints covered app-g's commit at the switch";
const OFFSETS_GATE = "app-g resumed on A.orders at the translated offsets";
const RESUMED_GATE = "app-g resumed on A.orders where its commit on the source said";

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
const onB = (r: GradeReport) => check(r, "apps-running-on").passed && r.measured.consumerRtoSeconds !== null;

function switchTo(region: "A" | "B"): void {
  learner.ok(["lab", "dns", "set", region]);
  learner.ok(["lab", "app", "start", "producer"]);
  learner.ok(["lab", "app", "start", "consumer"]);
}

describe("offset-sync-lag", () => {
  it("passes with MirrorMaker 2 tuned and the checkpoint that covers the commit: 100/100", async () => {
    learner.begin("offset-sync-lag", base);
    await sleep(10_000);
    const committed = await drain();
    restartMm2();
    const ends = mirrorEnds();
    let cps = checkpointsNow();
    expect(
      await waitFor(
        () => {
          cps = checkpointsNow();
          return [...committed.keys()].every((p) => cps.get(p)?.downstream === ends.get(p));
        },
        90_000,
        2500,
      ),
      `${JSON.stringify([...cps])} vs ends ${JSON.stringify([...ends])}`,
    ).toBe(true);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", downstream(cps));
    switchTo("B");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.measured.duplicates).toBe(0);
  });

  it("fails the configuration gate when the lab's MirrorMaker 2 is left as it is", async () => {
    learner.begin("offset-sync-lag", base);
    await firstCheckpoints();
    await drain();
    const applied = downstream(checkpointsNow());
    const ends = mirrorEnds();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", applied);
    switchTo("B");
    const report = await learner.gradeUntil(onB);
    expect(report.passed).toBe(false);
    expect(report.failedGates).toContain(CONFIG_GATE);
    expect(check(report, "mm2-config-at-switch")).toMatchObject({
      observed: expect.stringMatching(/offset.lag.max=100 \(at most 10\)/),
      hint: expect.stringMatching(/emit.checkpoints.interval.seconds=60.*B.offset.flush.interval.ms=60000/),
    });
    // The defaults' checkpoints may catch up with the drained commit a minute or two later, before or
    // after the switch; offsets applied below the mirror's end fail a translation gate either way.
    if ([...applied].some(([p, o]) => o < ends.get(p)!)) {
      expect(report.failedGates.some((g) => g === COVERED_GATE || g === OFFSETS_GATE)).toBe(true);
      if (report.failedGates.includes(OFFSETS_GATE))
        expect(check(report, "records-duplicated").passed).toBe(false);
    }
    const covered = check(report, "commit-translated-at-switch");
    if (!covered.passed) expect(covered.hint).toMatch(/still ran as the lab started it/);
  });

  it("fails the translation gate when the checkpoint present right after the restart is applied", async () => {
    learner.begin("offset-sync-lag", base);
    await firstCheckpoints();
    const committed = await drain();
    restartMm2();
    const stale = checkpointsNow();
    const ends = mirrorEnds();
    expect([...committed.keys()].some((p) => stale.get(p)!.downstream < ends.get(p)!)).toBe(true);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", downstream(stale));
    switchTo("B");
    const report = await learner.gradeUntil(onB);
    expect(check(report, "mm2-config-at-switch").passed).toBe(true);
    expect(report.failedGates).toContain(COVERED_GATE);
    expect(check(report, "commit-translated-at-switch").hint).toMatch(
      /MirrorMaker 2 was started with .*mm2-tuned.properties .* before a checkpoint covered the commit/,
    );
    expect(report.passed).toBe(false);
  });
});

describe("auto-offset-sync", () => {
  it("passes once the smoke consumer is stopped and the sync has written the offsets: 100/100", async () => {
    learner.begin("auto-offset-sync", base);
    await sleep(10_000);
    const committed = await drain();
    expect(
      learner.sh(
        `kafka-consumer-groups --bootstrap-server "$B_BOOTSTRAP" --describe --group app-g --members`,
      ),
    ).toMatch(/smoke-test/);
    learner.ok(["lab", "app", "stop", "smoke"]);
    let onB = new Map<number, number>();
    expect(
      await waitFor(
        () => {
          onB = learner.committed("B_BOOTSTRAP", "app-g", "A.orders");
          return [...committed].every(([p, o]) => onB.get(p) === o);
        },
        150_000,
        2000,
      ),
      JSON.stringify([...onB]),
    ).toBe(true);
    switchTo("B");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
  });

  it("fails the resume gate with the smoke consumer still a member of app-g on B", async () => {
    learner.begin("auto-offset-sync", base);
    await sleep(10_000);
    await drain();
    // The runbook trusts the sync; the group on B, with its smoke member, has no offsets on A.orders.
    expect(learner.committed("B_BOOTSTRAP", "app-g", "A.orders").size).toBe(0);
    switchTo("B");
    const report = await learner.gradeUntil(onB);
    expect(report.failedGates).toContain(RESUMED_GATE);
    expect(check(report, "resumed-at-source-offsets").hint).toMatch(/sync was blocked by an active member/);
    expect(report.passed).toBe(false);
  });

  it("fails the resume gate when the switch and the consumer come before the sync", async () => {
    // Stopping the smoke consumer and switching at once races MirrorMaker 2's sync (every 60 s): when
    // the sync wins, before the switch or before the consumer joins, the drill is a correct one; try again.
    for (let attempt = 1; attempt <= 5; attempt++) {
      learner.begin("auto-offset-sync", base);
      await sleep(10_000);
      await drain();
      learner.ok(["lab", "app", "stop", "smoke"]);
      learner.ok(["lab", "dns", "set", "B"]);
      learner.ok(["lab", "app", "start", "consumer"]);
      learner.ok(["lab", "app", "start", "producer"]);
      const report = await learner.gradeUntil(onB);
      // The sync may land after the switch but before the consumer joins: then app-g resumed exactly,
      // a correct drill by luck, and the check says so.
      if (check(report, "resumed-at-source-offsets").passed) continue;
      expect(report.failedGates).toContain(RESUMED_GATE);
      expect(check(report, "resumed-at-source-offsets").hint).toMatch(
        /switched before MirrorMaker 2 synced the offsets.*the sync never writes again/,
      );
      expect(report.passed).toBe(false);
      return;
    }
    throw new Error("the sync came before the consumer five times");
  });
});
