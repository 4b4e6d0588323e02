/**
 * Scripted learners for the failback lab (the learner writes MirrorMaker 2's configuration back to A), on
 * one running topology (region A: 3 nodes, region B: 1) reset between drills. A correct runbook must pass;
 * wrong ones must fail on the check that names their mistake.
 */
import { describe, expect, it } from "vitest";
import { waitFor } from "../../src/lab/wait.js";
import { mm2File } from "./mm2-files.js";
import { check, failedChecks, learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(26000);

describe("failback", () => {
  const BACK = [
    "B->A.topics = orders",
    "B->A.groups = app-g",
    "emit.checkpoints.interval.seconds = 5",
    "refresh.topics.interval.seconds = 10",
    "refresh.groups.interval.seconds = 10",
    "A.offset.flush.interval.ms = 5000",
    "sync.topic.acls.enabled = false",
    "offset-syncs.topic.replication.factor = 1",
  ];

  async function mirrorBack(): Promise<void> {
    learner.ok(["lab", "mm2", "start", learner.writeFile("back.properties", mm2File(learner, "B->A", BACK))]);
    await sleep(15_000);
    await learner.waitLagZero();
  }

  it("passes the correct runbook with nothing lost", async () => {
    learner.begin("failback");
    await mirrorBack();
    learner.ok(["lab", "app", "stop", "producer"]);
    await learner.waitLagZero();
    learner.ok(["lab", "app", "stop", "consumer"]);
    const committed = learner.committed("B_BOOTSTRAP", "app-g", "orders");
    const translated = await learner.translatedOffsets("A", "app-g", "B.orders", committed);
    learner.resetOffsets("A_BOOTSTRAP", "app-g", "B.orders", translated, { dryRun: true });
    learner.switchTo("A");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.measured.rpoRecords).toBe(0);
  });

  it("fails when the switch happens with the producer still writing to B, and on a reset run on B", async () => {
    learner.begin("failback");
    await mirrorBack();
    learner.ok(["lab", "app", "stop", "consumer"]);
    const committed = learner.committed("B_BOOTSTRAP", "app-g", "orders");
    const translated = await learner.translatedOffsets("A", "app-g", "B.orders", committed);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "orders", "latest"); // the cluster being left
    learner.resetOffsets("A_BOOTSTRAP", "app-g", "B.orders", translated);
    learner.ok(["lab", "dns", "set", "A"]);
    learner.ok(["lab", "app", "start", "consumer"]);
    await learner.gradeTwice((r) => {
      expect(check(r, "writes-stopped-before-switch")).toMatchObject({
        passed: false,
        hint: expect.stringMatching(/Stop the producer/),
      });
      expect(r.failedGates).toContain("writes stopped before the switch");
      expect(check(r, "reset-ran-against-target")).toMatchObject({
        passed: false,
        hint: expect.stringMatching(/app-g orders --to-latest .*ran against region B.*"\$A_BOOTSTRAP"/),
      });
      expect(r.failedGates).toContain(check(r, "reset-ran-against-target").title);
      expect(r.passed).toBe(false);
    });
  });

  it("fails on reprocessing when the offsets are not translated back to A", async () => {
    learner.begin("failback");
    await mirrorBack();
    // Enough processed on B that starting over on A repeats more than the lab allows.
    const processed = () =>
      [...learner.committed("B_BOOTSTRAP", "app-g", "orders").values()].reduce((a, b) => a + b, 0);
    expect(await waitFor(() => processed() > 150, 120_000, 2000)).toBe(true);
    learner.ok(["lab", "app", "stop", "producer"]);
    await learner.waitLagZero();
    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.resetOffsets("A_BOOTSTRAP", "app-g", "B.orders", "earliest");
    learner.switchTo("A");
    const report = await learner.gradeUntil((r) => !check(r, "records-duplicated").passed);
    expect(check(report, "records-duplicated")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-earliest/),
    });
    expect(check(report, "group-offsets-translated").passed).toBe(false);
    expect(report.passed).toBe(false);
  });
});
