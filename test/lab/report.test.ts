/**
 * `lab report` after a real drill: the HTML file's chart holds exactly the ledgers' counts per bucket,
 * the failed gate comes first, and a stored grade is reported the same way by its id.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ledgerEntries, type LedgerEntry } from "../../src/lab/workload/ledger.js";
import { chartPoints, ledgerCounts, nonZero } from "../lab-unit/chart-points.js";
import { learnerForFile, sleep } from "./learner.js";

const learner = learnerForFile(24000);

function expectChartMatchesLedgers(document: string, producer: LedgerEntry[], consumer: LedgerEntry[]): void {
  const chart = chartPoints(document);
  for (const region of ["A", "B"]) {
    for (const [id, type, ledger] of [
      [`acks-${region}`, "acked", producer],
      [`processed-${region}`, "consumed", consumer],
    ] as const) {
      const drawn = chart.series.get(id);
      expect(drawn, id).toBeDefined();
      for (const v of drawn!.values()) expect(Math.abs(v - Math.round(v))).toBeLessThan(0.01);
      expect(nonZero(drawn), id).toEqual(ledgerCounts(ledger, type, region, chart));
    }
  }
}

describe("lab report", () => {
  it("writes an HTML report whose chart equals the ledgers, the failed gate first", async () => {
    learner.begin("planned-failover");
    // A wrong runbook: the switch with the producer still writing to A.
    await sleep(8000);
    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.ok(["lab", "dns", "set", "B"]);
    learner.ok(["lab", "app", "start", "consumer"]);
    await sleep(4000);
    learner.ok(["lab", "app", "stop", "producer"]);
    learner.ok(["lab", "app", "stop", "consumer"]);

    const file = path.join(learner.home, "report.html");
    expect(learner.ok(["lab", "report", "--format", "html", "--out", file])).toMatch(/written to/);
    const html = readFileSync(file, "utf8");
    const apps = path.join(learner.labDir(), "apps");
    const producer = [...ledgerEntries(path.join(apps, "producer.ledger.jsonl"))];
    const consumer = [...ledgerEntries(path.join(apps, "consumer.ledger.jsonl"))];
    expect(producer.some((e) => e.type === "acked" && e.region === "A")).toBe(true);
    expect(consumer.some((e) => e.type === "consumed" && e.region === "B")).toBe(true);
    expectChartMatchesLedgers(html, producer, consumer);

    expect(html).toMatch(/Verdict: not passed: \d required checks? failed/);
    const gates = html.indexOf("<h2>Failed required checks</h2>");
    expect(gates).toBeGreaterThan(0);
    expect(html.indexOf("writes stopped before the switch", gates)).toBeLessThan(
      html.indexOf("<h2>Checks</h2>"),
    );
    expect(html).toMatch(/data-marker="switch"/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

    // The grade was stored: the same drill by its id, as markdown on stdout.
    const [stored] = JSON.parse(learner.ok(["lab", "history", "--json"])) as { uid: string }[];
    const md = learner.ok(["lab", "report", "--attempt", stored!.uid]);
    expect(md).toMatch(/^# Drill report: Planned failover to region B$/m);
    expect(md).toMatch(/^\*\*Verdict: not passed/m);
    // The lab's Prometheus saw MirrorMaker 2 copying at the switch.
    expect(md).toMatch(/\| MirrorMaker 2 replication latency at the switch \(Prometheus\) \| \d+ ms \|/);
    const svg = Buffer.from(
      /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(md)![1]!,
      "base64",
    ).toString();
    expectChartMatchesLedgers(svg, producer, consumer);
  });
});
