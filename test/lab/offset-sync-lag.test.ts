/**
 * Scripted learners for the offset-sync-lag lab (coarse defaults that must be tuned before the switch), on
 * one running topology (region A: 3 nodes, region B: 1) reset between drills. A correct runbook must get
 * 100/100; wrong ones must fail the gate that names their mistake.
 */
import { describe, expect, it } from "vitest";
import { waitFor } from "../../src/lab/wait.js";
import { check, failedChecks, learnerForFile, sleep } from "./learner.js";
import { CONFIG_GATE, COVERED_GATE, OFFSETS_GATE, syncSteps } from "./sync-steps.js";

const learner = learnerForFile(27000);
const { drain, checkpointsNow, downstream, firstCheckpoints, mirrorEnds, restartMm2, onB } =
  syncSteps(learner);

describe("offset-sync-lag", () => {
  it("passes with MirrorMaker 2 tuned and the checkpoint that covers the commit: 100/100", async () => {
    learner.begin("offset-sync-lag");
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
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.measured.duplicates).toBe(0);
  });

  it("fails the configuration gate when the lab's MirrorMaker 2 is left as it is", async () => {
    learner.begin("offset-sync-lag");
    await firstCheckpoints();
    await drain();
    const applied = downstream(checkpointsNow());
    const ends = mirrorEnds();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", applied);
    learner.switchTo("B");
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
    learner.begin("offset-sync-lag");
    await firstCheckpoints();
    const committed = await drain();
    restartMm2();
    const stale = checkpointsNow();
    const ends = mirrorEnds();
    expect([...committed.keys()].some((p) => stale.get(p)!.downstream < ends.get(p)!)).toBe(true);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", downstream(stale));
    learner.switchTo("B");
    const report = await learner.gradeUntil(onB);
    expect(check(report, "mm2-config-at-switch").passed).toBe(true);
    expect(report.failedGates).toContain(COVERED_GATE);
    expect(check(report, "commit-translated-at-switch").hint).toMatch(
      /MirrorMaker 2 was started with .*mm2-tuned.properties .* before a checkpoint covered the commit/,
    );
    expect(report.passed).toBe(false);
  });
});
