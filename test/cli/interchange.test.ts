import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUnsafeCharacters } from "../../src/catalog/terminal-safety.js";
import { repoRoot, runCli } from "./run-cli.js";

const giftFixture = path.join(repoRoot, "test/fixtures/gift/every-construct.gift");
const aikenFixture = path.join(repoRoot, "test/fixtures/aiken/every-construct.txt");
const temp = () => mkdtempSync(path.join(os.tmpdir(), "ccaak-interchange-"));

describe("ccaak-train import", () => {
  it("writes a new pack from GIFT, reports what it left out by file and line, and names the files to finish", () => {
    const dir = temp();
    const map = path.join(dir, "map.json");
    writeFileSync(
      map,
      JSON.stringify({ "$course$/Kafka/Basics": "fundamentals", "$course$/Kafka/Connect": "connect" }),
    );
    const into = path.join(dir, "pack");
    const result = runCli([
      "import",
      "gift",
      giftFixture,
      "--into",
      into,
      "--pack-id",
      "kafka-quiz",
      "--domain-map",
      map,
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("imported 7 questions into");
    expect(result.stderr).toContain(
      "every-construct.gift:44: not imported: an essay question cannot be expressed in a pack",
    );
    expect(result.stderr).toContain("every-construct.gift:53: not imported: GIFT syntax");
    expect(result.stdout).toContain("1 file needs an author's hand before the pack passes validate:");
    expect(result.stdout).toContain(path.join(into, "no-feedback.md"));
    expect(readFileSync(path.join(into, "pack.yaml"), "utf8")).toContain('id: "kafka-quiz"');
    expect(readFileSync(path.join(into, "replication-factor.md"), "utf8")).toContain(
      'domain: "fundamentals"',
    );
    expect(readFileSync(path.join(into, "connect-topics.md"), "utf8")).toContain('domain: "connect"');

    // The loader agrees: only the question without an explanation fails.
    const validate = runCli(["validate", into]);
    expect(validate.status).toBe(1);
    expect(validate.stdout + validate.stderr).toContain("no-feedback.md:");
    expect(validate.stdout + validate.stderr).toContain("6 valid questions");
  });

  it("imports Aiken into an existing pack without overwriting its files, with --domain for all", () => {
    const dir = temp();
    const into = path.join(dir, "pack");
    runCli(["import", "aiken", aikenFixture, "--into", into, "--domain", "fundamentals"]);
    const again = runCli(["import", "aiken", aikenFixture, "--into", into, "--domain", "fundamentals"]);
    expect(again.stdout).toContain("imported 3 questions");
    expect(again.stdout).not.toContain("a new pack");
    expect(again.stderr).toContain("every-construct.txt:20: not imported: ANSWER: D names no option");
    expect(readdirSync(into).sort()).toContain("which-tool-lists-consumer-groups-2.md");
    expect(readdirSync(into).filter((f) => f.endsWith(".md"))).toHaveLength(6);
  });

  it("says where no domain was found", () => {
    const into = path.join(temp(), "pack");
    const result = runCli(["import", "gift", giftFixture, "--into", into]);
    expect(result.stderr).toContain(
      'every-construct.gift:6: no domain for category "$course$/Kafka/Basics": give --domain or map it in --domain-map',
    );
  });

  it("refuses bad usage with exit 2", () => {
    expect(runCli(["import", "qti", giftFixture, "--into", temp()]).status).toBe(2);
    expect(runCli(["import", "gift", giftFixture]).status).toBe(2);
    expect(runCli(["import", "gift", "missing.gift", "--into", temp()]).status).toBe(2);
    expect(runCli(["import", "gift", giftFixture, "--into", temp(), "--pack-id", "../x"]).status).toBe(2);
  });
});

describe("ccaak-train export", () => {
  it("writes the bundled pack as GIFT that imports again into a pack that passes validate", () => {
    const dir = temp();
    const out = path.join(dir, "core.gift");
    const exported = runCli(["export", "gift", "ccaak-core", "--out", out]);
    expect(exported.status).toBe(0);
    const gift = readFileSync(out, "utf8");
    expect(gift).toContain("$CATEGORY: ccaak-core/fundamentals");
    expect(gift).toContain("// A list-order question, written as matching");
    expect(findUnsafeCharacters(gift)).toEqual([]);
    const into = path.join(dir, "again");
    const imported = runCli(["import", "gift", out, "--into", into]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("the imported questions pass validate");
    expect(imported.status).toBe(0);
  });

  it("writes an Anki file for a pack folder, and prints one to the terminal", () => {
    const out = path.join(temp(), "core.txt");
    const result = runCli(["export", "anki", path.join(repoRoot, "questions/ccaak-core"), "--out", out]);
    expect(result.status).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.split("\n").slice(0, 2)).toEqual(["#separator:tab", "#html:true"]);
    expect(text).toContain("#tags column:3");
    expect(findUnsafeCharacters(text)).toEqual([]);

    const pack = path.join(temp(), "small");
    runCli(["import", "gift", giftFixture, "--into", pack, "--domain", "fundamentals"]);
    const printed = runCli(["export", "anki", pack]);
    expect(printed.status).toBe(0);
    expect(printed.stdout.split("\n").filter((l) => !l.startsWith("#") && l !== "")).toHaveLength(6);
  });

  it("refuses an unknown pack or format with exit 2", () => {
    expect(runCli(["export", "anki", "no-such-pack"]).status).toBe(2);
    expect(runCli(["export", "xml", "ccaak-core"]).status).toBe(2);
    expect(existsSync(path.join(repoRoot, "no-such-pack"))).toBe(false);
  });
});
