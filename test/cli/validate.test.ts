import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

describe("ccaak-train basics", () => {
  it("prints help listing the commands", () => {
    const { status, stdout } = runCli(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("ccaak-train validate [PATH...]");
    expect(stdout).toContain("Exit codes: 0 success, 1 what was checked is wrong, 2 bad usage.");
  });

  it("prints the package version", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(runCli(["--version"]).stdout.trim()).toBe(pkg.version);
  });

  it("exits 2 on an unknown option to any command, with its usage", () => {
    const { status, stderr } = runCli(["stats", "--jsn"]);
    expect(status).toBe(2);
    expect(stderr).toContain("ccaak-train stats: Unknown option '--jsn'");
    expect(stderr).toContain("Usage: ccaak-train stats [--json]");
  });

  it("exits 2 on an unknown command", () => {
    const { status, stderr } = runCli(["vaildate"]);
    expect(status).toBe(2);
    expect(stderr).toContain('unknown command "vaildate"');
  });

  it.each([[[]], [["study"]], [["exam"]], [["practice", "--domain", "security"]], [["read"]]])(
    "refuses a screen without a terminal and names the commands that work (%j)",
    (args) => {
      const { status, stderr } = runCli(args);
      expect(status).toBe(2);
      expect(stderr).toContain("needs an interactive terminal");
      expect(stderr).toContain("validate, packs, stats, progress, config, flags, doctor and lab");
    },
  );
});

