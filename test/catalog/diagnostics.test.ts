import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack } from "../../src/catalog/index.js";
import type { Diagnostic } from "../../src/catalog/types.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures");
const broken = loadPack(path.join(fixtures, "broken-pack"), "path");

function findingsFor(file: string): Diagnostic[] {
  return broken.diagnostics.filter((d) => path.basename(d.file) === `${file}.md`);
}

// One fixture per diagnostic: file, line, field, a piece of the message, and the suggestion if any.
const cases: [string, number, string, string, string?][] = [
  ["broken-yaml", 8, "yaml", "Block collections are not allowed within flow collections"],
  ["missing-field", 2, "difficulty", "required field is missing"],
  ["unknown-field", 7, "optoins", "unknown field", 'did you mean "options"?'],
  ["domain-typo", 4, "domain", "not a domain of this pack's blueprint", 'did you mean "deployment"?'],
  ["duplicate-id-b", 2, "id", 'duplicate id "same-id": already used by duplicate-id-a.md:2'],
  [
    "single-two-correct",
    8,
    "options",
    "exactly one option",
    'use "type: multiple" if several options are right',
  ],
  ["multiple-one-correct", 8, "options", "at least two right options"],
  ["duplicate-options", 11, "options.2.text", "duplicate option: same text as options.1.text"],
  ["order-two-items", 8, "items", "at least three items"],
  ["matching-duplicate-left", 10, "pairs.1.left", "duplicate left item"],
  ["matching-duplicate-right", 13, "distractors.0", "duplicate right item: same text as pairs.0.right"],
  ["missing-explanation", 13, "explanation", "missing explanation"],
  ["ansi-in-stem", 14, "stem", "ANSI escape sequence"],
  ["escaped-control", 8, "options.0.text", "ANSI escape sequence"],
  ["bidi-override", 14, "stem", "bidirectional override U+202E"],
  ["numeric-id", 2, "id", "expected string, got number 123", 'write it in quotes: "0123"'],
  ["wrong-type", 3, "type", '"singel" is not one of', 'did you mean "single"?'],
  ["no-front-matter", 1, "front matter", "starts with front matter"],
];

describe("question diagnostics", () => {
  it.each(cases)("%s is reported at line %i on field %s", (file, line, field, message, suggestion) => {
    const errors = findingsFor(file).filter((d) => d.severity === "error");
    const match = errors.find((d) => d.field === field && d.message.includes(message));
    expect(match, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(match!.line).toBe(line);
    expect(match!.column).toBeGreaterThan(0);
    if (suggestion) expect(match!.suggestion).toBe(suggestion);
  });

  it("reports a missing reference as a warning, and still loads the question", () => {
    const [warning] = findingsFor("no-references");
    expect(warning).toMatchObject({ severity: "warning", field: "references" });
    expect(broken.pack!.questions.map((q) => q.id)).toContain("broken-pack/no-references");
  });

  it("loads the good questions beside the broken ones", () => {
    expect(broken.pack!.questions.map((q) => q.id).sort()).toEqual([
      "broken-pack/good",
      "broken-pack/no-references",
      "broken-pack/same-id",
    ]);
    expect(broken.files).toBe(21);
  });

  it("reports both escape sequences in a line, each at its column", () => {
    expect(findingsFor("ansi-in-stem").map((d) => d.column)).toEqual([18, 30]);
  });
});

describe("manifest diagnostics", () => {
  it("rejects blueprint weights that do not add up to 100 +/- 1", () => {
    const result = loadPack(path.join(fixtures, "bad-weights"), "path");
    expect(result.pack).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        field: "blueprint.domains",
        line: 8,
        message: expect.stringContaining("add up to 90"),
      }),
    );
  });
});
