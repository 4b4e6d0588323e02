import { describe, expect, it } from "vitest";
import { formatGrade } from "../../src/cli/commands/lab/format.js";
import { analyseDrill, type PresentRecord } from "../../src/lab/checks/drill.js";
import { loadLabDefinition } from "../../src/lab/definition/bundled.js";
import { scoreDrill } from "../../src/lab/grade.js";
import { CHECKS } from "../../src/lab/checks/registry.js";
import type { GradeInput, ObservedState, RegionState } from "../../src/lab/checks/types.js";
import type { TimelineEvent } from "../../src/lab/attempt/timeline.js";
import type { LedgerEntry } from "../../src/lab/workload/ledger.js";

const T0 = Date.parse("2026-01-01T10:00:00Z");
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const acked = (seq: number, region: string, ms: number): LedgerEntry => ({
  type: "acked",
  seq,
  partition: 0,
  offset: seq - 1,
  ts: T0 + ms,
  region,
});
const consumed = (seq: number, topic: string, offset: number, region: string, ms: number): LedgerEntry => ({
  type: "consumed",
  seq,
  key: null,
  topic,
  partition: 0,
  offset,
  ts: T0 + ms,
  region,
});
const region = (over: Partial<RegionState> = {}): RegionState => ({
  reachable: true,
  brokers: [],
  topics: {},
  groups: {},
  problems: [],
  ...over,
});

/** Seqs 1..6 acknowledged on A; 1..3 processed on A; 1..5 mirrored to A.orders on B (offsets 0..4). */
function drill(
  consumerOnB: LedgerEntry[],
  committed: Record<number, number> = {},
  timeline: TimelineEvent[] = [],
  translated: Record<string, Record<number, number>> = { "A.orders": { 0: 3 } },
) {
  const producer = [1, 2, 3, 4, 5, 6].map((s) => acked(s, "A", s * 100));
  producer.push(acked(7, "B", 30_000));
  const present = new Map(
    [1, 2, 3, 4, 5].map((s) => [s, { topic: "A.orders", partition: 0, offset: s - 1 }]),
  );
  present.set(7, { topic: "orders", partition: 0, offset: 0 });
  const consumer = [1, 2, 3].map((s) => consumed(s, "orders", s - 1, "A", 1000 + s));
  return analyseDrill({
    producer,
    consumer: [...consumer, ...consumerOnB],
    present,
    committed: { "A.orders": committed },
    translated,
    timeline,
    from: "A",
    to: "B",
  });
}

describe("drill analysis", () => {
  it("resuming at the translated offset: nothing skipped or repeated; the unmirrored record is lost", () => {
    const d = drill([consumed(4, "A.orders", 3, "B", 20_000), consumed(5, "A.orders", 4, "B", 20_100)]);
    expect(d).toMatchObject({ lost: 1, lostSeqs: [6], skipped: 0, duplicates: 0, pending: 1 });
    expect(d.resumed).toEqual({ "A.orders": { 0: 3 } });
    expect(d.consumerDowntimeSeconds).toBeCloseTo(18.997);
    expect(d.writeDowntimeSeconds).toBeCloseTo(29.4);
  });

  it("resetting to latest skips what was mirrored but not processed", () => {
    const d = drill([], { 0: 5 });
    expect(d).toMatchObject({ skipped: 2, skippedSeqs: [4, 5], duplicates: 0 });
  });

  it("resetting to earliest processes the first records again", () => {
    const d = drill([0, 1, 2, 3, 4].map((o) => consumed(o + 1, "A.orders", o, "B", 20_000 + o)));
    expect(d).toMatchObject({ duplicates: 3, skipped: 0 });
    expect(d.resumed["A.orders"]).toEqual({ 0: 0 });
  });
});

function input(
  over: Omit<Partial<GradeInput>, "observed"> & { observed?: Partial<ObservedState> } = {},
): GradeInput {
  const observed: ObservedState = {
    at: T0,
    regions: { A: region(), B: region() },
    mm2: { running: true, properties: null, connectors: [], checkpoints: { A: [], B: [] } },
    dns: "B",
    apps: {
      producer: { running: true, region: "B", settings: {} },
      consumer: { running: true, region: "B", settings: {} },
    },
    ...over.observed,
  };
  return {
    drill: drill([]),
    timeline: [],
    from: "A",
    to: "B",
    workload: { topic: "orders", group: "app-g" },
    ...over,
    observed,
  };
}

