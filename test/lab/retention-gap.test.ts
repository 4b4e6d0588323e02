/**
 * Scripted learners for the retention-gap lab (A deletes records MirrorMaker 2 never copied), on one
 * running topology (region A: 3 nodes, region B: 1) reset between drills. Where wrong runbooks differ only
 * in what the learner declares, they are graded one after the other on the same drill: the grade reads the
 * latest declaration.
 */
import { describe, expect, it } from "vitest";
import { check, failedChecks, learnerForFile } from "./learner.js";
import { gapSteps } from "./gap-steps.js";

const learner = learnerForFile(31000);
const { waitForFault, afterRegionLoss, acked, offsets, sum } = gapSteps(learner);

describe("retention-gap", () => {
  it("fails the gap gate without a gap reported and with the log start offsets as the gap, then passes", async () => {
    learner.begin("retention-gap");
    await waitForFault("fault:start-mm2", 120_000);
    // While A is up: where each partition now begins, as a learner would look it up.
    const logStart = sum(await offsets("A_BOOTSTRAP", "orders", "earliest"));
    await afterRegionLoss();
    await learner.resetToCheckpoints();
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    const ackedSeqs = acked();
    const mirroredUpTo = new Map<number, number>();
    for (const [seq, a] of ackedSeqs)
      if (onB.has(seq))
        mirroredUpTo.set(a.partition, Math.max(mirroredUpTo.get(a.partition) ?? -1, a.offset));
    const missing = [...ackedSeqs].filter(([seq]) => !onB.has(seq));
    const gap = missing.filter(([, a]) => a.offset < (mirroredUpTo.get(a.partition) ?? -1)).length;
    expect(gap).toBeGreaterThan(0);
    expect(logStart).toBeGreaterThan(gap);

    // (1) Only what went with region A reported.
    learner.ok(["lab", "declare", "lost", String(missing.length - gap)]);
    learner.switchTo("B");
    let report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(report.failedGates).toEqual(
      expect.arrayContaining(["the gap in the mirror reported", "lost records reported"]),
    );
    expect(check(report, "gap-declared").hint).toMatch(/has a gap you have not reported/);
    expect(check(report, "rpo-declared").hint).toMatch(
      /You left out the \d+ acknowledged records region A deleted/,
    );

    // (2) The loss right, the gap taken from A's log start offsets.
    learner.ok(["lab", "declare", "lost", String(missing.length)]);
    learner.ok(["lab", "declare", "gap", String(logStart)]);
    report = learner.grade();
    expect(report.failedGates).toEqual(["the gap in the mirror reported"]);
    expect(check(report, "gap-declared").hint).toMatch(/more than the gap holds.*log start offsets alone/);

    // The correct report.
    learner.ok(["lab", "declare", "gap", String(gap)]);
    report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.measured.rpoRecords).toBe(missing.length);
  });
});
