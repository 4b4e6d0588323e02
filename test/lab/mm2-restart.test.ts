/**
 * Scripted learners for the mm2-restart lab (MirrorMaker 2 crashes and copies records again before region
 * A is lost), on one running topology (region A: 3 nodes, region B: 1) reset between drills. Where wrong
 * runbooks differ only in what the learner declares, they are graded one after the other on the same
 * drill: the grade reads the latest declaration.
 */
import { describe, expect, it } from "vitest";
import { check, failedChecks, learnerForFile } from "./learner.js";
import { gapSteps } from "./gap-steps.js";

const learner = learnerForFile(30000);
const { afterRegionLoss, ledger, acked, offsets, sum } = gapSteps(learner);

describe("mm2-restart", () => {
  const offsetsGate = "app-g resumed on A.orders at MirrorMaker 2's checkpoints";

  it("fails the loss gate when the loss is counted by records, then passes once it is counted by seq", async () => {
    learner.begin("mm2-restart");
    await afterRegionLoss();
    await learner.resetToCheckpoints();
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    const records = sum(await offsets("B_BOOTSTRAP", "A.orders", "latest"));
    const ackedSeqs = acked();
    // The crash lost MirrorMaker 2's place: B holds records twice.
    expect(records).toBeGreaterThan(onB.size);
    const lost = [...ackedSeqs.keys()].filter((s) => !onB.has(s)).length;
    learner.ok(["lab", "declare", "lost", String(Math.max(0, ackedSeqs.size - records))]);
    learner.switchTo("B");
    let report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(report.failedGates).toEqual(["lost records reported"]);
    expect(check(report, "rpo-declared").hint).toMatch(
      /as counting records rather than sequence numbers does/,
    );
    expect(report.passed).toBe(false);

    learner.ok(["lab", "declare", "lost", String(lost)]);
    report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.measured.rpoRecords).toBe(lost);
    // The consumer read MirrorMaker 2's second copies: duplicates, none of them the learner's.
    expect(check(report, "records-duplicated").observed).toMatch(/: 0 extra$/);
  });

  it("fails the offsets gate when the group's last commits on A are applied on B", async () => {
    learner.begin("mm2-restart");
    await afterRegionLoss();
    const lastCommits = new Map<number, number>();
    for (const e of ledger("consumer"))
      if (e.type === "committed" && e.region === "A") lastCommits.set(e.partition, e.offset);
    expect([...lastCommits.keys()].sort()).toEqual([0, 1, 2]);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", lastCommits, { dryRun: true });
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    learner.ok(["lab", "declare", "lost", String([...acked().keys()].filter((s) => !onB.has(s)).length)]);
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(report.failedGates).toContain(offsetsGate);
    expect(check(report, "group-offsets-translated").hint).toMatch(
      /resumed at the group's last committed offset on region A: that offset numbers region A's log/,
    );
    expect(check(report, "rpo-declared").passed).toBe(true);
    expect(report.passed).toBe(false);
  });
});
