import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack, readManifest } from "../../src/catalog/index.js";
import { parseQuestionFile } from "../../src/catalog/question-file.js";
import { findUnsafeCharacters, stripUnsafe } from "../../src/catalog/terminal-safety.js";
import type { Blueprint } from "../../src/catalog/types.js";

const root = path.resolve(import.meta.dirname, "../..");
const blueprint: Blueprint = {
  exam: { questions: 60, minutes: 90, passPercent: 70 },
  domains: [
    { id: "fundamentals", name: "Fundamentals", weight: 50 },
    { id: "deployment", name: "Deployment", weight: 50 },
  ],
};

describe("question parsing", () => {
  const good = loadPack(path.join(root, "test/fixtures/good-pack"), "path");

  it("loads every question type with its fields", () => {
    expect(good.diagnostics).toEqual([]);
    const byId = Object.fromEntries(good.pack!.questions.map((q) => [q.id, q]));
    expect(Object.keys(byId).sort()).toEqual([
      "good-pack/good",
      "good-pack/matching",
      "good-pack/multiple",
      "good-pack/order",
    ]);
    const single = byId["good-pack/good"]!;
    expect(single).toMatchObject({ type: "single", domain: "fundamentals", difficulty: "easy", tags: [] });
    expect(single.stem).toBe("Which setting makes acknowledged writes durable?");
    expect(single.explanation).toMatch(/^Because replication/);
    const multiple = byId["good-pack/multiple"]!;
    expect(multiple.type === "multiple" && multiple.options.map((o) => o.correct)).toEqual([
      true,
      true,
      false,
    ]);
    expect(multiple.type === "multiple" && multiple.options[0]!.why).toMatch(/in-sync replica/);
    const matching = byId["good-pack/matching"]!;
    expect(matching.type === "matching" && matching.distractors).toEqual(["How many replicas a topic has"]);
    const order = byId["good-pack/order"]!;
    expect(order.type === "order" && order.items[0]).toBe("Stop the producers");
  });

  it("gives each question a revision that changes with its text", () => {
    const text = readFileSync(path.join(root, "test/fixtures/good-pack/order.md"), "utf8");
    const a = parseQuestionFile("order.md", text, "p", blueprint).question!;
    const b = parseQuestionFile(
      "order.md",
      text.replace("Stop the producers", "Stop every producer"),
      "p",
      blueprint,
    ).question!;
    expect(a.id).toBe(b.id);
    expect(a.revision).not.toBe(b.revision);
  });

  it("reads CRLF files and keeps line numbers", () => {
    const text = readFileSync(path.join(root, "test/fixtures/broken-pack/domain-typo.md"), "utf8").replace(
      /\n/g,
      "\r\n",
    );
    const { diagnostics } = parseQuestionFile("crlf.md", text, "p", blueprint);
    expect(diagnostics).toEqual([expect.objectContaining({ field: "domain", line: 4 })]);
  });

  it("accepts every example in the authors' guide", () => {
    const guide = readFileSync(path.join(root, "questions/README.md"), "utf8");
    const examples = [...guide.matchAll(/```markdown\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBe(4);
    const types = examples.map((example, index) => {
      const { question, diagnostics } = parseQuestionFile(`example-${index}.md`, example, "guide", blueprint);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return question!.type;
    });
    expect(types).toEqual(["single", "multiple", "matching", "order"]);
  });
});

describe("manifest", () => {
  const write = (text: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-manifest-"));
    writeFileSync(path.join(dir, "pack.yaml"), text);
    return path.join(dir, "pack.yaml");
  };
  const valid = readFileSync(path.join(root, "questions/ccaak-core/pack.yaml"), "utf8");

  it("accepts the bundled manifest, whose weights add up to 101 as published", () => {
    const { manifest, diagnostics } = readManifest(path.join(root, "questions/ccaak-core/pack.yaml"));
    expect(diagnostics).toEqual([]);
    expect(manifest!.blueprint.domains.reduce((s, d) => s + d.weight, 0)).toBe(101);
    expect(manifest!.blueprint.exam).toEqual({ questions: 60, minutes: 90, passPercent: 70 });
  });

  it("reports a missing manifest", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-nomanifest-"));
    const { diagnostics } = loadPack(dir, "path");
    expect(diagnostics).toEqual([
      expect.objectContaining({ field: "manifest", message: expect.stringContaining("no pack.yaml") }),
    ]);
  });

  it("reports unknown and missing fields with suggestions", () => {
    const file = write(valid.replace('licence: "CC-BY-4.0"', 'license: "CC-BY-4.0"'));
    const { manifest, diagnostics } = readManifest(file);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        field: "license",
        line: 5,
        message: "unknown field",
        suggestion: 'did you mean "licence"?',
      }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ field: "licence", message: "required field is missing" }),
    );
  });

  it("reports a repeated domain id", () => {
    const file = write(valid.replace('id: "security"', 'id: "fundamentals"'));
    expect(readManifest(file).diagnostics).toContainEqual(
      expect.objectContaining({
        field: "blueprint.domains.2.id",
        message: 'duplicate domain id "fundamentals"',
      }),
    );
  });

  it("reports a version that YAML read as a number", () => {
    const file = write(valid.replace('version: "0.1.0"', "version: 1.0"));
    expect(readManifest(file).diagnostics).toContainEqual(
      expect.objectContaining({ field: "version", line: 3, suggestion: 'write it in quotes: "1.0"' }),
    );
  });
});

describe("terminal safety", () => {
  it("finds C0, C1, DEL, lone CR and bidi overrides but allows tab, LF and CRLF", () => {
    expect(findUnsafeCharacters("a\tb\nc\r\nd")).toEqual([]);
    const found = findUnsafeCharacters("\u0007 \u009b \u007f x\ry \u2066");
    expect(found.map((f) => f.offset)).toEqual([0, 2, 4, 7, 10]);
  });

  it("strips escape sequences whole", () => {
    expect(stripUnsafe("\u001b[1;31mred\u001b[0m \u001b]0;title\u0007ok")).toBe("red ok");
  });
});