describe("checks", () => {
  it("group-offsets-translated tells --to-latest from --to-earliest", () => {
    const checkpoints = {
      A: [],
      B: [{ group: "app-g", topic: "A.orders", partition: 0, upstreamOffset: 3, downstreamOffset: 3 }],
    };
    const params = CHECKS["group-offsets-translated"].params.parse({ group: "app-g", topic: "A.orders" });
    const run = (resumed: number, skipped = 0) =>
      CHECKS["group-offsets-translated"].run(
        input({
          observed: { mm2: { running: true, properties: null, connectors: [], checkpoints } },
          drill: {
            ...drill([]),
            resumed: { "A.orders": { 0: resumed } },
            skippedByPartition: { "A.orders": { 0: skipped } },
          },
        }),
        params,
      );
    expect(run(3)).toEqual({ passed: true, observed: "resumed/translated: p0 3/3" });
    expect(run(5, 2).hint).toMatch(/--to-latest/);
    expect(run(0).hint).toMatch(/--to-earliest/);
    // Past a coarse checkpoint but not past what was processed: no skip is claimed.
    expect(run(5).hint).toMatch(
      /p0 \(5 > 3\) resumed past the translated offset, though not past what the group had processed/,
    );
    expect(run(5).hint).not.toMatch(/--to-latest|skipped records/);
  });

  it("writes-stopped-before-switch reads the producer's state recorded at the switch", () => {
    const timeline = (producerRunning: boolean): TimelineEvent[] => [
      {
        at: iso(5000),
        event: "dns-set",
        detail: {
          name: "kafka.orders.lab",
          region: "B",
          bootstrap: "127.0.0.1:19110",
          from: "A",
          lag: 0,
          producerRunning,
          consumerRunning: false,
        },
      },
    ];
    const check = CHECKS["writes-stopped-before-switch"];
    const run = (t: TimelineEvent[]) => check.run(input({ timeline: t, drill: drill([], {}, t) }), {});
    expect(run(timeline(false)).passed).toBe(true);
    expect(run(timeline(true))).toMatchObject({
      passed: false,
      observed: expect.stringMatching(/producer running/),
    });
    expect(run([]).observed).toBe("the DNS record has not been switched yet");
  });

  it("acks-while-down counts writes acknowledged while brokers were down, from the timeline", () => {
    const timeline: TimelineEvent[] = [
      { at: iso(1000), event: "fault:kill-node", detail: { node: "A-3" } },
      { at: iso(3000), event: "fault:kill-node", detail: { node: "A-2" } },
      { at: iso(5000), event: "fault:start-node", detail: { node: "A-2" } },
    ];
    const check = CHECKS["acks-while-down"];
    const params = (down: number, expect: "some" | "none") =>
      check.params.parse({ region: "A", nodes: 3, down, expect });
    const withAcks = (times: number[]) =>
      input({ timeline, drill: { ...drill([]), ackTimes: times.map((t) => T0 + t) } });
    expect(check.run(withAcks([2000, 4000]), params(2, "none"))).toMatchObject({
      passed: false,
      observed: "1 writes acknowledged with 2 down",
    });
    expect(check.run(withAcks([2000, 6000]), params(2, "none")).passed).toBe(true);
    expect(check.run(withAcks([2000, 6000]), params(1, "some")).passed).toBe(true);
  });

  it("mm2-config prefers the flow's key, falls back to the top level and to MirrorMaker 2's defaults", () => {
    const check = CHECKS["mm2-config"];
    const properties = {
      "A->B.enabled": "true",
      "A->B.replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
      "sync.topic.acls.enabled": "false",
    };
    const params = check.params.parse({
      flow: "A->B",
      properties: {
        "replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
        "emit.checkpoints.enabled": true,
        "sync.topic.acls.enabled": false,
      },
    });
    const observed = { mm2: { running: true, properties, connectors: [], checkpoints: { A: [], B: [] } } };
    expect(check.run(input({ observed }), params).passed).toBe(true);
    const acls = { ...properties, "sync.topic.acls.enabled": "true" };
    expect(
      check.run(input({ observed: { mm2: { ...observed.mm2, properties: acls } } }), params).observed,
    ).toBe("not as required: sync.topic.acls.enabled=true");
  });
});

