/**
 * Scripted learners for the labs where the mirror itself is damaged, on one running topology (region A:
 * 3 nodes, region B: 1): mm2-restart (MirrorMaker 2 crashes and copies records again before region A
 * is lost) and retention-gap (A deletes records MirrorMaker 2 never copied). Where wrong runbooks differ
 * only in what the learner declares, they are graded one after the other on the same drill: the grade
 * reads the latest declaration.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarkedProcesses } from "../../src/lab/runtime/processes.js";
import { waitFor } from "../../src/lab/wait.js";
import type { LedgerEntry } from "../../src/lab/workload/ledger.js";
import { check, failedChecks, freeBase, Learner } from "./learner.js";

const learner = new Learner();
let base = 0;

beforeAll(async () => {
  base = await freeBase(42000);
});

afterAll(() => {
  learner.finish();
  expect(findMarkedProcesses(learner.home)).toEqual([]);
});

async function waitForFault(event: string, timeoutMs: number): Promise<void> {
  const happened = await waitFor(() => learner.timeline().some((e) => e.event === event), timeoutMs, 2000);
  expect(happened, `${event} did not happen`).toBe(true);
}

async function afterRegionLoss(): Promise<void> {
  await waitForFault("fault:kill-region", 150_000);
  learner.ok(["lab", "app", "stop", "producer"]);
  learner.ok(["lab", "app", "stop", "consumer"]);
}

function ledger(app: "producer" | "consumer"): LedgerEntry[] {
  const file = path.join(learner.labDir(), "apps", `${app}.ledger.jsonl`);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LedgerEntry);
}

/** The first acknowledgement of every sequence number: where the record went on region A. */
function acked(): Map<number, { partition: number; offset: number }> {
  const out = new Map<number, { partition: number; offset: number }>();
  for (const e of ledger("producer"))
    if (e.type === "acked" && !out.has(e.seq)) out.set(e.seq, { partition: e.partition, offset: e.offset });
  return out;
}

/** Per partition, what kafka-get-offsets prints for a topic (`--time earliest` or `latest`), tried again on a timeout. */
async function offsets(
  bootstrap: "A_BOOTSTRAP" | "B_BOOTSTRAP",
  topic: string,
  time: string,
): Promise<Map<number, number>> {
  const command = `kafka-get-offsets --bootstrap-server "$${bootstrap}" --topic ${topic} --time ${time}`;
  let r = learner.run(command);
  await waitFor(() => r.status === 0 || (r = learner.run(command)).status === 0, 30_000, 1000);
  expect(r.status, `${command}\n${r.stderr}`).toBe(0);
  const out = r.stdout;
  return new Map(
    [...out.matchAll(new RegExp(`^${topic.replace(/\./g, "\\.")}:(\\d+):(\\d+)$`, "gm"))].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]),
  );
}

const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function applyCheckpoints(): Promise<void> {
  let checkpoints = learner.checkpoints("B", "app-g");
  await waitFor(
    () =>
      (checkpoints = learner.checkpoints("B", "app-g").filter((c) => c.topic === "A.orders")).length === 3,
    30_000,
    3000,
  );
  expect(checkpoints.map((c) => c.partition).sort()).toEqual([0, 1, 2]);
  learner.resetOffsets(
    "B_BOOTSTRAP",
    "app-g",
    "A.orders",
    new Map(checkpoints.map((c) => [c.partition, c.downstreamOffset])),
    { dryRun: true },
  );
}

function switchToB(): void {
  learner.ok(["lab", "dns", "set", "B"]);
  learner.ok(["lab", "app", "start", "producer"]);
  learner.ok(["lab", "app", "start", "consumer"]);
}

describe("mm2-restart", () => {
  const offsetsGate = "app-g resumed on A.orders at MirrorMaker 2's checkpoints";

  it("fails the loss gate when the loss is counted by records, then passes once it is counted by seq", async () => {
    learner.begin("mm2-restart", base);
    await afterRegionLoss();
    await applyCheckpoints();
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    const records = sum(await offsets("B_BOOTSTRAP", "A.orders", "latest"));
    const ackedSeqs = acked();
    // The crash lost MirrorMaker 2's place: B holds records twice.
    expect(records).toBeGreaterThan(onB.size);
    const lost = [...ackedSeqs.keys()].filter((s) => !onB.has(s)).length;
    learner.ok(["lab", "declare", "lost", String(Math.max(0, ackedSeqs.size - records))]);
    switchToB();
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
    learner.begin("mm2-restart", base);
    await afterRegionLoss();
    const lastCommits = new Map<number, number>();
    for (const e of ledger("consumer"))
      if (e.type === "committed" && e.region === "A") lastCommits.set(e.partition, e.offset);
    expect([...lastCommits.keys()].sort()).toEqual([0, 1, 2]);
    learner.resetOffsets("B_BOOTSTRAP", "app-g", "A.orders", lastCommits, { dryRun: true });
    const onB = learner.seqsIn("B_BOOTSTRAP", "A.orders");
    learner.ok(["lab", "declare", "lost", String([...acked().keys()].filter((s) => !onB.has(s)).length)]);
    switchToB();
    const report = await learner.gradeUntil((r) => check(r, "consumer-downtime").passed);
    expect(report.failedGates).toContain(offsetsGate);
    expect(check(report, "group-offsets-translated").hint).toMatch(
      /resumed at the group's last committed offset on region A: that offset numbers region A's log/,
    );
    expect(check(report, "rpo-declared").passed).toBe(true);
    expect(report.passed).toBe(false);
  });
});

describe("retention-gap", () => {
  it("fails the gap gate without a gap reported and with the log start offsets as the gap, then passes", async () => {
    learner.begin("retention-gap", base);
    await waitForFault("fault:start-mm2", 120_000);
    // While A is up: where each partition now begins, as a learner would look it up.
    const logStart = sum(await offsets("A_BOOTSTRAP", "orders", "earliest"));
    await afterRegionLoss();
    await applyCheckpoints();
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
    switchToB();
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
