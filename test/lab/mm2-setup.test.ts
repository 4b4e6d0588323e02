/**
 * Scripted learners for the mm2-setup lab (the learner writes MirrorMaker 2's configuration), on one
 * running topology (region A: 3 nodes, region B: 1) reset between drills. A correct runbook must pass;
 * wrong ones must fail on the check that names their mistake.
 */
import { describe, expect, it } from "vitest";
import { LAB_SIZED, mm2File } from "./mm2-files.js";
import { check, failedChecks, learnerForFile } from "./learner.js";

const learner = learnerForFile(25000);

describe("mm2-setup", () => {
  it("passes with the required mm2.properties", async () => {
    learner.begin("mm2-setup");
    const file = learner.writeFile(
      "mm2.properties",
      mm2File(learner, "A->B", [
        "A->B.topics = orders\\..*, inventory\\..*",
        "replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
        "sync.topic.acls.enabled = false",
        ...LAB_SIZED,
      ]),
    );
    learner.ok(["lab", "mm2", "start", file]);
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed), 120_000);
    expect(failedChecks(report)).toEqual([]);
  });

  it("fails on the topics and the policy with the default replication policy", async () => {
    learner.begin("mm2-setup");
    const file = learner.writeFile(
      "mm2-default.properties",
      mm2File(learner, "A->B", [
        "A->B.topics = orders\\..*, inventory\\..*",
        "sync.topic.acls.enabled = false",
        ...LAB_SIZED,
      ]),
    );
    learner.ok(["lab", "mm2", "start", file]);
    const report = await learner.gradeUntil(
      (r) => check(r, "topics-mirrored").observed.includes("A.orders.eu"),
      120_000,
    );
    expect(check(report, "topics-mirrored")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/replication.policy.class/),
    });
    expect(check(report, "mm2-config").observed).toMatch(
      /replication.policy.class=.*DefaultReplicationPolicy/,
    );
  });

  it("fails on extra topics, missing checkpoints and ACL sync with a careless file", async () => {
    learner.begin("mm2-setup");
    const file = learner.writeFile(
      "mm2-careless.properties",
      mm2File(learner, "A->B", [
        "A->B.topics = .*",
        "replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
        "emit.checkpoints.enabled = false",
        ...LAB_SIZED,
      ]),
    );
    learner.ok(["lab", "mm2", "start", file]);
    const report = await learner.gradeUntil(
      (r) => check(r, "topics-mirrored").observed.includes("payments.card"),
      120_000,
    );
    expect(check(report, "topics-mirrored").observed).toMatch(/should not be there: payments.card/);
    expect(check(report, "checkpoints-emitted")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/emit.checkpoints.enabled=true/),
    });
    expect(check(report, "mm2-config", 1)).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/sync.topic.acls.enabled=false/),
    });
  });

  it("fails the loop gate with both directions under the identity policy, whenever it is graded", async () => {
    learner.begin("mm2-setup");
    const file = learner.writeFile(
      "mm2-loop.properties",
      mm2File(learner, "A->B", [
        "B->A.enabled = true",
        "A->B.topics = orders\\..*, inventory\\..*",
        "B->A.topics = orders\\..*, inventory\\..*",
        "replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
        "sync.topic.acls.enabled = false",
        "A.offset.flush.interval.ms = 5000",
        ...LAB_SIZED,
      ]),
    );
    learner.ok(["lab", "mm2", "start", file]);
    // The learner's last action is seeing MirrorMaker 2 create the topics on B; both grades follow it.
    await learner.gradeUntil((r) => check(r, "topics-mirrored").passed, 120_000);
    await learner.gradeTwice((r) => {
      expect(r.passed).toBe(false);
      expect(r.failedGates).toEqual(["no replication loop"]);
      expect(check(r, "mm2-no-loop")).toMatchObject({
        passed: false,
        observed: expect.stringMatching(/orders.eu, orders.us, inventory.stock replicated both ways/),
        hint: expect.stringMatching(/IdentityReplicationPolicy/),
      });
    });
    learner.ok(["lab", "mm2", "stop"]);
  });
});