describe("ccaak-train validate", () => {
  it("passes a valid pack with exit 0 and a summary line", () => {
    const { status, stdout } = runCli(["validate", "test/fixtures/good-pack"]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe("1 pack, 4 valid questions: 0 errors, 0 warnings");
  });

  it("prints compiler-style diagnostics and exits 1 on errors", () => {
    const { status, stdout } = runCli(["validate", "test/fixtures/broken-pack"]);
    expect(status).toBe(1);
    expect(stdout).toContain(
      `test/fixtures/broken-pack/domain-typo.md:4:9 error domain: "deploymnet" is not a domain of this pack's blueprint (did you mean "deployment"?)`,
    );
    // One question without references; three copies of one question, reported as near-duplicates.
    expect(stdout.trim().split("\n").at(-1)).toBe("1 pack, 3 valid questions: 21 errors, 4 warnings");
  });

  it("prints the same findings as data with --json", () => {
    const { status, stdout } = runCli(["validate", "--json", "test/fixtures/broken-pack"]);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ packs: 1, questions: 3, lessons: 0, labs: 0, errors: 21, warnings: 4 });
    expect(report.diagnostics).toContainEqual({
      file: path.join(repoRoot, "test/fixtures/broken-pack/unknown-field.md"),
      line: 7,
      column: 1,
      severity: "error",
      field: "optoins",
      message: "unknown field",
      suggestion: 'did you mean "options"?',
    });
  });

  it("checks a single question file against its pack's blueprint", () => {
    const { status, stdout } = runCli(["validate", "test/fixtures/broken-pack/order-two-items.md"]);
    expect(status).toBe(1);
    expect(stdout).toContain("order-two-items.md:8:3 error items: list order needs at least three items");
    expect(stdout).not.toContain("domain-typo");
  });

  it("finds packs inside a folder of packs", () => {
    const { stdout } = runCli(["validate", "--json", "test/fixtures"]);
    expect(JSON.parse(stdout).packs.map((p: { id: string }) => p.id)).toEqual([
      "broken-pack",
      "good-pack",
      "lint-fixtures",
      "tui-long",
      "tui-pack",
    ]);
  });

  it("validates the bundled packs without errors when given no path", () => {
    const { status, stdout } = runCli(["validate"]);
    expect(stdout).toMatch(/: 0 errors, \d+ warnings?\n$/);
    // Only item-writing findings are warnings in the bundled content.
    expect(stdout.split("\n").filter((l) => / warning /.test(l) && !/ \[lint\/[a-z-]+\]$/.test(l))).toEqual(
      [],
    );
    expect(status).toBe(0);
  });

  it("reports item-writing findings as warnings with their rule, and as errors with --strict", () => {
    const loose = runCli(["validate", "test/fixtures/lint"]);
    expect(loose.status).toBe(0);
    expect(loose.stdout).toContain(
      "test/fixtures/lint/all-none-of-the-above.md:12:11 warning options.3.text: " +
        '"None of the above" depends on the other options and on their order, which the trainer shuffles ' +
        "[lint/all-none-of-the-above]",
    );
    expect(loose.stdout.trim().split("\n").at(-1)).toBe("1 pack, 10 valid questions: 0 errors, 7 warnings");

    const strict = runCli(["validate", "--strict", "--json", "test/fixtures/lint"]);
    expect(strict.status).toBe(1);
    const report = JSON.parse(strict.stdout);
    expect(report.summary).toMatchObject({ errors: 7, warnings: 0 });
    expect(report.diagnostics).toContainEqual({
      file: path.join(repoRoot, "test/fixtures/lint/near-duplicate-b.md"),
      line: 15,
      column: 1,
      severity: "error",
      field: "stem",
      message: expect.stringContaining('near-duplicate of "near-duplicate-a"'),
      rule: "lint/near-duplicate",
    });
    expect(runCli(["validate", "--strict", "test/fixtures/good-pack"]).status).toBe(0);
  });

  it("prints the bank figures with --stats, as text and as data", () => {
    const text = runCli(["validate", "--stats", "test/fixtures/lint"]).stdout;
    expect(text).toContain(
      "  single choice: right option longest in 3 of 8 (37.5%), right/longest distractor 1.61, right/mean distractor 2.15",
    );
    expect(text).toContain("  near-duplicate pairs: 1\n    0.30  near-duplicate-a.md  near-duplicate-b.md\n");
    expect(text).toContain("  types: single 8 (80%), multiple 1 (10%), matching 1 (10%), order 0 (0%)");

    const [stats] = JSON.parse(runCli(["validate", "--stats", "--json", "test/fixtures/lint"]).stdout).stats;
    expect(stats.domains).toEqual([
      {
        id: "fundamentals",
        name: "Apache Kafka fundamentals",
        count: 10,
        percent: 100,
        weight: 100,
        delta: 0,
      },
    ]);
    expect(stats.items.single).toEqual({
      questions: 8,
      rightLongest: 3,
      rightLongestPercent: 37.5,
      meanRatioToLongestDistractor: 1.61,
      meanRatioToMeanDistractor: 2.15,
    });
    expect(stats.items.nearDuplicates).toHaveLength(1);
    expect(stats.items.findings["lint/stem-repeats-answer"]).toBe(1);
  });

  it("prints counts against the blueprint with --stats", () => {
    const { status, stdout } = runCli(["validate", "--stats", "--json", "questions/ccaak-core"]);
    expect(status).toBe(0);
    const [stats] = JSON.parse(stdout).stats;
    expect(stats.pack).toBe("ccaak-core");
    expect(stats.domains.map((d: { id: string }) => d.id)).toContain("deployment");
    expect(Object.keys(stats.types)).toEqual(["single", "multiple", "matching", "order"]);
  });

  it("checks labs: the bundled ones clean, a broken one with file:line:field diagnostics", () => {
    const clean = runCli(["validate", "labs"]);
    expect(clean.status).toBe(0);
    expect(clean.stdout.trim()).toBe("12 valid labs: 0 errors, 0 warnings");
    expect(runCli(["validate"]).stdout).toMatch(/, 12 valid labs: 0 errors/);

    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-lab-"));
    mkdirSync(path.join(dir, "broken"));
    const text = readFileSync(path.join(repoRoot, "labs/planned-failover/lab.md"), "utf8")
      .replace("id: planned-failover", "id: broken")
      .replace(
        "check: mm2-caught-up, points: 5, params: { maxLag: 0 }",
        'check: mm2-caught-up, points: 5, params: { maxLag: "0" }',
      );
    writeFileSync(path.join(dir, "broken", "lab.md"), text);
    const broken = runCli(["validate", path.join(dir, "broken")]);
    expect(broken.status).toBe(1);
    const line = text.slice(0, text.indexOf('"0"')).split("\n").length;
    expect(broken.stdout).toContain(`broken/lab.md:${line}:`);
    expect(broken.stdout).toMatch(/error checks\.1\.params\.maxLag: expected number, got text "0"/);
    expect(broken.stdout.trim().split("\n").at(-1)).toBe("0 valid labs: 1 error, 0 warnings");
  });

  it("exits 2 on bad usage", () => {
    expect(runCli(["validate", "--jsn"]).status).toBe(2);
    const missing = runCli(["validate", "no/such/pack"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file or folder: no/such/pack");
  });
});
