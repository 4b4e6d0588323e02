import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { runCli, tempHome } from "./run-cli.js";

describe("ccaak-train flags", () => {
  it("lists and exports the questions learners flagged, with revision, note and answer", () => {
    const home = tempHome();
    expect(runCli(["flags", "list"], { home }).stdout.trim()).toBe("No flagged questions.");
    const store = openStore(path.join(home, "progress.db"));
    const { reviewId } = store.recordAnswer({
      questionId: "ccaak-core/dr-rpo-basics",
      at: Date.UTC(2026, 11, 1, 10),
      mode: "study",
      answer: { type: "single", choice: 2 },
      correct: false,
      rating: 1,
      durationMs: 9000,
    });
    store.flagQuestion({
      questionId: "ccaak-core/dr-rpo-basics",
      revision: "0123456789abcdef",
      at: Date.UTC(2026, 11, 1, 10, 1),
      note: "option 3 is right too",
      answer: { type: "single", choice: 2 },
      reviewId,
    });
    store.flagQuestion({
      questionId: "my-pack/x",
      revision: null,
      at: Date.UTC(2026, 11, 2),
      note: "",
      answer: null,
      reviewId: null,
    });
    store.close();

    const text = runCli(["flags", "list"], { home }).stdout;
    expect(text).toContain("2026-12-01 10:01  ccaak-core/dr-rpo-basics (revision 01234567)");
    expect(text).toContain("option 3 is right too");
    expect(text).toContain('answered: {"type":"single","choice":2}');
    const json = JSON.parse(runCli(["flags", "list", "--json", "--pack", "ccaak-core"], { home }).stdout);
    expect(json.flags).toEqual([
      {
        questionId: "ccaak-core/dr-rpo-basics",
        revision: "0123456789abcdef",
        at: "2026-12-01T10:01:00.000Z",
        note: "option 3 is right too",
        answer: { type: "single", choice: 2 },
        reviewId,
      },
    ]);
    const out = path.join(home, "flags.json");
    expect(runCli(["flags", "export", out], { home }).status).toBe(0);
    expect((JSON.parse(readFileSync(out, "utf8")) as { flags: unknown[] }).flags).toHaveLength(2);
    expect(runCli(["flags", "list", "--pack", "../x"], { home }).status).toBe(2);
  });
});
