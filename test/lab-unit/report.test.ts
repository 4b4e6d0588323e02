import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../src/lab/attempt/timeline.js";
import { cell, reportDocument } from "../../src/lab/report/document.js";
import { escapeHtml, escapeMarkdown } from "../../src/lab/report/escape.js";
import { renderReport } from "../../src/lab/report/render.js";
import { buildChart, LedgerTally, MAX_BUCKETS } from "../../src/lab/report/series.js";
import { chartSvg, niceCeiling } from "../../src/lab/report/svg.js";
import { ledgerEntries, type LedgerEntry } from "../../src/lab/workload/ledger.js";
import { chartPoints, ledgerCounts, nonZero } from "./chart-points.js";
import { check, consumed, iso, ledgers, REPORT, T0, TIMELINE } from "./report-fixture.js";

function tallied(entries: LedgerEntry[], untilMs?: number): LedgerTally {
  const tally = new LedgerTally(untilMs);
  for (const e of entries) tally.add(e);
  return tally;
}

const { producer, consumer } = ledgers();
const chart = buildChart({
  tally: tallied([...producer, ...consumer]),
  timeline: TIMELINE,
  report: REPORT,
  from: "A",
  to: "B",
});

describe("report series", () => {
  it("counts each bucket as the ledgers do, from the drill's ready moment to the grade", () => {
    expect(chart.startMs).toBe(T0);
    expect(chart.bucketSeconds).toBe(1);
    expect(chart.buckets).toBe(62);
    const values = (id: string) => chart.rates.find((s) => s.id === id)!.values;
    expect(values("acks-A").slice(0, 3)).toEqual([0, 10, 10]);
    expect(values("acks-A")[31]).toBe(0);
    expect(values("processed-A")[5]).toBe(4);
    expect(values("processed-B")[50]).toBe(20);
    for (const [id, type, entries, region] of [
      ["acks-A", "acked", producer, "A"],
      ["acks-B", "acked", producer, "B"],
      ["processed-A", "consumed", consumer, "A"],
      ["processed-B", "consumed", consumer, "B"],
    ] as const) {
      const expected = ledgerCounts(entries, type, region, chart);
      expect(nonZero(new Map(values(id).map((v, i) => [i, v ?? 0]))), id).toEqual(expected);
      expect(values(id).reduce((s, v) => s! + v!, 0)).toBe(
        entries.filter((e) => e.type === type && e.region === region).length,
      );
    }
  });

  it("carries the highest sequence numbers, places the lag, the markers and the RTO spans", () => {
    const acked = chart.positions.find((s) => s.id === "acked-seq")!.values;
    expect(acked[0]).toBeNull();
    expect(acked[1]).toBe(10);
    expect(acked[40]).toBe(300); // no acks between 31 s and 48 s: the position stays
    expect(chart.lag).toEqual([{ t: 45, lag: 7, label: "lag 7 at the switch to B" }]);
    expect(chart.markers.map((m) => [m.t, m.kind, m.label])).toEqual([
      [0.5, "app", "producer start"],
      [20, "fault", "kill-node a2"],
      [31, "app", "producer stop"],
      [45, "switch", "DNS -> B"],
    ]);
    expect(chart.rto).toEqual([
      { label: "write RTO 17.0 s", from: 31, to: 48 },
      { label: "processing RTO 7.0 s", from: 41, to: 48 },
    ]);
    expect(chart.summary.join(" ")).toMatch(/RPO 0 records .* targets: RPO 0 records \(0 s\), RTO 300 s/);
  });

  it("leaves out entries after a stored grade and buckets a long drill coarser", () => {
    const early = tallied(producer, T0 + 10_999);
    expect([...early.acks.A.values()].reduce((a, b) => a + b)).toBe(100);
    const long = buildChart({
      tally: tallied([
        { type: "acked", seq: 1, partition: 0, offset: 0, ts: T0 + 3_600_000, region: "A" },
        ...producer,
      ]),
      timeline: TIMELINE,
      report: REPORT,
      from: "A",
      to: "B",
    });
    expect(long.bucketSeconds).toBe(5);
    expect(long.buckets).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(long.rates[0]!.values.reduce((s, v) => s! + v!, 0)).toBe(301);
    expect(long.rates[0]!.values[0]).toBe(40); // seconds 0..4: 4 seconds of 10 acks
  });

  it("keeps the highest sequence processed so far through a rewind, and starts with the applications", () => {
    const rewound = buildChart({
      tally: tallied([consumed(50, "orders", "A", 3000), consumed(2, "A.orders", "B", 5000)]),
      timeline: [
        { at: iso(-1000), event: "app-start", detail: { app: "consumer", pid: 2 } },
        ...TIMELINE.slice(1, 2),
      ],
      report: REPORT,
      from: "A",
      to: "B",
    });
    expect(rewound.startMs).toBe(T0 - 1000);
    expect(rewound.positions[1]!.values).toEqual([null, null, null, null, 50, 50, 50]);
  });

  it("without ledgers draws only the timeline's moments", () => {
    const bare = buildChart({ tally: null, timeline: TIMELINE, report: REPORT, from: "A", to: "B" });
    expect(bare.ledgers).toBe(false);
    expect(bare.rates).toEqual([]);
    expect(bare.rto).toEqual([]);
    expect(bare.markers.length).toBe(4);
    expect(chartSvg(bare)).toMatch(/no ledgers/);
  });
});