describe("gates", () => {
  const lab = loadLabDefinition("planned-failover")!;
  const spec = (check: string, points: number, required: boolean, params: unknown) => ({
    check,
    points,
    required,
    title: check,
    hint: `${check} hint`,
    params,
  });
  const gated = {
    ...lab,
    points: 100,
    passPercent: 80,
    checks: [
      spec("dns-points-to", 90, false, { region: "B" }),
      spec("apps-running-on", 10, true, { region: "B", apps: ["producer", "consumer"] }),
    ],
  };
  const meta = { attempt: "a#1", startedAt: iso(0), gradedAt: iso(1) };

  it("a failed required check fails the drill whatever the score, and is named", () => {
    const stopped = input({
      observed: {
        apps: {
          producer: { running: false, region: null, settings: {} },
          consumer: { running: true, region: "B", settings: {} },
        },
      },
    });
    const report = scoreDrill(gated, stopped, meta);
    expect(report.percent).toBe(90);
    expect(report.passed).toBe(false);
    expect(report.failedGates).toEqual(["apps-running-on"]);
    expect(report.checks[1]).toMatchObject({ required: true, passed: false, hint: "apps-running-on hint" });
    expect(formatGrade(report).split("\n")[2]).toBe("NOT PASSED: apps-running-on (required)");
  });

  it("passes when the gates pass and the score reaches the mark", () => {
    const report = scoreDrill(gated, input(), meta);
    expect(report).toMatchObject({ passed: true, failedGates: [], percent: 100 });
  });
});

describe("duplicates are counted when certain, against what the translation allows", () => {
  // Seqs 1..3 were processed on A at A.orders offsets 0..2 on B; the exact position is 3.
  it("a reset to earliest counts its repeats before the consumer reads anything", () => {
    const before = drill([], { 0: 0 });
    const after = drill([0, 1, 2, 3, 4].map((o) => consumed(o + 1, "A.orders", o, "B", 20_000 + o)));
    expect(before).toMatchObject({ duplicates: 3, duplicatesAhead: 3 });
    expect(after).toMatchObject({ duplicates: 3, duplicatesAhead: 0 });
  });

  it("a coarse checkpoint makes its own repeats unavoidable, and only those", () => {
    const coarse = { "A.orders": { 0: 1 } };
    const atCheckpoint = drill([], { 0: 1 }, [], coarse);
    expect(atCheckpoint).toMatchObject({ duplicates: 2, unavoidableDuplicates: 2 });
    const earlier = drill([], { 0: 0 }, [], coarse);
    expect(earlier).toMatchObject({ duplicates: 3, unavoidableDuplicates: 2 });
    const params = CHECKS["records-duplicated"].params.parse({ max: 0 });
    const run = (d: ReturnType<typeof drill>) =>
      CHECKS["records-duplicated"].run(input({ drill: d }), params);
    expect(run(atCheckpoint).passed).toBe(true);
    expect(run(earlier)).toMatchObject({ passed: false, observed: expect.stringMatching(/1 extra/) });
  });

  it("a repeat count is not given when the records or the group's offsets on the target were not read", () => {
    const params = CHECKS["records-duplicated"].params.parse({ max: 0 });
    const unread = (problem: string) =>
      CHECKS["records-duplicated"].run(
        input({ observed: { regions: { A: region(), B: region({ problems: [problem] }) } } }),
        params,
      );
    expect(unread("records: timed out")).toMatchObject({
      passed: false,
      observed: "the records on region B could not be read (timed out)",
    });
    expect(unread("groups: coordinator not available")).toMatchObject({
      passed: false,
      observed: "the groups on region B could not be read (coordinator not available)",
    });
    expect(CHECKS["records-duplicated"].run(input(), params).passed).toBe(true);
  });

  it("a partition without a checkpoint excuses everything processed there", () => {
    expect(drill([], { 0: 0 }, [], {})).toMatchObject({ duplicates: 3, unavoidableDuplicates: 3 });
  });

  it("an offsets reset while the consumer was stopped moves its position back", () => {
    const start = (ms: number): TimelineEvent => ({
      at: iso(ms),
      event: "app-start",
      detail: { app: "consumer", pid: 1 },
    });
    // Read offset 3 on B, stopped, reset to 0, started again: seqs 1..4 are ahead and certain.
    const d = drill([consumed(4, "A.orders", 3, "B", 20_000)], { 0: 0 }, [start(10_000), start(25_000)]);
    expect(d.position["A.orders"]).toEqual({ 0: 0 });
    expect(d).toMatchObject({ duplicatesAhead: 4, duplicates: 4, skipped: 0 });
  });
});

