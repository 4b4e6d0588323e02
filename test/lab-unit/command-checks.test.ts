import { describe, expect, it } from "vitest";
import { commandDetail, regionAddresses } from "../../src/lab/attempt/commands.js";
import type { TimelineEvent } from "../../src/lab/attempt/timeline.js";
import { analyseDrill } from "../../src/lab/checks/drill.js";
import { CHECKS } from "../../src/lab/checks/registry.js";
import type { GradeInput, RegionState } from "../../src/lab/checks/types.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { computeLayout } from "../../src/lab/layout.js";
import type { Region } from "../../src/lab/spec.js";

const T0 = Date.parse("2026-01-01T10:00:00Z");
const layout = computeLayout(bundledTopology("planned-failover"), 23000);
const addresses = regionAddresses(layout);
const bootstrap = { A: layout.regions.A.bootstrap, B: layout.regions.B.bootstrap, X: "10.1.1.1:9092" };

/** A kafka-consumer-groups run `s` seconds into the drill, lasting 2 s. */
function groups(s: number, on: Region | "X", args: string[], exit = 0): TimelineEvent {
  const full = ["--bootstrap-server", bootstrap[on], ...args];
  return {
    at: new Date(T0 + s * 1000).toISOString(),
    event: "command",
    detail: commandDetail("kafka-consumer-groups", full, exit, 2, addresses),
  };
}
const reset = (s: number, on: Region | "X", partition: number, offset: number, mode: string[]) =>
  groups(s, on, [
    "--group",
    "app-g",
    "--reset-offsets",
    "--topic",
    `A.orders:${partition}`,
    "--to-offset",
    String(offset),
    ...mode,
  ]);
const describeOn = (s: number, on: Region | "X") => groups(s, on, ["--describe", "--group", "app-g"]);
const dnsSet = (s: number, region: Region, from: Region): TimelineEvent => ({
  at: new Date(T0 + s * 1000).toISOString(),
  event: "dns-set",
  detail: {
    name: "kafka.orders.lab",
    region,
    bootstrap: bootstrap[region],
    from,
    lag: 0,
    producerRunning: false,
    consumerRunning: false,
  },
});

const region = (): RegionState => ({ reachable: true, brokers: [], topics: {}, groups: {}, problems: [] });
function input(timeline: TimelineEvent[], from: Region = "A", to: Region = "B"): GradeInput {
  const app = { running: false, region: null, settings: {} };
  return {
    observed: {
      at: T0,
      regions: { A: region(), B: region() },
      mm2: { running: true, properties: null, connectors: [], checkpoints: { A: [], B: [] } },
      dns: to,
      apps: { producer: app, consumer: app },
    },
    drill: analyseDrill({
      producer: [],
      consumer: [],
      present: new Map(),
      committed: {},
      translated: {},
      timeline,
      from,
      to,
    }),
    timeline,
    from,
    to,
    workload: { topic: "orders", group: "app-g" },
  };
}

const run = (name: keyof typeof CHECKS, timeline: TimelineEvent[], params: object = {}, from?: Region) => {
  const check = CHECKS[name];
  const to: Region = from === "B" ? "A" : "B";
  return check.run(input(timeline, from, to), check.params.parse(params) as never);
};

describe("dry-run-before-execute", () => {
  it("passes when each executed reset repeats a dry run of the same reset on the same cluster", () => {
    const outcome = run("dry-run-before-execute", [
      reset(10, "B", 0, 5, ["--dry-run"]),
      reset(13, "B", 0, 5, ["--execute"]),
      reset(16, "B", 1, 7, []), // no mode flag: Kafka's tool only plans
      reset(19, "B", 1, 7, ["--execute"]),
    ]);
    expect(outcome).toEqual({ passed: true, observed: "2 of 2 executed resets had a dry run first" });
  });

  it("fails on an execute without a dry run, or after a dry run of another offset, cluster or partition", () => {
    for (const dry of [
      [],
      [reset(10, "B", 0, 6, ["--dry-run"])],
      [reset(10, "A", 0, 5, ["--dry-run"])],
      [reset(10, "B", 1, 5, ["--dry-run"])],
      [reset(14, "B", 0, 5, ["--dry-run"])], // after the execute
      [groups(10, "B", ["--group", "app-g", "--reset-offsets", "--topic", "A.orders:0"], 1)], // refused
    ]) {
      const outcome = run("dry-run-before-execute", [...dry, reset(13, "B", 0, 5, ["--execute"])]);
      expect(outcome.passed, JSON.stringify(dry)).toBe(false);
      expect(outcome.observed).toMatch(/^0 of 1 executed resets had a dry run first; not: app-g A.orders:0/);
      expect(outcome.hint).toMatch(
        /app-g A.orders:0 --to-offset 5 on region B at 10:00:13 ran with --execute and no dry run/,
      );
    }
  });

  it("tells a flag target from the mode that follows it: --to-earliest --dry-run, then --execute", () => {
    const earliest = (s: number, mode: string) =>
      groups(s, "B", ["--group", "app-g", "--reset-offsets", "--topic", "A.orders", "--to-earliest", mode]);
    const outcome = run("dry-run-before-execute", [earliest(10, "--dry-run"), earliest(13, "--execute")]);
    expect(outcome.passed).toBe(true);
    const blind = run("dry-run-before-execute", [earliest(13, "--execute")]);
    expect(blind.hint).toMatch(/^The reset app-g A.orders --to-earliest on region B/);
  });

  it("fails while no reset has been executed", () => {
    expect(run("dry-run-before-execute", [reset(10, "B", 0, 5, ["--dry-run"])]).observed).toBe(
      "no offset reset was executed yet",
    );
  });
});