describe("chart SVG", () => {
  const svg = chartSvg(chart);

  it("draws every series with points that read back as the ledgers' counts", () => {
    const points = chartPoints(svg);
    expect(points.startMs).toBe(T0);
    for (const s of [...chart.rates, ...chart.positions]) {
      const drawn = points.series.get(s.id)!;
      const expected = s.values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
      expect([...drawn.keys()], s.id).toEqual(expected.map(([i]) => i));
      for (const [i, v] of expected) expect(drawn.get(i)!, `${s.id}[${i}]`).toBeCloseTo(v, 1);
    }
    expect(nonZero(points.series.get("acks-B"))).toEqual(ledgerCounts(producer, "acked", "B", points));
  });

  it("has markers, the lag point, RTO spans, axes, no script and no link", () => {
    expect(svg.match(/data-marker="/g)?.length).toBe(4);
    expect(svg).toMatch(/data-marker="switch"/);
    expect(svg).toMatch(/data-lag="7"/);
    expect(svg).toMatch(/write RTO 17\.0 s/);
    expect(svg).toMatch(/>1:00</);
    expect(svg).toMatch(/prefers-color-scheme:dark/);
    expect(svg).not.toMatch(/<script|href=|@import|url\(/);
  });

  it("rounds scales to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 11, 20, 21, 480].map(niceCeiling)).toEqual([1, 1, 5, 20, 20, 50, 500]);
  });
});

describe("escaping", () => {
  it("escapes markup and shows control characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u001b[2J`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\\u001b[2J",
    );
    expect(escapeMarkdown("a|b *c* <d> [e](f)\nnext `g` \\ &amp; ~h~ _i_")).toBe(
      "a\\|b \\*c\\* \\<d\\> \\[e\\](f) next \\`g\\` \\\\ \\&amp; \\~h\\~ \\_i\\_",
    );
  });

  it("renders a learner's arguments as text in both formats", () => {
    const hostile = '--topic "</td><script>alert(1)</script>" | rm -rf ~ `x` [l](javascript:1)';
    const timeline: TimelineEvent[] = [
      ...TIMELINE,
      // A kind of event this build does not know: shown generically, and in the commands' table.
      {
        at: iso(40_000),
        event: "command",
        detail: {
          tool: "kafka-consumer-groups",
          args: ["--group", hostile],
          exit: 0,
          cluster: "B",
          seconds: 1.2,
        },
      } as unknown as TimelineEvent,
    ];
    const html = renderReport("html", { report: REPORT, timeline, chart });
    expect(html).not.toMatch(/<script|<\/td><script/);
    expect(html).toContain("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<h2>Commands</h2>");
    const md = renderReport("md", { report: REPORT, timeline, chart });
    const row = md.split("\n").find((l) => l.startsWith("| +0:40 | kafka-consumer-groups |"))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8); // six cells: no pipe in the arguments splits the row
    expect(row).toContain("\\<script\\>");
    expect(row).toContain("\\[l\\](javascript:1)");
  });
});