describe("losses", () => {
  const lostRegion = (ms: number): TimelineEvent => ({
    at: iso(ms),
    event: "fault:kill-region",
    detail: { region: "A" },
  });

  it("what went with the region unmirrored is excused only where the lab says so", () => {
    const d = drill([], { 0: 3 }, [lostRegion(700)]);
    expect(d).toMatchObject({ lost: 1, lostWithRegion: 1, missing: 1 });
    const run = (withRegion: boolean) =>
      CHECKS["records-lost"].run(
        input({ drill: d }),
        CHECKS["records-lost"].params.parse({ max: 0, withRegion }),
      );
    expect(run(true).passed).toBe(true);
    expect(run(false).passed).toBe(false);
    const back: TimelineEvent = { at: iso(550), event: "fault:start-region", detail: { region: "A" } };
    expect(drill([], { 0: 3 }, [lostRegion(500), back]).lostWithRegion).toBe(0);
    expect(drill([], { 0: 3 }, [lostRegion(500)]).lostWithRegion).toBe(1);
  });

  it("rpo-declared compares with the acknowledged records missing on the target, and says which way it is off", () => {
    const declared = (value: number): TimelineEvent => ({
      at: iso(40_000),
      event: "declared",
      detail: { name: "lost", value },
    });
    const run = (value: number) =>
      CHECKS["rpo-declared"].run(
        input({ timeline: [declared(value)], drill: drill([], { 0: 3 }) }),
        CHECKS["rpo-declared"].params.parse({}),
      );
    expect(run(1).passed).toBe(true);
    expect(run(0).hint).toMatch(/1 fewer/);
    expect(run(3).hint).toMatch(/2 more/);
  });
});

describe("hints name what was observed", () => {
  const checkpoint = (partition: number, downstreamOffset: number) => ({
    group: "app-g",
    topic: "A.orders",
    partition,
    upstreamOffset: downstreamOffset,
    downstreamOffset,
  });
  const withCheckpoints = {
    running: true,
    properties: null,
    connectors: [],
    checkpoints: { A: [], B: [0, 1, 2].map((p) => checkpoint(p, 50)) },
  };
  const run = (resumed: Record<number, number>) =>
    CHECKS["group-offsets-translated"].run(
      input({
        observed: { mm2: withCheckpoints },
        drill: { ...drill([]), resumed: { "A.orders": resumed } },
      }),
      CHECKS["group-offsets-translated"].params.parse({ group: "app-g", topic: "A.orders" }),
    );

  it("one partition translated, the others from the beginning", () => {
    const r = run({ 0: 50, 1: 0, 2: 0 });
    expect(r.passed).toBe(false);
    expect(r.hint).toMatch(/p1 \(0 < 50\), p2 \(0 < 50\) started from the beginning/);
    expect(r.hint).not.toMatch(/p0/);
  });

  it("an earlier position is told apart from the beginning, and a missing partition is named", () => {
    const r = run({ 0: 50, 1: 20 });
    expect(r.hint).toMatch(/p1 \(20 < 50\) resumed before the translated offset/);
    expect(r.hint).toMatch(/no offsets on p2 of A.orders/);
    expect(r.hint).not.toMatch(/beginning/);
  });

  it("topic-config names the setting that is wrong", () => {
    const configs = { "min.insync.replicas": "2", "unclean.leader.election.enable": "true" };
    const observed = {
      regions: {
        A: region({ topics: { payments: { partitions: [], configs, endOffsets: [] } } }),
        B: region(),
      },
    };
    const r = CHECKS["topic-config"].run(
      input({ observed }),
      CHECKS["topic-config"].params.parse({
        region: "A",
        topic: "payments",
        configs: { "min.insync.replicas": 2, "unclean.leader.election.enable": false },
      }),
    );
    expect(r.hint).toMatch(/unclean.leader.election.enable is true, want false/);
    expect(r.hint).not.toMatch(/min.insync.replicas is/);
  });
});

