/**
 * Scripted learners for the active-active lab on one running topology (regions A and B, one node
 * each, both taking writes): MirrorMaker 2 both ways written by the learner, each region's consumer
 * subscribed to its own topic and the other region's mirror, then region A lost.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../src/lab/wait.js";
import { check, failedChecks, learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(32000);

const IDENTITY = "replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy";

/** Both flows of `orders`, sized for one broker a region; `extra` lines (a policy) at the end. */
function startMm2(name: string, extra: string[] = []): void {
  const lines = [
    "clusters = A, B",
    "A.bootstrap.servers = $A_BOOTSTRAP",
    "B.bootstrap.servers = $B_BOOTSTRAP",
    "A->B.enabled = true",
    "B->A.enabled = true",
    "A->B.topics = orders",
    "B->A.topics = orders",
    "sync.topic.acls.enabled = false",
    "refresh.topics.interval.seconds = 5",
    ...[
      "replication.factor",
      "checkpoints.topic.replication.factor",
      "heartbeats.topic.replication.factor",
      "offset-syncs.topic.replication.factor",
      "config.storage.replication.factor",
      "offset.storage.replication.factor",
      "status.storage.replication.factor",
    ].map((key) => `${key} = 1`),
    ...extra,
  ];
  const file = path.join(learner.home, name);
  learner.sh(`printf '%s\\n' ${lines.map((l) => `"${l}"`).join(" ")} > ${file}`);
  learner.ok(["lab", "mm2", "start", file]);
}

/** A consumer's subscription in its properties file, then a restart so it reads it. */
function subscribe(app: "consumer" | "consumer-b", topics: string): void {
  writeFileSync(path.join(learner.labDir(), "apps", `${app}.properties`), `topics = ${topics}\n`);
  learner.ok(["lab", "app", "stop", app]);
  learner.ok(["lab", "app", "start", app]);
}

/**
 * Region A's acknowledged orders that are not in A.orders on B (after the loss it no longer grows;
 * what A's producer writes on B lands in B's own orders).
 */
function lostOrders(): number {
  const ledger = readFileSync(path.join(learner.labDir(), "apps", "producer.ledger.jsonl"), "utf8");
  const ackedOnA = ledger
    .split("\n")
    .filter((l) => l.includes('"acked"'))
    .map((l) => JSON.parse(l) as { seq: number; region: string })
    .filter((e) => e.region === "A")
    .map((e) => e.seq);
  const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
  return new Set(ackedOnA.filter((seq) => !onB.has(seq))).size;
}

/** Both flows mirrored, the given subscriptions, region A lost, its apps moved to B, the loss declared. */
async function activeActiveDrill(subscriptionB: string): Promise<number> {
  learner.begin("active-active");
  startMm2("mm2.properties");
  // Both producers keep writing (the lab's rate, five a second each): a second of their writes may
  // be on the way while the lag is read.
  await learner.waitLagZero(10);
  subscribe("consumer", "orders, B.orders");
  subscribe("consumer-b", subscriptionB);
  await sleep(6000);
  learner.ok(["lab", "proceed"]);
  learner.ok(["lab", "app", "stop", "producer"]);
  learner.ok(["lab", "app", "stop", "consumer"]);
  learner.ok(["lab", "dns", "set", "B"]);
  learner.ok(["lab", "app", "start", "producer"]);
  const lost = lostOrders();
  learner.ok(["lab", "declare", "lost", String(lost)]);
  return lost;
}

describe("active-active", () => {
  it("passes the correct runbook: both flows, both topics in each region, A's producer on B", async () => {
    const lost = await activeActiveDrill("orders, A.orders");
    const status = learner.ok(["lab", "status"]);
    expect(status).toMatch(/A->B orders -> A\.orders/);
    expect(status).toMatch(/B->A orders -> B\.orders/);
    expect(status).toMatch(/producer-b .* -> region B/);
    const report = await learner.gradeUntil((r) => r.checks.every((c) => c.passed));
    expect(failedChecks(report)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.passed).toBe(true);
    expect(report.measured.rpoRecords).toBe(lost);
    expect(check(report, "topics-consumed", 1).observed).toMatch(/orders \d+, A\.orders [1-9]\d* processed/);
    expect(check(report, "records-multiplied").observed).toBe("every record once per topic on region B");
    expect(learner.ok(["lab", "report"])).toMatch(/100\/100/);
    learner.ok(["lab", "checkpoints", "--group", "app-g", "--on", "B"]);
  });

  it("fails the region B gate when its consumer reads only its local orders", async () => {
    await activeActiveDrill("orders");
    const report = await learner.gradeUntil((r) => check(r, "apps-running-on").passed);
    expect(report.passed).toBe(false);
    expect(report.failedGates).toEqual(["region B processed orders and A.orders"]);
    expect(check(report, "topics-consumed", 1)).toMatchObject({
      observed: expect.stringMatching(/A\.orders 0 processed/),
      hint: expect.stringMatching(
        /never processed A\.orders.*consumer-b\.properties: topics = orders, A\.orders/,
      ),
    });
    expect(check(report, "topics-consumed", 0).passed).toBe(true);
  });

  it("fails the loop gates with both flows under the identity policy", async () => {
    learner.begin("active-active");
    startMm2("mm2-identity.properties", [IDENTITY]);
    // Stop the loop as soon as B's orders hold more records than both producers wrote: it multiplies fast.
    const looping = await waitFor(
      () => {
        const s = learner.status();
        const held = s.mirroredTopics
          .filter((t) => t.flow === "A->B")
          .flatMap((t) => t.partitions)
          .reduce((sum, p) => sum + p.targetEnd, 0);
        const acked = s.apps.reduce((sum, a) => sum + a.counts.acked, 0);
        return held > acked + 20;
      },
      120_000,
      500,
    );
    learner.ok(["lab", "mm2", "stop"]);
    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.ok(["lab", "app", "stop", "consumer-b"]);
    expect(looping).toBe(true);
    const report = learner.grade();
    expect(report.passed).toBe(false);
    expect(report.failedGates).toEqual(
      expect.arrayContaining(["no replication loop", "no record multiplied"]),
    );
    expect(check(report, "records-multiplied")).toMatchObject({
      // Counted per sequence number while B's topics can be read; once the loop has grown them too far,
      // what they hold against the writes attempted.
      observed: expect.stringMatching(
        /^orders: \d+ sequence numbers more than once, up to \d+ copies|^the records on region B could not be read; its workload topics hold \d+ records for \d+ writes attempted/,
      ),
      hint: expect.stringMatching(/both ways under IdentityReplicationPolicy/),
    });
    expect(check(report, "mm2-no-loop").observed).toMatch(/orders replicated both ways/);
  });
});
