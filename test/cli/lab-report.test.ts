import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, progressDbPath } from "../../src/store/index.js";
import { REPORT, TIMELINE } from "../lab-unit/report-fixture.js";
import { runCli, tempHome } from "./run-cli.js";

// Each test runs the command line several times; a busy machine needs more than the default time.
describe("lab report", { timeout: 120_000 }, () => {
  it("reports a stored grade by its id, in either format, without the attempt's ledgers", () => {
    const home = tempHome();
    const store = openStore(progressDbPath(home));
    store.saveLabAttempt({
      uid: REPORT.attempt,
      lab: REPORT.lab,
      startedAt: Date.parse(REPORT.startedAt),
      gradedAt: Date.parse(REPORT.gradedAt),
      score: REPORT.score,
      maxScore: REPORT.maxScore,
      percent: REPORT.percent,
      passed: REPORT.passed,
      hintsUsed: 0,
      report: REPORT,
      timeline: TIMELINE,
    });
    store.close();

    expect(runCli(["lab", "history"], { home }).stdout).toContain(REPORT.attempt);
    const md = runCli(["lab", "report", "--attempt", REPORT.attempt], { home });
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^\*\*Verdict: not passed: 1 required check failed/m);
    expect(md.stdout).toMatch(/ledgers of this drill are gone/);

    const out = path.join(home, "r.html");
    const html = runCli(["lab", "report", "--attempt", REPORT.attempt, "--format", "html", "--out", out], {
      home,
    });
    expect(html.stdout).toContain(`written to ${out}`);
    expect(readFileSync(out, "utf8")).toMatch(/<h2>Failed required checks<\/h2>/);
  });

  it("says what is wrong with the request", () => {
    const home = tempHome();
    const format = runCli(["lab", "report", "--format", "pdf"], { home });
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/--format is one of md, html \(got pdf\)/);
    const unknown = runCli(["lab", "report", "--attempt", "nope#1"], { home });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no graded attempt "nope#1"/);
    const none = runCli(["lab", "report", "--out", path.join(home, "x.md")], { home });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no lab is running/);
    expect(existsSync(path.join(home, "x.md"))).toBe(false);
  });
});
