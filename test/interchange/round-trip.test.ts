import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack, type Question } from "../../src/catalog/index.js";
import { renderGift } from "../../src/interchange/gift-export.js";
import { readGift } from "../../src/interchange/gift-import.js";
import type { Draft } from "../../src/interchange/draft.js";
import { repoRoot } from "../cli/run-cli.js";

const core = loadPack(path.join(repoRoot, "questions/ccaak-core"), "bundled").pack!;
const localId = (q: Question) => q.id.slice(q.pack.length + 1);

describe("the bundled bank through GIFT and back", () => {
  const gift = renderGift(core.manifest.id, core.questions);
  const read = readGift(gift, "core.gift");
  const byTitle = new Map(read.drafts.map((d) => [d.title, d]));

  it("imports every question, with nothing reported", () => {
    expect(read.reports).toEqual([]);
    expect(read.drafts).toHaveLength(core.questions.length);
  });

  it("gives back the same questions, field by field", () => {
    for (const q of core.questions) {
      const draft: Draft | undefined = byTitle.get(localId(q));
      expect(draft, localId(q)).toBeDefined();
      expect(draft!.stem, `${localId(q)} stem`).toBe(q.stem);
      expect(draft!.explanation, `${localId(q)} explanation`).toBe(q.explanation);
      expect(draft!.category, `${localId(q)} category`).toBe(`ccaak-core/${q.domain}`);
      const body = draft!.body;
      switch (q.type) {
        case "single":
        case "multiple":
          expect(body.type, localId(q)).toBe(q.type);
          if (body.type !== "single" && body.type !== "multiple") break;
          expect(body.options.map((o) => o.text)).toEqual(q.options.map((o) => o.text));
          expect(body.options.map((o) => o.correct)).toEqual(q.options.map((o) => o.correct));
          expect(body.options.map((o) => o.why)).toEqual(q.options.map((o) => o.why));
          break;
        case "matching":
          expect(body).toEqual({ type: "matching", pairs: q.pairs, distractors: q.distractors });
          break;
        case "order":
          // GIFT has no list order: it comes back as matching of position to item.
          expect(body).toEqual({
            type: "matching",
            pairs: q.items.map((item, i) => ({ left: String(i + 1), right: item })),
            distractors: [],
          });
          break;
      }
    }
  });

  it("covers every question type of the bank", () => {
    expect(new Set(core.questions.map((q) => q.type))).toEqual(
      new Set(["single", "multiple", "matching", "order"]),
    );
  });
});