describe("replication loops", () => {
  const props = (lines: Record<string, string>) => ({
    running: true,
    properties: { clusters: "A, B", ...lines },
    connectors: [],
    checkpoints: { A: [], B: [] },
  });
  const run = (lines: Record<string, string>) =>
    CHECKS["mm2-no-loop"].run(
      input({ observed: { mm2: props(lines) } }),
      CHECKS["mm2-no-loop"].params.parse({}),
    );
  const identity = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";

  it("both directions under the identity policy on the workload topic is a loop", () => {
    const r = run({ "A->B.enabled": "true", "B->A.enabled": "true", "replication.policy.class": identity });
    expect(r).toMatchObject({
      passed: false,
      observed: expect.stringMatching(/orders replicated both ways/),
    });
  });

  it("one direction, the default policy, or disjoint topics is not", () => {
    expect(run({ "A->B.enabled": "true", "replication.policy.class": identity }).passed).toBe(true);
    expect(run({ "A->B.enabled": "true", "B->A.enabled": "true" }).passed).toBe(true);
    expect(
      run({
        "A->B.enabled": "true",
        "B->A.enabled": "true",
        "B->A.topics": "audit\\..*",
        "replication.policy.class": identity,
      }).passed,
    ).toBe(true);
  });
});

describe("checks for two active regions", () => {
  const identity = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";
  const bothWays = (policy?: string) => ({
    "A->B.enabled": "true",
    "B->A.enabled": "true",
    ...(policy ? { "replication.policy.class": policy } : {}),
  });
  const tally = (repeated: NonNullable<GradeInput["tally"]>["repeated"]) => ({
    topics: ["orders"],
    repeated,
    processed: { A: { orders: 10, "B.orders": 8 }, B: { orders: 12 } },
  });

  it("records-multiplied names the identity loop only when both flows keep the names", () => {
    const multiplied = CHECKS["records-multiplied"];
    const params = multiplied.params.parse({});
    const loop = { orders: { seqs: 40, mostCopies: 9, examples: [1, 2, 3] } };
    const run = (policy: string | undefined, repeated: typeof loop | { orders: typeof loop.orders }) =>
      multiplied.run(
        input({
          tally: tally(repeated),
          observed: {
            mm2: {
              running: true,
              properties: bothWays(policy),
              connectors: [],
              checkpoints: { A: [], B: [] },
            },
          },
        }),
        params,
      );
    const looped = run(identity, loop);
    expect(looped.passed).toBe(false);
    expect(looped.observed).toBe("orders: 40 sequence numbers more than once, up to 9 copies (1, 2, 3…)");
    expect(looped.hint).toMatch(/both ways under IdentityReplicationPolicy/);
    expect(run(undefined, loop).hint).toMatch(/without a replication loop/);
    expect(run(identity, { orders: { seqs: 0, mostCopies: 1, examples: [] } }).passed).toBe(true);
    expect(multiplied.run(input(), params)).toMatchObject({ passed: false });
    const unread = (ends: number[]) =>
      multiplied.run(
        input({
          drill: { ...drill([]), produced: 7 },
          tally: tally(null),
          observed: {
            regions: {
              A: region(),
              B: region({ topics: { orders: { partitions: [], configs: {}, endOffsets: ends } } }),
            },
            mm2: {
              running: true,
              properties: bothWays(identity),
              connectors: [],
              checkpoints: { A: [], B: [] },
            },
          },
        }),
        params,
      );
    expect(unread([5000, 4000])).toMatchObject({
      passed: false,
      observed: expect.stringMatching(/hold 9000 records for 7 writes attempted/),
      hint: expect.stringMatching(/IdentityReplicationPolicy/),
    });
    expect(unread([3, 2]).hint).toBeUndefined();
  });

  it("topics-consumed names the topic a region never processed and that site's consumer file", () => {
    const consumedCheck = CHECKS["topics-consumed"];
    const run = (r: "A" | "B", topics: string[]) =>
      consumedCheck.run(
        input({ tally: tally({}), workload: { topic: "orders", group: "app-g", siteB: true } }),
        consumedCheck.params.parse({ region: r, topics }),
      );
    expect(run("A", ["orders", "B.orders"])).toMatchObject({
      passed: true,
      observed: "on region A: orders 10, B.orders 8 processed",
    });
    const b = run("B", ["orders", "A.orders"]);
    expect(b.passed).toBe(false);
    expect(b.observed).toBe("on region B: orders 12, A.orders 0 processed");
    expect(b.hint).toMatch(/never processed A\.orders.*consumer-b\.properties: topics = orders, A\.orders/);
  });

  it("a producer that stays in its region counts for what is lost, not for the write downtime", () => {
    const d = analyseDrill({
      producer: [acked(1, "A", 100), acked(3, "A", 200), acked(5, "B", 9000)],
      alsoAcked: [acked(2, "B", 150), acked(4, "B", 8000)],
      consumer: [],
      present: new Map([1, 2, 4, 5].map((s) => [s, { topic: "orders", partition: 0, offset: s }])),
      committed: {},
      translated: {},
      timeline: [],
      from: "A",
      to: "B",
    });
    expect(d).toMatchObject({ acked: 5, missing: 1, lost: 1, lostSeqs: [3] });
    expect(d.writeDowntimeSeconds).toBeCloseTo(8.8);
  });
});

