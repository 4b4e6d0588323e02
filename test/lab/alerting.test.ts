/**
 * Scripted learners for the alerting lab, on real Kafka, MirrorMaker 2 and Prometheus: one drill, with
 * the correct rule set and four wrong ones loaded side by side (`lab rules load --add`), so that every
 * set is judged against the same faults; each must pass or fail on the check that names its mistake.
 */
import { describe, expect, it } from "vitest";
import { check, learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(18000);

const URP = "sum by (region) (kafka_server_replicamanager_underreplicatedpartitions) > 0";
const CONTROLLER = "sum by (region) (kafka_controller_kafkacontroller_activecontrollercount) != 1";
const MM2 = "max(kafka_connect_mirror_mirrorsourceconnector_replication_latency_ms_max) > 10000";

/** A rule file with the three alerts; `over` replaces an alert's expression or `for:`. */
function rules(
  over: Partial<Record<"urp" | "controller" | "mm2", string>> = {},
  forDuration = "10s",
): string {
  const alert = (name: string, expr: string) =>
    [
      `      - alert: ${name}`,
      `        expr: ${expr}`,
      `        for: ${forDuration}`,
      "        labels: { severity: page }",
      `        annotations: { summary: "${name} on {{ $labels.region }}" }`,
    ].join("\n");
  return [
    "groups:",
    "  - name: lab",
    "    rules:",
    alert("KafkaUnderReplicatedPartitions", over.urp ?? URP),
    alert("KafkaActiveControllerCount", over.controller ?? CONTROLLER),
    alert("MirrorMaker2Lag", over.mm2 ?? MM2),
    "",
  ].join("\n");
}

const FIRES_URP = "KafkaUnderReplicatedPartitions fires within 35 s of kill-node A-3";
const FIRES_CONTROLLER = "KafkaActiveControllerCount fires within 30 s of kill-node A-2";
const FIRES_MM2 = "MirrorMaker2Lag fires within 45 s of start-mm2";
const QUIET_CONTROLLER = "KafkaActiveControllerCount quiet while nothing is wrong";

describe("alerting", () => {
  it("passes the correct rules and fails each wrong rule set on the check that names its mistake", async () => {
    learner.begin("alerting");
    const env = learner.sh('echo "$PROMETHEUS_URL"').trim();
    expect(env).toBe(`http://127.0.0.1:${learner.base + 70}`);

    // promtool's own report for a broken file, and nothing loaded.
    const broken = learner.cli([
      "lab",
      "rules",
      "load",
      learner.writeFile(
        "broken.yml",
        "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: sum(\n",
      ),
    ]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yml/);
    expect(broken.stderr).toMatch(/FAILED|parse error|unclosed/i);

    const sets = {
      "wrong-metric": rules({
        urp: "sum by (region) (kafka_server_replicamanager_under_replicated_partitions) > 0",
      }),
      "production-for": rules({}, "5m"),
      "more-than-one": rules({ urp: URP.replace("> 0", "> 1") }),
      "per-node-controller": rules({
        controller: "kafka_controller_kafkacontroller_activecontrollercount != 1",
      }),
      correct: rules(),
    };
    for (const [name, text] of Object.entries(sets))
      learner.ok(["lab", "rules", "load", learner.writeFile(`${name}.yml`, text), "--add"]);

    // While all is well: the health figures, and an instant query.
    const health = learner.ok(["lab", "metrics"]);
    expect(health).toMatch(/active controllers\s+A 1, B 1/);
    expect(health).toMatch(/under-replicated partitions\s+A 0, B 0/);
    const brokers = JSON.parse(learner.ok(["lab", "metrics", 'up{job="kafka"}', "--json"])) as unknown[];
    expect(brokers).toHaveLength(4);

    const proceed = learner.ok(["lab", "proceed"], 600_000);
    expect(proceed).toMatch(/start-mm2/);
    const mm2Back = Date.parse(learner.timeline().find((e) => e.event === "fault:start-mm2")!.at);
    await sleep(Math.max(0, mm2Back + 102_000 - Date.now()));

    const grade = (ruleset: string) => {
      const r = learner.cli(["lab", "grade", "--json", "--rules", ruleset]);
      return JSON.parse(r.stdout) as ReturnType<typeof learner.grade>;
    };
    const correct = learner.grade();
    expect(correct.checks.filter((c) => !c.passed).map((c) => `${c.title}: ${c.observed}`)).toEqual([]);
    expect(correct).toMatchObject({ passed: true, score: 100 });

    const wrongMetric = grade("wrong-metric");
    expect(wrongMetric.failedGates).toEqual([FIRES_URP]);
    expect(check(wrongMetric, "alert-fires").hint).toMatch(/lab metrics 'sum by \(region\)/);

    const slow = grade("production-for");
    expect(slow.failedGates).toEqual([FIRES_URP, FIRES_CONTROLLER, FIRES_MM2]);
    expect(check(slow, "alert-fires").hint).toMatch(/for: 300s/);

    expect(grade("more-than-one").failedGates).toEqual([FIRES_URP]);

    const noisy = grade("per-node-controller");
    expect(noisy.failedGates).toEqual([QUIET_CONTROLLER]);
    expect(check(noisy, "alert-quiet", 1).observed).toMatch(/a page with nothing wrong/);
  }, 900_000);
});
