/**
 * Scripted learners for the planned-failover lab on one running topology (region A: 3 nodes, region B: 1):
 * each drill starts with `lab reset`, which clears topics, groups, apps and MirrorMaker 2 without
 * restarting the JVMs. A correct runbook must pass; wrong ones must fail on the check that names their
 * mistake, with its hint.
 */
import { describe, expect, it } from "vitest";
import { formatGrade as formatted } from "../../src/cli/commands/lab/format.js";
import { check, failedChecks, learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(20000);

/** Stop writes, drain, stop the consumer, translate, switch, restart: up to the offsets step. */
async function plannedUntilOffsets(): Promise<Map<number, number>> {
  await sleep(15_000); // let app-g fall behind the producer
  learner.ok(["lab", "app", "stop", "producer"]);
  await learner.waitLagZero();
  learner.ok(["lab", "app", "stop", "consumer"]);
  const committed = learner.committed("A_BOOTSTRAP", "app-g", "orders");
  expect([...committed.keys()].sort()).toEqual([0, 1, 2]);
  return learner.translatedOffsets("B", "app-g", "A.orders", committed);
}

describe("planned-failover", () => {
  it("passes the correct runbook with RPO 0", async () => {
    learner.begin("planned-failover");
    const translated = await plannedUntilOffsets();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", translated, { dryRun: true });
    learner.switchTo("B");
    const report = await learner.gradeUntil((r) => r.passed && r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.measured.rpoRecords).toBe(0);
    expect(report.measured.skipped).toBe(0);
    expect(report.score).toBe(100);
    expect(report.commands.filter((c) => c.args.includes("--execute"))).toHaveLength(3);
    expect(learner.ok(["lab", "history"])).toMatch(/planned-failover\s+100\/100 passed\s+RPO 0/);
  });

  it("fails 'writes stopped before the switch' when the producer is left running", async () => {
    learner.begin("planned-failover");
    await sleep(10_000);
    learner.ok(["lab", "app", "stop", "consumer"]);
    const committed = learner.committed("A_BOOTSTRAP", "app-g", "orders");
    const translated = await learner.translatedOffsets("B", "app-g", "A.orders", committed);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", translated);
    learner.ok(["lab", "dns", "set", "B"]);
    learner.ok(["lab", "app", "start", "consumer"]);
    await sleep(3000);
    const report = learner.grade();
    const writes = check(report, "writes-stopped-before-switch");
    expect(writes.passed).toBe(false);
    expect(writes.observed).toMatch(/producer running at the switch/);
    expect(writes.hint).toMatch(/Stop the producer/);
    expect(check(report, "apps-running-on").observed).toMatch(/producer on A/);
    expect(report.passed).toBe(false);
  });

  it("fails on skipped records after --to-latest, then on reprocessing after --to-earliest", async () => {
    learner.begin("planned-failover");
    await plannedUntilOffsets();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", "latest");
    learner.switchTo("B");
    let report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(check(report, "records-skipped")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-latest/),
    });
    expect(report.measured.skipped).toBeGreaterThan(0);
    expect(check(report, "group-offsets-translated").hint).toMatch(/skipped records/);
    expect(report.passed).toBe(false);

    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", "earliest");
    learner.ok(["lab", "app", "start", "consumer"]);
    report = await learner.gradeUntil((r) => !check(r, "records-duplicated").passed);
    expect(check(report, "records-duplicated")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-earliest/),
    });
    expect(check(report, "group-offsets-translated").hint).toMatch(/processed records again/);
  });

  it("fails the offsets gate when only one partition is translated, whenever it is graded", async () => {
    learner.begin("planned-failover");
    const translated = await plannedUntilOffsets();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", new Map([[0, translated.get(0)!]]));
    learner.switchTo("B");
    const gate = "app-g resumed on A.orders at the translated offsets";
    const report = await learner.gradeTwice((r) => {
      expect(r.passed).toBe(false);
      expect(r.failedGates).toContain(gate);
      const offsets = check(r, "group-offsets-translated");
      // Both untranslated partitions are named: first as having no offsets, and once the consumer has
      // read one of them from the beginning, that one as started from the beginning.
      expect(offsets.hint).toMatch(/\bp1\b/);
      expect(offsets.hint).toMatch(/\bp2\b/);
      expect(offsets.hint).not.toMatch(/\bp0\b/);
    });
    expect(check(report, "records-duplicated").passed).toBe(false);
    expect(formatted(report)).toMatch(/^NOT PASSED: app-g resumed on A.orders at the translated offsets/m);
  });

  it("fails the offsets gate after --to-datetime well before the switch, whenever it is graded", async () => {
    learner.begin("planned-failover");
    await plannedUntilOffsets();
    // When the 30th write was acknowledged: past the start of every partition, far before what the
    // group had processed (it read four a second for fifteen seconds and more).
    const early = new Date(learner.ackTimes().sort((a, b) => a - b)[29]!).toISOString();
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", { datetime: early });
    learner.switchTo("B");
    await learner.gradeTwice((r) => {
      expect(r.passed).toBe(false);
      expect(r.failedGates).toContain("app-g resumed on A.orders at the translated offsets");
      expect(check(r, "group-offsets-translated").hint).toMatch(/resumed before the translated offset/);
      expect(check(r, "records-duplicated")).toMatchObject({
        passed: false,
        hint: expect.stringMatching(/resumed before the translated offsets/),
      });
    });
  });
});