describe("report documents", () => {
  const doc = reportDocument({ report: REPORT, timeline: TIMELINE, startMs: chart.startMs });

  it("shows MirrorMaker 2's latency at the switch when the lab's Prometheus measured it, and only then", () => {
    const latency = "MirrorMaker 2 replication latency at the switch (Prometheus)";
    const withLatency = (ms: number | null) =>
      TIMELINE.map((e) => (e.event === "dns-set" ? { ...e, detail: { ...e.detail, mm2LatencyMs: ms } } : e));
    const row = (timeline: TimelineEvent[]) =>
      reportDocument({ report: REPORT, timeline, startMs: chart.startMs }).measures.find(
        (m) => m.name === latency,
      );
    expect(row(TIMELINE)).toBeUndefined();
    expect(row(withLatency(843.6))?.measured).toBe("844 ms");
    expect(row(withLatency(null))?.measured).toBe("none reported (MirrorMaker 2 not copying)");
  });

  it("holds the verdict, the failed gate, every check and every event", () => {
    expect(doc.verdict).toMatch(/^not passed: 1 required check failed: 20\/35 \(57.1%\), pass at 80%/);
    expect(doc.gates).toEqual([
      {
        title: "writes stopped before the switch",
        observed: "producer running at the switch",
        hint: "Stop the producer first",
      },
    ]);
    expect(doc.checks.map((c) => c.title)).toEqual(REPORT.checks.map((c) => c.title));
    expect(doc.commands).toBeNull();
    expect(doc.events.map((e) => e.event)).toEqual(TIMELINE.map((e) => e.event));
    expect(doc.events[0]).toMatchObject({
      time: "09:59:30",
      offset: "-0:30",
      detail: "lab=planned-failover",
    });
    expect(doc.events[3]!.detail).toBe("node=a2");
    expect(cell(["a", 1, { b: 2 }])).toBe('a 1 {"b":2}');
  });

  it("markdown: verdict line, the failed gate before the checks, every check, the chart as a data URI", () => {
    const md = renderReport("md", { report: REPORT, timeline: TIMELINE, chart });
    const lines = md.split("\n");
    expect(lines[0]).toBe("# Drill report: Planned failover to region B");
    expect(md).toContain("**Verdict: not passed: 1 required check failed");
    const gate = md.indexOf("## Failed required checks");
    expect(gate).toBeGreaterThan(0);
    expect(
      md.indexOf("- **writes stopped before the switch**: producer running at the switch"),
    ).toBeGreaterThan(gate);
    expect(md.indexOf("Hint: Stop the producer first")).toBeLessThan(md.indexOf("## Checks"));
    for (const c of REPORT.checks) expect(md).toContain(escapeMarkdown(c.title));
    expect(md).toContain("| FAIL | writes stopped before the switch (required) | 0/15 |");
    expect(md).toContain("a \\<b\\>bold\\</b\\> \\| piped \\* check");
    const uri = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md);
    expect(Buffer.from(uri![1]!, "base64").toString()).toBe(chartSvg(chart));
    expect(md).not.toContain("## Commands");
    expect(lines.filter((l) => l.startsWith("| ") && /\| \d\d:\d\d:\d\d \|/.test(l)).length).toBe(
      TIMELINE.length,
    );
  });

  it("html: one self-contained page, the verdict, the gate first, every check, the inline chart", () => {
    const html = renderReport("html", { report: REPORT, timeline: TIMELINE, chart });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<p class="verdict failed">Verdict: not passed: 1 required check failed');
    expect(html.indexOf("<h2>Failed required checks</h2>")).toBeLessThan(html.indexOf("<h2>Checks</h2>"));
    expect(html.match(/<td>(PASS|FAIL)<\/td>/g)?.length).toBe(REPORT.checks.length);
    expect(html).toContain("a &lt;b&gt;bold&lt;/b&gt; | piped * check");
    expect(html).toContain(chartSvg(chart));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src="http|@import/);
    expect(html.match(/<tr><td>\d\d:\d\d:\d\d<\/td>/g)?.length).toBe(TIMELINE.length);
  });

  it("a passed drill has no gate section", () => {
    const passed = { ...REPORT, passed: true, checks: [check({})], failedGates: [] };
    const html = renderReport("html", { report: passed, timeline: TIMELINE, chart });
    expect(html).toContain('class="verdict passed">Verdict: PASSED');
    expect(html).not.toContain("Failed required checks");
  });
});

describe("ledger stream", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-ledger-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads entries across chunk boundaries, multi-byte characters included, skipping a torn line", () => {
    const file = path.join(dir, "producer.ledger.jsonl");
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      type: "failed" as const,
      seq: i,
      ts: T0 + i,
      region: "A",
      error: `é€😀 ${"x".repeat(i % 50)}`,
    }));
    writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join("\n")}\n{"type":"acked","se`);
    expect([...ledgerEntries(file)]).toEqual(entries);
    expect([...ledgerEntries(path.join(dir, "missing"))]).toEqual([]);
  });
});
