/**
 * Scripted learners for the labs that have the learner write MirrorMaker 2's configuration
 * (mm2-setup, failback), on one running topology (region A: 3 nodes, region B: 1) reset between
 * drills. A correct runbook must pass; wrong ones must fail on the check that names their mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarkedProcesses } from "../../src/lab/runtime/processes.js";
import { waitFor } from "../../src/lab/wait.js";
import { check, failedChecks, freeBase, Learner, sleep } from "./learner.js";

const learner = new Learner();
let base = 0;

beforeAll(async () => {
  base = await freeBase(35090);
});

afterAll(() => {
  learner.finish();
  expect(findMarkedProcesses(learner.home)).toEqual([]);
});

function switchTo(region: "A" | "B"): void {
  learner.ok(["lab", "dns", "set", region]);
  learner.ok(["lab", "app", "start", "producer"]);
  learner.ok(["lab", "app", "start", "consumer"]);
}
function mm2File(flow: string, lines: string[]): string {
  return learner.sh(
    `printf '%s\\n' "clusters = A, B" "A.bootstrap.servers = $A_BOOTSTRAP" "B.bootstrap.servers = $B_BOOTSTRAP" "${flow}.enabled = true" ${lines
      .map((l) => `'${l}'`)
      .join(" ")}`,
  );
}

const LAB_SIZED = [
  "emit.checkpoints.interval.seconds = 5",
  "refresh.topics.interval.seconds = 10",
  "refresh.groups.interval.seconds = 10",
  "B.offset.flush.interval.ms = 5000",
  "replication.factor = 1",
  "checkpoints.topic.replication.factor = 1",
  "heartbeats.topic.replication.factor = 1",
  "config.storage.replication.factor = 1",
  "offset.storage.replication.factor = 1",
  "status.storage.replication.factor = 1",
];

describe("mm2-setup", () => {
  it("passes with the required mm2.properties", async () => {
    learner.begin("mm2-setup", base);
    const file = learner.writeFile(
      "mm2.properties",
      mm2File("A->B", [
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
    learner.begin("mm2-setup", base);
    const file = learner.writeFile(
      "mm2-default.properties",
      mm2File("A->B", [
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
    learner.begin("mm2-setup", base);
    const file = learner.writeFile(
      "mm2-careless.properties",
      mm2File("A->B", [
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
    learner.begin("mm2-setup", base);
    const file = learner.writeFile(
      "mm2-loop.properties",
      mm2File("A->B", [
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
    learner.ok(["lab", "mm2", "start", learner.writeFile("back.properties", mm2File("B->A", BACK))]);
    await sleep(15_000);
    await learner.waitLagZero();
  }

  it("passes the correct runbook with nothing lost", async () => {
    learner.begin("failback", base);
    await mirrorBack();
    learner.ok(["lab", "app", "stop", "producer"]);
    await learner.waitLagZero();
    learner.ok(["lab", "app", "stop", "consumer"]);
    const committed = learner.committed("B_BOOTSTRAP", "app-g", "orders");
    const translated = await learner.translatedOffsets("A", "app-g", "B.orders", committed);
    learner.resetOffsets("A_BOOTSTRAP", "app-g", "B.orders", translated, { dryRun: true });
    switchTo("A");
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.measured.rpoRecords).toBe(0);
  });

  it("fails when the switch happens with the producer still writing to B, and on a reset run on B", async () => {
    learner.begin("failback", base);
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
    learner.begin("failback", base);
    await mirrorBack();
    // Enough processed on B that starting over on A repeats more than the lab allows.
    const processed = () =>
      [...learner.committed("B_BOOTSTRAP", "app-g", "orders").values()].reduce((a, b) => a + b, 0);
    expect(await waitFor(() => processed() > 150, 120_000, 2000)).toBe(true);
    learner.ok(["lab", "app", "stop", "producer"]);
    await learner.waitLagZero();
    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.resetOffsets("A_BOOTSTRAP", "app-g", "B.orders", "earliest");
    switchTo("A");
    const report = await learner.gradeUntil((r) => !check(r, "records-duplicated").passed);
    expect(check(report, "records-duplicated")).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/--to-earliest/),
    });
    expect(check(report, "group-offsets-translated").passed).toBe(false);
    expect(report.passed).toBe(false);
  });
});