describe("a damaged mirror: records copied twice, records never copied", () => {
  const producer = [1, 2, 3, 4, 5, 6].map((s) => acked(s, "A", s * 100));
  const onA = [1, 2, 3].map((s) => consumed(s, "orders", s - 1, "A", 1000 + s));
  const declared = (name: string, value: number): TimelineEvent => ({
    at: iso(40_000),
    event: "declared",
    detail: { name, value },
  });

  /** Seqs 1..5 on B at offsets 0..4; after a restart MirrorMaker 2 copied 4 and 5 again (offsets 5, 6). */
  const copied = (translated: number, onB: LedgerEntry[], committed: number) =>
    analyseDrill({
      producer,
      consumer: [...onA, ...onB],
      present: new Map<number, PresentRecord>([
        ...[1, 2, 3].map((s): [number, PresentRecord] => [
          s,
          { topic: "A.orders", partition: 0, offset: s - 1 },
        ]),
        [4, { topic: "A.orders", partition: 0, offset: 3, again: [5] }],
        [5, { topic: "A.orders", partition: 0, offset: 4, again: [6] }],
      ]),
      committed: { "A.orders": { 0: committed } },
      translated: { "A.orders": { 0: translated } },
      timeline: [],
      from: "A",
      to: "B",
    });

  it("a later copy ahead of the group is not skipped, and the copies it reads again are unavoidable", () => {
    const past = copied(5, [], 5);
    expect(past).toMatchObject({ skipped: 0, pending: 2, duplicates: 0, repeatedOnTarget: 2 });
    const before = copied(
      3,
      [3, 4, 5, 6].map((o, i) => consumed([4, 5, 4, 5][i]!, "A.orders", o, "B", 20_000 + i)),
      3,
    );
    expect(before).toMatchObject({ skipped: 0, duplicates: 2, unavoidableDuplicates: 2 });
    expect(copied(3, [], 3)).toMatchObject({ duplicates: 2, unavoidableDuplicates: 2 });
  });

  it("rpo-declared names a count of records where sequence numbers were needed", () => {
    const run = (value: number) =>
      CHECKS["rpo-declared"].run(
        input({ timeline: [declared("lost", value)], drill: copied(5, [], 5) }),
        CHECKS["rpo-declared"].params.parse({}),
      );
    expect(run(1).passed).toBe(true);
    expect(run(0).hint).toMatch(/as counting records rather than sequence numbers does: .* 2 records twice/);
  });

  /** Seqs 2 and 3 deleted on A before they were copied; 6 acknowledged after the last copy. */
  const gapped = analyseDrill({
    producer,
    consumer: onA,
    present: new Map(
      [1, 4, 5].map((s) => [s, { topic: "A.orders", partition: 0, offset: s === 1 ? 0 : s - 3 }]),
    ),
    committed: {},
    translated: { "A.orders": { 0: 1 } },
    timeline: [],
    from: "A",
    to: "B",
  });

  it("the gap is what is missing below the last record copied from its partition", () => {
    expect(gapped).toMatchObject({ missing: 3, gap: 2, gapSeqs: [2, 3] });
    const run = (...events: TimelineEvent[]) =>
      CHECKS["gap-declared"].run(
        input({ timeline: events, drill: gapped }),
        CHECKS["gap-declared"].params.parse({}),
      );
    expect(run(declared("gap", 2)).passed).toBe(true);
    expect(run().hint).toMatch(/has a gap you have not reported/);
    expect(run(declared("gap", 3)).hint).toMatch(/counted every missing record as the gap, 1 of them/);
    expect(run(declared("gap", 1)).hint).toMatch(/1 fewer than the gap holds/);
    expect(run(declared("gap", 5)).hint).toMatch(/3 more than the gap holds.*log start offsets/);
    const lost = CHECKS["rpo-declared"].run(
      input({ timeline: [declared("lost", 1)], drill: gapped }),
      CHECKS["rpo-declared"].params.parse({}),
    );
    expect(lost.hint).toMatch(/You left out the 2 acknowledged records region A deleted/);
  });
});

