import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack } from "../../src/catalog/pack.js";
import { LINT_RULES, lintDiagnostics, lintPack } from "../../src/catalog/lint.js";
import { findingLocator } from "../../src/catalog/lint-locate.js";

const dir = path.resolve(import.meta.dirname, "../fixtures/lint");
const pack = loadPack(dir, "path").pack!;
const { findings, figures } = lintPack(pack);
const diagnostics = lintDiagnostics(findings, "warning", findingLocator());

describe("item-writing checks", () => {
  it.each([
    ["longest-right-option.md", "lint/longest-right-option", 8, "options.0.text"],
    ["longer-right-options.md", "lint/longer-right-options", 8, "options.0.text"],
    ["option-contains-option.md", "lint/option-contains-option", 11, "options.2.text"],
    ["all-none-of-the-above.md", "lint/all-none-of-the-above", 12, "options.3.text"],
    ["absolute-word-in-distractors.md", "lint/absolute-word-in-distractors", 10, "options.1.text"],
    ["stem-repeats-answer.md", "lint/stem-repeats-answer", 8, "options.0.text"],
    ["near-duplicate-b.md", "lint/near-duplicate", 15, "stem"],
  ])("%s: %s and nothing else, at its line", (file, rule, line, field) => {
    const found = diagnostics.filter((d) => d.file === path.join(dir, file));
    expect(found).toEqual([
      expect.objectContaining({ rule, line, column: field === "stem" ? 1 : 11, field, severity: "warning" }),
    ]);
  });

  it("finds one finding per rule in the fixtures, and none in the clean questions", () => {
    expect(Object.values(figures.findings)).toEqual(LINT_RULES.map(() => 1));
    for (const clean of ["clean.md", "clean-matching.md", "near-duplicate-a.md"])
      expect(diagnostics.filter((d) => d.file === path.join(dir, clean))).toEqual([]);
  });

  it("names both questions of a near-duplicate pair", () => {
    expect(figures.nearDuplicates).toEqual([
      {
        similarity: expect.any(Number),
        a: { id: "lint-fixtures/near-duplicate-a", file: path.join(dir, "near-duplicate-a.md") },
        b: { id: "lint-fixtures/near-duplicate-b", file: path.join(dir, "near-duplicate-b.md") },
      },
    ]);
    expect(diagnostics.find((d) => d.rule === "lint/near-duplicate")!.message).toContain(
      'near-duplicate of "near-duplicate-a" (near-duplicate-a.md)',
    );
  });

  it("measures how often the right option is the longest", () => {
    // Strictly longest in longest-right-option, stem-repeats-answer and absolute-word-in-distractors.
    expect(figures.single).toMatchObject({ questions: 8, rightLongest: 3, rightLongestPercent: 37.5 });
    expect(figures.multiple).toEqual({ questions: 1, rightLongest: 1, rightLongestPercent: 100 });
  });

  it("does not compare a question with the other copies of a generated pattern", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...pack.questions.find((q) => q.id.endsWith("/clean"))!,
      id: `lint-fixtures/copy-${i}`,
      stem: `Generated question ${i}: which producer setting is meant?`,
    }));
    const started = performance.now();
    const result = lintPack({ ...pack, questions: many });
    expect(performance.now() - started).toBeLessThan(2000);
    // Every copy has the same answer: that word is too common to be indexed, so there are no pairs.
    expect(result.figures.nearDuplicates).toEqual([]);
  });
});
