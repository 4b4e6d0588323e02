/**
 * Scripted learners for the durability lab (its region A has weak broker defaults, so it runs on its
 * own topology): one correct, two wrong, each ending with `lab proceed` killing two brokers and
 * bringing them back. Drills after the first reuse the JVMs through `lab reset`.
 */
import { describe, expect, it } from "vitest";
import { check, failedChecks, learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(22000);

function drill(topicConfig: string, producer: string): void {
  learner.begin("durability");
  learner.sh(
    `kafka-topics --bootstrap-server "$A_BOOTSTRAP" --create --topic payments --partitions 3 --replication-factor 3 ${topicConfig}`,
  );
  learner.sh(`printf '${producer}' > "$CCAAK_LAB_DIR/apps/producer.properties"`);
  learner.ok(["lab", "app", "start", "producer"]);
}

describe("durability", () => {
  it("passes with replication factor 3, min.insync.replicas=2, acks=all and idempotence", async () => {
    drill("--config min.insync.replicas=2", "acks=all\\nenable.idempotence=true\\n");
    await sleep(3000);
    expect(learner.ok(["lab", "proceed"])).toMatch(/kill-node A-3[\s\S]*kill-node A-2[\s\S]*start-node A-3/);
    const report = learner.grade();
    expect(failedChecks(report), JSON.stringify(report.checks.filter((c) => !c.passed))).toEqual([]);
    expect(check(report, "acks-while-down", 1).observed).toBe("0 writes acknowledged with 2 down");
    expect(report.measured.rpoRecords).toBe(0);
  });

  it("fails on the topic config with min.insync.replicas=1", async () => {
    drill("--config min.insync.replicas=1", "acks=all\\nenable.idempotence=true\\n");
    await sleep(3000);
    learner.ok(["lab", "proceed"]);
    const report = learner.grade();
    expect(check(report, "topic-config")).toMatchObject({
      passed: false,
      observed: "min.insync.replicas=1, unclean.leader.election.enable=false",
      hint: expect.stringMatching(/min.insync.replicas=2/),
    });
    expect(report.passed).toBe(false);
  });

  it("fails on the producer settings with acks=1", async () => {
    drill("--config min.insync.replicas=2", "acks=1\\nenable.idempotence=false\\n");
    await sleep(3000);
    learner.ok(["lab", "proceed"]);
    const report = learner.grade();
    expect(check(report, "producer-settings")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/acks=all/),
    });
    // Whether the leader alone acknowledged writes with two brokers down depends on which partition the
    // blocked record's key maps to (its leader may be one of the dead), so only the settings are asserted.
    expect(check(report, "acks-while-down", 1).observed).toMatch(/writes acknowledged with 2 down$/);
    expect(report.passed).toBe(false);
  });
});
