import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLabs, parseLabFile } from "../../src/lab/definition/parse.js";
import { toTopology } from "../../src/lab/definition/topology.js";
import type { LabTopology } from "../../src/lab/spec.js";
import { labsDir } from "../../src/paths.js";

/** The sandbox topology the runtime has always run (once a constant beside the runtime). */
const sandbox: LabTopology = {
  id: "sandbox",
  title: "Sandbox: region A (3 nodes), region B (1 node), MirrorMaker 2 from A to B, orders workload",
  regions: { A: { nodes: 3, racks: ["az-a", "az-b", "az-c"] }, B: { nodes: 1 } },
  eligibleLeaderReplicas: true,
  topics: {
    A: [{ name: "orders", partitions: 3, replicationFactor: 3, configs: { "min.insync.replicas": "2" } }],
    B: [],
  },
  mm2: {
    policy: "default",
    topics: "orders",
    groups: "app-g",
    emitCheckpointsIntervalSeconds: 5,
    syncGroupOffsetsEnabled: false,
    syncGroupOffsetsIntervalSeconds: 5,
    refreshTopicsIntervalSeconds: 10,
    refreshGroupsIntervalSeconds: 10,
    emitHeartbeatsIntervalSeconds: 1,
    offsetLagMax: 10,
    offsetFlushIntervalMs: 5000,
    offsetSyncsTopicLocation: "source",
  },
  workload: {
    topic: "orders",
    group: "app-g",
    producerRatePerSecond: 10,
    keys: 12,
    consumerTopics: { A: ["orders"], B: ["A.orders"] },
  },
  dns: "A",
  prometheus: false,
};

const planned = readFileSync(path.join(labsDir, "planned-failover", "lab.md"), "utf8");
const parse = (text: string) => parseLabFile("labs/x/lab.md", text, "planned-failover", ["deployment"]);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("lab files", () => {
  it("loads every bundled lab without a diagnostic", () => {
    const { labs, diagnostics } = loadLabs(labsDir);
    expect(diagnostics).toEqual([]);
    expect(labs.map((l) => l.id)).toEqual([
      "active-active",
      "alerting",
      "auto-offset-sync",
      "durability",
      "failback",
      "mm2-restart",
      "mm2-setup",
      "offset-sync-lag",
      "planned-failover",
      "retention-gap",
      "sandbox",
      "unplanned-failover",
    ]);
    for (const lab of labs) expect(lab.checks.reduce((s, c) => s + c.points, 0)).toBe(lab.points);
  });

  it("turns labs/sandbox/lab.md into the sandbox topology the runtime has always run", () => {
    const lab = loadLabs(labsDir).labs.find((l) => l.id === "sandbox")!;
    expect({ ...toTopology(lab), title: sandbox.title }).toEqual(sandbox);
  });

  it("names an unknown check at its line, with the closest check name", () => {
    const text = planned.replace("check: mm2-caught-up", "check: mm2-caugth-up");
    const { lab, diagnostics } = parse(text);
    expect(lab).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: lineOf(text, "mm2-caugth-up"),
        field: "checks.1.check",
        message: 'unknown check "mm2-caugth-up"',
        suggestion: 'did you mean "mm2-caught-up"?',
      }),
    ]);
  });

  it("reports a parameter of the wrong type and an unknown parameter by field", () => {
    const text = planned
      .replace("params: { maxLag: 0 }", 'params: { maxLag: "none" }')
      .replace("tolerance: 0 }", "tolerance: 0, tolerence: 1 }");
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.field, d.message, d.suggestion])).toEqual([
      ["checks.1.params.maxLag", 'expected number, got text "none"', undefined],
      ["checks.2.params.tolerence", "unknown field", 'did you mean "tolerance"?'],
    ]);
    expect(diagnostics[0]!.line).toBe(lineOf(text, '"none"'));
  });

  it("says when the points do not add up, and where the total is", () => {
    const text = planned.replace("points: 100\n", "points: 90\n");
    const { diagnostics } = parse(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        field: "points",
        line: lineOf(text, "points: 90"),
        message: "the checks' points add up to 100, not 90",
      }),
    ]);
  });

  it("checks the id against the folder, the domain, fault targets and an empty briefing", () => {
    const text = planned
      .replace("domain: deployment", "domain: deploymnet")
      .replace(
        "targets:",
        "faults: { trigger: ready, steps: [{ after: 5, fault: kill-node, node: B-3 }] }\ntargets:",
      )
      .replace(/\n# Planned[\s\S]*$/, "\n");
    const { diagnostics } = parseLabFile("labs/x/lab.md", text, "x", ["deployment"]);
    expect(diagnostics.map((d) => `${d.field}: ${d.message}`)).toEqual([
      'id: the id must be the folder\'s name, "x"',
      'domain: "deploymnet" is not an exam domain (deployment)',
      "faults.steps.0.node: region B has no node B-3",
      "briefing: write the learner's briefing below the front matter",
    ]);
  });
});