describe("group-described-before-switch", () => {
  const params = { group: "app-g" };

  it("passes with a describe of the group on the source region that ended before the switch", () => {
    const outcome = run("group-described-before-switch", [describeOn(10, "A"), dnsSet(20, "B", "A")], params);
    expect(outcome).toEqual({
      passed: true,
      observed: "described on region A at 10:00:10, switch at 10:00:20",
    });
    const all = groups(10, "A", ["--describe", "--all-groups"]);
    expect(run("group-described-before-switch", [all, dnsSet(20, "B", "A")], params).passed).toBe(true);
  });

  it("reads the source from the drill: region B when failing back", () => {
    const timeline = [describeOn(10, "B"), dnsSet(20, "A", "B")];
    expect(run("group-described-before-switch", timeline, params, "B").passed).toBe(true);
    expect(
      run("group-described-before-switch", [describeOn(10, "A"), dnsSet(20, "A", "B")], params, "B"),
    ).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/addressed region A; the group ran on region B/),
    });
  });

  it("fails on a describe of the target, one after the switch, or none, each with its hint", () => {
    expect(
      run("group-described-before-switch", [describeOn(10, "B"), dnsSet(20, "B", "A")], params),
    ).toMatchObject({
      passed: false,
      observed: "described on region B at 10:00:10, switch at 10:00:20",
      hint: expect.stringMatching(/--bootstrap-server "\$A_BOOTSTRAP"/),
    });
    expect(
      run("group-described-before-switch", [dnsSet(20, "B", "A"), describeOn(30, "A")], params),
    ).toMatchObject({
      passed: false,
      observed: "described only at 10:00:30, after the switch at 10:00:20",
    });
    const none = run("group-described-before-switch", [describeOn(10, "X"), dnsSet(20, "B", "A")], params);
    expect(none.hint).toMatch(/10.1.1.1:9092, neither region's cluster/);
    expect(run("group-described-before-switch", [describeOn(10, "A")], params).observed).toBe(
      "the DNS record has not been switched yet",
    );
  });
});

describe("reset-ran-against-target", () => {
  const params = { group: "app-g" };

  it("passes when every executed reset of the group addressed the target; dry runs elsewhere do not count", () => {
    const outcome = run(
      "reset-ran-against-target",
      [
        reset(5, "A", 0, 5, ["--dry-run"]),
        reset(10, "B", 0, 5, ["--execute"]),
        reset(13, "B", 1, 2, ["--execute"]),
      ],
      params,
    );
    expect(outcome).toEqual({ passed: true, observed: "2 of 2 executed resets on region B" });
  });

  it("fails with the cluster it addressed when a reset ran against the source", () => {
    const outcome = run(
      "reset-ran-against-target",
      [reset(10, "A", 0, 5, ["--execute"]), reset(13, "B", 1, 2, ["--execute"])],
      params,
    );
    expect(outcome).toMatchObject({
      passed: false,
      observed: "1 of 2 executed resets on region B; app-g A.orders:0 --to-offset 5 on region A at 10:00:10",
    });
    expect(outcome.hint).toBe(
      `The reset app-g A.orders:0 --to-offset 5 at 10:00:10 ran against region A (--bootstrap-server ${bootstrap.A}). app-g resumes on region B: reset it there, with --bootstrap-server "$B_BOOTSTRAP".`,
    );
    const failback = run("reset-ran-against-target", [reset(10, "B", 0, 5, ["--execute"])], params, "B");
    expect(failback.hint).toMatch(
      /resumes on region A: reset it there, with --bootstrap-server "\$A_BOOTSTRAP"/,
    );
  });

  it("fails while the group has not been reset, and ignores other groups", () => {
    const other = groups(10, "A", [
      "--group",
      "other",
      "--reset-offsets",
      "--all-topics",
      "--to-earliest",
      "--execute",
    ]);
    expect(run("reset-ran-against-target", [other], params).observed).toBe(
      "no offset reset of app-g was executed yet",
    );
  });
});
