import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, progressDbPath } from "../../src/store/index.js";
import { cli, tempHome } from "./helpers.js";

function seed(home: string): void {
  const store = openStore(progressDbPath(home));
  store.updateSettings({ newPerDay: 12 });
  const base = Date.UTC(2026, 0, 5);
  for (let i = 0; i < 3; i++) {
    store.recordAnswer({
      questionId: `p/q${i}`,
      at: base + i * 1000,
      mode: "study",
      answer: { type: "single", choice: 0 },
      correct: true,
      rating: 3,
      durationMs: 5000 + i,
    });
  }
  store.close();
}

describe("ccaak-train progress export / import", () => {
  it("exports JSON that another machine imports, and importing twice adds nothing", () => {
    const from = tempHome();
    const to = tempHome();
    seed(from);
    const file = path.join(from, "progress.json");
    const exported = cli(from, "progress", "export", file);
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(/Exported 3 reviews as JSON/);
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(data).toMatchObject({ format: "ccaak-train-progress", settings: { newPerDay: 12 } });
    expect(data.reviews).toHaveLength(3);

    const first = cli(to, "progress", "import", file);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /Imported 3 new reviews \(0 already there\), 0 exams; settings applied: newPerDay/,
    );
    const second = cli(to, "progress", "import", file, "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ reviewsAdded: 0, reviewsAlreadyThere: 3 });
    const stats = JSON.parse(cli(to, "stats", "--json").out);
    expect(stats.totalReviews).toBe(3);
  });

  it("exports the review log as CSV for FSRS optimizers", () => {
    const home = tempHome();
    seed(home);
    const file = path.join(home, "revlog.csv");
    expect(cli(home, "progress", "export", file).code).toBe(0);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("card_id,review_time,review_rating,review_state,review_duration");
    expect(lines.slice(1)).toEqual(
      [0, 1, 2].map((i) => `p/q${i},${Date.UTC(2026, 0, 5) + i * 1000},3,0,${5000 + i}`),
    );
    const stdout = cli(home, "progress", "export", "-", "--format", "csv");
    expect(stdout.out.trim().split("\n")).toEqual(lines);
  });

  it("refuses a broken file with exit 1 and bad usage with exit 2", () => {
    const home = tempHome();
    const bad = path.join(home, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ format: "something else" }));
    const run = cli(home, "progress", "import", bad);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/not a ccaak-train progress file: format/);
    expect(cli(home, "progress", "import", path.join(home, "missing.json")).code).toBe(1);
    expect(cli(home, "progress", "sync", "x").code).toBe(2);
    expect(cli(home, "progress", "export").code).toBe(2);
    expect(cli(home, "progress", "import", "x.csv").code).toBe(2);
  });
});