describe("MirrorMaker 2 and the group at the switch", () => {
  const switchEvent = (
    at: number,
    detail: Partial<Extract<TimelineEvent, { event: "dns-set" }>["detail"]> = {},
  ): TimelineEvent => ({
    at: iso(at),
    event: "dns-set",
    detail: {
      name: "kafka.orders.lab",
      region: "B",
      bootstrap: "127.0.0.1:19110",
      from: "A",
      lag: 0,
      producerRunning: false,
      consumerRunning: false,
      ...detail,
    },
  });
  const committedOnA = { "app-g": { state: "Empty", offsets: { orders: { 0: 50 } } } };
  const checkpoint = (upstreamOffset: number, downstreamOffset: number) => ({
    group: "app-g",
    topic: "A.orders",
    partition: 0,
    upstreamOffset,
    downstreamOffset,
  });
  const ends = (endOffsets: number[]) => ({ partitions: [], configs: {}, endOffsets });
  /** app-g drained p0 of orders on A (50 of 50), mirrored whole to A.orders on B. */
  const regions = (sourceEnd = 50) => ({
    A: region({ groups: committedOnA, topics: { orders: ends([sourceEnd]) } }),
    B: region({ topics: { "A.orders": ends([50]) } }),
  });
  const at = (timeline: TimelineEvent[], over: Parameters<typeof input>[0] = {}) =>
    input({
      timeline,
      drill: drill([], {}, timeline),
      ...over,
      observed: { regions: regions(), ...over.observed },
    });

  it("mm2-config-at-switch judges the properties recorded at the switch, with the defaults for what is unset", () => {
    const check = CHECKS["mm2-config-at-switch"];
    const params = check.params.parse({
      flow: "A->B",
      atMost: {
        "offset.lag.max": 10,
        "emit.checkpoints.interval.seconds": 10,
        "B.offset.flush.interval.ms": 10000,
      },
    });
    const tuned = {
      "offset.lag.max": "0",
      "emit.checkpoints.interval.seconds": "5",
      "B.offset.flush.interval.ms": "5000",
    };
    expect(check.run(at([switchEvent(5000, { mm2Properties: tuned })]), params).passed).toBe(true);
    const coarse = check.run(at([switchEvent(5000, { mm2Properties: { "offset.lag.max": "100" } })]), params);
    expect(coarse.observed).toBe(
      "at the switch: offset.lag.max=100 (at most 10), emit.checkpoints.interval.seconds=60 (at most 10), B.offset.flush.interval.ms=60000 (at most 10000)",
    );
    expect(coarse.hint).toMatch(/worker's offset flush/);
    expect(check.run(at([switchEvent(5000, { mm2Properties: null })]), params).observed).toBe(
      "MirrorMaker 2 was not running at the switch",
    );
  });

  it("commit-translated-at-switch compares the checkpoints of the switch with the exact translation of the commit", () => {
    const check = CHECKS["commit-translated-at-switch"];
    const params = check.params.parse({ group: "app-g", topic: "A.orders" });
    const cp = (downstreamOffset: number) => [
      { topic: "A.orders", partition: 0, upstreamOffset: 50, downstreamOffset },
    ];
    expect(
      check.run(at([switchEvent(5000, { checkpoints: cp(50), mm2Properties: {} })]), params).passed,
    ).toBe(true);
    const lab = check.run(
      at([switchEvent(5000, { checkpoints: cp(41), mm2Properties: { "offset.lag.max": "100" } })]),
      params,
    );
    expect(lab).toMatchObject({
      passed: false,
      observed: "translated at the switch/exact translation of the commit: p0 41/50",
    });
    expect(lab.hint).toMatch(
      /p0 41 instead of 50\. MirrorMaker 2 still ran as the lab started it \(offset.lag.max=100/,
    );
    const restarted: TimelineEvent = {
      at: iso(2000),
      event: "mm2-start",
      detail: { file: "/tmp/mine.properties", clusters: ["B"] },
    };
    const early = check.run(
      at([restarted, switchEvent(5000, { checkpoints: cp(41), mm2Properties: {} })]),
      params,
    );
    expect(early.hint).toMatch(
      /started with \/tmp\/mine.properties at 10:00:02 and the switch came 3 s later/,
    );
  });

  it("resumed-at-source-offsets tells a blocking member from a switch before the sync", () => {
    const check = CHECKS["resumed-at-source-offsets"];
    const params = check.params.parse({ group: "app-g", topic: "A.orders" });
    const mm2 = {
      running: true,
      properties: null,
      connectors: [],
      checkpoints: { A: [], B: [checkpoint(50, 50)] },
    };
    const run = (timeline: TimelineEvent[], resumed: number) =>
      check.run(
        at(timeline, {
          drill: { ...drill([], {}, timeline), resumed: { "A.orders": { 0: resumed } } },
          observed: { mm2, regions: regions() },
        }),
        params,
      );
    const smoke = (kind: "app-start" | "app-stop", ms: number): TimelineEvent => ({
      at: iso(ms),
      event: kind,
      detail: { app: "smoke", pid: 7 },
    });
    const consumerStart: TimelineEvent = {
      at: iso(6000),
      event: "app-start",
      detail: { app: "consumer", pid: 8 },
    };
    expect(
      run([smoke("app-stop", 1000), switchEvent(5000, { groupOffsets: { "A.orders": { 0: 50 } } })], 50),
    ).toEqual({
      passed: true,
      observed: "resumed/translated commit: p0 50/50",
    });
    expect(run([smoke("app-start", 0), switchEvent(5000), consumerStart], 0).hint).toMatch(
      /still a member of app-g on region B at the switch .*blocked by an active member/,
    );
    expect(
      run(
        [
          smoke("app-start", 0),
          smoke("app-stop", 4000),
          switchEvent(5000, { groupOffsets: {} }),
          consumerStart,
        ],
        0,
      ).hint,
    ).toMatch(
      /switched before MirrorMaker 2 synced the offsets: at 10:00:05 \(smoke stopped at 10:00:04, 1 s before\) app-g had p0 no offset on A.orders in region B, then app-g started there at 10:00:06.*never writes again/,
    );
    const uncovered = { ...mm2, checkpoints: { A: [], B: [checkpoint(40, 38)] } };
    expect(
      check.run(
        at([switchEvent(5000)], {
          observed: { mm2: uncovered, regions: regions(60) },
        }),
        params,
      ).hint,
    ).toMatch(/MirrorMaker 2 has no checkpoint of app-g's commit 50 on p0 \(of 60\) yet/);
  });
});
