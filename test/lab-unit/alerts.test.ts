import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { TimelineEvent } from "../../src/lab/attempt/timeline.js";
import { CHECKS } from "../../src/lab/checks/registry.js";
import type { AlertHistory, GradeInput } from "../../src/lab/checks/types.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { computeLayout } from "../../src/lab/layout.js";
import { firingIntervals } from "../../src/lab/metrics/alerts.js";
import { prometheusArgs, renderPrometheusConfig } from "../../src/lab/metrics/prometheus.js";
import { labelRules, rulesetName } from "../../src/lab/metrics/rules.js";

const T0 = Date.parse("2026-01-01T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe("the lab's Prometheus configuration", () => {
  const layout = computeLayout(bundledTopology("alerting"), 20000);

  it("scrapes every node and MirrorMaker 2 every 2 s, labelled by region and node, with the rule files", () => {
    const config = parse(renderPrometheusConfig(layout, "/lab/config/rules")) as {
      global: Record<string, string>;
      rule_files: string[];
      scrape_configs: {
        job_name: string;
        static_configs: { targets: string[]; labels: Record<string, string> }[];
      }[];
    };
    expect(config.global).toEqual({ scrape_interval: "2s", scrape_timeout: "2s", evaluation_interval: "2s" });
    expect(config.rule_files).toEqual(["/lab/config/rules/*.yml"]);
    const kafka = config.scrape_configs.find((j) => j.job_name === "kafka")!;
    expect(kafka.static_configs).toEqual([
      { targets: ["127.0.0.1:20040"], labels: { region: "A", node: "A-1" } },
      { targets: ["127.0.0.1:20041"], labels: { region: "A", node: "A-2" } },
      { targets: ["127.0.0.1:20042"], labels: { region: "A", node: "A-3" } },
      { targets: ["127.0.0.1:20050"], labels: { region: "B", node: "B-1" } },
    ]);
    const mm2 = config.scrape_configs.find((j) => j.job_name === "mirrormaker")!;
    expect(mm2.static_configs).toEqual([
      { targets: ["127.0.0.1:20060"], labels: { region: "B", node: "mm2" } },
    ]);
  });

  it("listens on loopback only, keeps its data where it is told and carries the lab's marker", () => {
    const args = prometheusArgs({
      configFile: "/c.yml",
      dataDir: "/d",
      port: 20070,
      marker: "-Dccaak.home=/h",
    });
    expect(args).toContain("--web.listen-address=127.0.0.1:20070");
    expect(args).toContain("--storage.tsdb.path=/d");
    expect(args).toContain("--web.enable-lifecycle");
    expect(`${args.join(" ")} `).toContain("-Dccaak.home=/h ");
  });
});

describe("rule sets", () => {
  it("labels every alert with its rule set and leaves recording rules alone", () => {
    const text = [
      "groups:",
      "  - name: g",
      "    rules:",
      "      - record: job:up:sum",
      "        expr: sum(up)",
      "      - alert: A1",
      "        expr: up == 0",
      "        labels: { severity: page }",
      "      - alert: A2",
      "        expr: up == 0",
    ].join("\n");
    const { text: labelled, alerts } = labelRules(text, "mine");
    expect(alerts).toEqual(["A1", "A2"]);
    const rules = (parse(labelled) as { groups: { rules: { labels?: Record<string, string> }[] }[] })
      .groups[0]!.rules;
    expect(rules.map((r) => r.labels ?? null)).toEqual([
      null,
      { severity: "page", ruleset: "mine" },
      { ruleset: "mine" },
    ]);
  });

  it("names a rule set after its file", () => {
    expect(rulesetName("/tmp/my rules.yml")).toBe("my_rules");
    expect(rulesetName("alerts.yaml")).toBe("alerts");
  });
});

describe("firing spans from ALERTS", () => {
  it("joins samples at most one and a half steps apart, across label sets, and leaves a current span open", () => {
    const s = (t: number) => T0 / 1000 + t;
    const spans = firingIntervals(
      [
        {
          metric: { alertname: "X", node: "A-1" },
          values: [
            [s(10), 1],
            [s(12), 1],
            [s(14), 1],
          ],
        },
        {
          metric: { alertname: "X", node: "A-2" },
          values: [
            [s(16), 1],
            [s(30), 1],
            [s(32), 1],
          ],
        },
      ],
      2000,
      T0 + 33_000,
    );
    expect(spans.X).toEqual([
      { from: T0 + 10_000, to: T0 + 16_000 },
      { from: T0 + 30_000, to: null },
    ]);
  });
});

/**
 * A drill as the alerting lab runs it: rules loaded at 0 s, the faults from 50 s (A-3 lost at 50, back
 * at 90; lost at 135, back at 175; MirrorMaker 2 stopped at 220, started at 260).
 */
const timeline: TimelineEvent[] = [
  { at: at(0), event: "rules-load", detail: { file: "/r.yml", ruleset: "r", alerts: [], replaced: [] } },
  { at: at(5), event: "proceed" },
  { at: at(50), event: "fault:kill-node", detail: { node: "A-3" } },
  { at: at(90), event: "fault:start-node", detail: { node: "A-3" } },
  { at: at(135), event: "fault:kill-node", detail: { node: "A-1" } },
  { at: at(135), event: "fault:kill-node", detail: { node: "A-2" } },
  { at: at(175), event: "fault:start-node", detail: { node: "A-1" } },
  { at: at(175), event: "fault:start-node", detail: { node: "A-2" } },
  { at: at(220), event: "fault:stop-mm2" },
  { at: at(260), event: "fault:start-mm2" },
];

const rule = (name: string, forSeconds = 10, labels: Record<string, string> = { severity: "page" }) => ({
  name,
  query: "x > 0",
  forSeconds,
  labels,
  annotations: { summary: "s" },
  health: "ok",
  lastError: null,
});

