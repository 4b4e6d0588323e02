/**
 * Scripted learners for the unplanned-failover lab on one running topology (region A: 3 nodes, region B:
 * 1): each drill starts with `lab reset`, which clears topics, groups, apps and MirrorMaker 2 without
 * restarting the JVMs. A correct runbook must pass; wrong ones must fail on the check that names their
 * mistake, with its hint.
 */
import { describe, expect, it } from "vitest";
import { gapSteps } from "./gap-steps.js";
import { check, failedChecks, learnerForFile } from "./learner.js";

const learner = learnerForFile(21000);
const { afterRegionLoss } = gapSteps(learner);

describe("unplanned-failover", () => {
  it("passes the correct runbook: last checkpoints, bounded duplicates, loss reported", async () => {
    learner.begin("unplanned-failover");
    await afterRegionLoss();
    await learner.resetToCheckpoints();
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    const lost = new Set(learner.ackedSeqs().filter((s) => !onB.has(s))).size;
    learner.ok(["lab", "declare", "lost", String(lost)]);
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.measured.rpoRecords).toBe(lost);
  });

  it("fails on skipped records after --to-latest", async () => {
    learner.begin("unplanned-failover");
    await afterRegionLoss();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", "latest");
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(check(report, "records-skipped")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-latest/),
    });
    expect(check(report, "group-offsets-translated").passed).toBe(false);
    expect(check(report, "rpo-declared").observed).toBe("nothing declared yet");
    expect(report.passed).toBe(false);
  });

  it("fails on reprocessing after --to-earliest instead of the last checkpoints", async () => {
    learner.begin("unplanned-failover");
    await afterRegionLoss();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", "earliest");
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => !check(r, "records-duplicated").passed);
    expect(check(report, "records-duplicated")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-earliest/),
    });
    expect(report.measured.duplicates).toBeGreaterThan(100);
    expect(report.passed).toBe(false);
  });

  it("fails without offsets on B and with a loss declared as 0, whenever it is graded", async () => {
    learner.begin("unplanned-failover");
    await afterRegionLoss();
    learner.ok(["lab", "declare", "lost", "0"]);
    learner.switchTo("B");
    await learner.gradeTwice((r) => {
      expect(r.passed).toBe(false);
      expect(r.failedGates).toEqual(
        expect.arrayContaining([
          "app-g resumed on A.orders at the translated offsets",
          "lost records reported",
        ]),
      );
      expect(check(r, "rpo-declared").hint).toMatch(/fewer than are missing/);
      expect(check(r, "group-offsets-translated").hint).toMatch(/started from the beginning|no offsets/);
      expect(r.measured.rpoRecords).toBeGreaterThan(0);
    });
  });
});