function input(firing: AlertHistory["firing"], readAtSeconds = 400, rules = [rule("URP")]): GradeInput {
  const alerts: AlertHistory = {
    ruleset: "r",
    rules,
    firing: Object.fromEntries(
      Object.entries(firing).map(([k, spans]) => [
        k,
        spans.map((s) => ({ from: T0 + s.from * 1000, to: s.to === null ? null : T0 + s.to * 1000 })),
      ]),
    ),
    stepMs: 2000,
    readAt: T0 + readAtSeconds * 1000,
    problem: null,
  };
  return { timeline, alerts } as unknown as GradeInput;
}

const run = (check: keyof typeof CHECKS, params: Record<string, unknown>, i: GradeInput) =>
  CHECKS[check].run(i, CHECKS[check].params.parse(params) as never);

describe("alert checks", () => {
  const fires = { alert: "URP", after: "kill-node A-3", withinSeconds: 35 };
  const resolves = { alert: "URP", after: "start-node A-3", withinSeconds: 30 };
  const quiet = { alert: "URP", before: "kill-node A-3" };

  it("passes a rule that fired 22 s after its fault and resolved 12 s after the recovery", () => {
    const i = input({ URP: [{ from: 72, to: 102 }] });
    expect(run("alert-fires", fires, i)).toEqual({
      passed: true,
      observed: "fired 22 s after kill-node A-3 (allowed 35 s)",
    });
    expect(run("alert-resolves", resolves, i)).toMatchObject({
      passed: true,
      observed: "resolved 12 s after start-node A-3",
    });
    expect(run("alert-quiet", quiet, i)).toMatchObject({ passed: true });
  });

  it("fails a rule that never fired, pointing at its expression", () => {
    const i = input({});
    expect(run("alert-fires", fires, i)).toMatchObject({
      passed: false,
      observed: "did not fire after kill-node A-3",
      hint: expect.stringMatching(/lab metrics 'x > 0'/),
    });
    expect(run("alert-resolves", resolves, i)).toMatchObject({
      passed: false,
      observed: "URP never fired, so it never resolved",
    });
  });

  it("fails a rule whose for: outlasts the allowed delay, and says so", () => {
    const i = input({}, 400, [rule("URP", 300)]);
    expect(run("alert-fires", fires, i)).toMatchObject({
      passed: false,
      hint: expect.stringMatching(/for: 300s.*longer than the 35 s/),
    });
  });

  it("fails a page that came too late", () => {
    const i = input({ URP: [{ from: 88, to: 100 }] });
    expect(run("alert-fires", fires, i)).toMatchObject({
      passed: false,
      observed: "fired 38 s after kill-node A-3, later than the 35 s allowed",
    });
  });

  it("fails a rule that fires with nothing wrong", () => {
    const i = input({ URP: [{ from: 12, to: null }] });
    expect(run("alert-quiet", quiet, i)).toMatchObject({
      passed: false,
      observed: "URP fired 12 s after the rules were loaded, before kill-node A-3: a page with nothing wrong",
    });
    expect(run("alert-resolves", resolves, i)).toMatchObject({
      passed: false,
      observed: "still firing 30 s after start-node A-3",
    });
  });

  it("does not judge the quiet period of rules loaded after the faults began", () => {
    const late = input({});
    late.timeline = [...timeline.slice(1, 3), { ...timeline[0]!, at: at(60) }, ...timeline.slice(3)];
    expect(run("alert-quiet", quiet, late)).toMatchObject({
      passed: false,
      observed: "rule set r was loaded after kill-node A-3: the quiet period was not watched",
    });
  });

  it("waits for the end of the allowed delay before it calls a rule late or unresolved", () => {
    expect(run("alert-fires", fires, input({}, 70))).toMatchObject({
      passed: false,
      observed: "not yet: kill-node A-3 was 20 s ago, and URP has 35 s",
    });
    expect(run("alert-resolves", resolves, input({ URP: [{ from: 72, to: null }] }, 100))).toMatchObject({
      passed: false,
      observed: "not known yet: grade again in 20 s (30 s after start-node A-3)",
    });
  });

  it("judges the second kill of a pair by its own event", () => {
    const i = input({ CTRL: [{ from: 150, to: 182 }] }, 400, [rule("CTRL")]);
    expect(run("alert-fires", { alert: "CTRL", after: "kill-node A-2", withinSeconds: 30 }, i)).toMatchObject(
      { passed: true, observed: "fired 15 s after kill-node A-2 (allowed 30 s)" },
    );
  });

  it("names a missing alert, and wants a severity label and a summary", () => {
    const i = input({}, 400, [rule("Other"), rule("URP", 10, {})]);
    expect(run("alert-fires", { ...fires, alert: "Missing" }, i)).toMatchObject({
      passed: false,
      observed: "rule set r has no alert Missing (it has Other, URP)",
    });
    expect(run("alert-rule", { alert: "URP" }, i)).toMatchObject({
      passed: false,
      observed: 'URP: for 10 s, severity none, summary "s": no severity label',
    });
    expect(run("alert-rule", { alert: "Other" }, i)).toMatchObject({ passed: true });
  });

  it("fails every alert check when no Prometheus answered", () => {
    const i = input({});
    i.alerts!.problem = "Prometheus: connect ECONNREFUSED";
    for (const [check, params] of [
      ["alert-fires", fires],
      ["alert-quiet", quiet],
      ["alert-resolves", resolves],
      ["alert-rule", { alert: "URP" }],
    ] as const)
      expect(run(check, params, i)).toEqual({ passed: false, observed: "Prometheus: connect ECONNREFUSED" });
  });
});
