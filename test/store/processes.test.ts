import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createScheduler, type CardState } from "../../src/study/index.js";
import { distMain, distStore, open, tempDir } from "./helpers.js";

// These tests run real processes against the built code: `npm run build` first.

/** Node code for a child that records `count` answers to `file`, printing a line after each. */
const writerCode = (file: string, count: number, prefix: string, stayAlive: boolean) => `
  import { openStore } from ${JSON.stringify(distStore)};
  const store = openStore(${JSON.stringify(file)});
  for (let i = 0; i < ${count}; i++) {
    const { reviewId, card } = store.recordAnswer({
      questionId: "p/${prefix}" + (i % 40), at: 1767603600000 + i * 1000, mode: "study",
      answer: { type: "single", choice: i % 3 }, correct: i % 3 !== 1, rating: i % 3 === 1 ? 1 : 3, durationMs: 1234,
    });
    process.stdout.write(JSON.stringify({ reviewId, card }) + "\\n");
  }
  ${stayAlive ? "setInterval(() => {}, 1000);" : "store.close();"}
`;

/** Node code for a child that records answers until `stopFile` exists, then prints how many. */
const loopingWriterCode = (file: string, stopFile: string, prefix: string) => `
  import fs from "node:fs";
  import { openStore } from ${JSON.stringify(distStore)};
  const store = openStore(${JSON.stringify(file)});
  let n = 0;
  while (!fs.existsSync(${JSON.stringify(stopFile)})) {
    store.recordAnswer({
      questionId: "p/${prefix}" + (n % 40), at: 1767603600000 + n * 1000, mode: "study",
      answer: { type: "single", choice: 0 }, correct: true, rating: 3, durationMs: 1000,
    });
    n++;
  }
  store.close();
  process.stdout.write(String(n));
`;

function node(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
}

function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, out, err })));
}

describe("durability and concurrency with real processes", () => {
  it("a process killed with SIGKILL right after recording an answer loses nothing", async () => {
    expect(fs.existsSync(distStore)).toBe(true);
    const file = path.join(tempDir(), "progress.db");
    const child = node(["--input-type=module", "-e", writerCode(file, 5, "k", true)]);
    const done = finished(child);
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffer = "";
      child.stdout?.on("data", (d: Buffer) => {
        buffer += d.toString();
        const parts = buffer.split("\n");
        buffer = parts.pop() ?? "";
        lines.push(...parts);
        // Killed the moment the last answer is reported recorded.
        if (lines.length === 5) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => reject(new Error("the child ended before it was killed")));
    });
    const { signal, err } = await done;
    expect(signal).toBe("SIGKILL");
    expect(err).toBe("");
    // The store was never closed: the answers are in the write-ahead log, not yet in the main file.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);

    const last = JSON.parse(lines[4]!) as { reviewId: number; card: CardState };
    const store = open(file);
    expect(store.totalReviews()).toBe(5);
    expect(store.history("p/k4")).toMatchObject([
      { id: last.reviewId, answer: { type: "single", choice: 1 }, rating: 1, durationMs: 1234 },
    ]);
    expect(store.card("p/k4")).toEqual(last.card);
    expect(store.integrityCheck()).toBe("ok");
  });

  it("a writer and `stats` (and a second writer) on one database at once: no failure, no corruption", async () => {
    const home = tempDir();
    const file = path.join(home, "progress.db");
    const env = { ...process.env, CCAAK_HOME: home };
    // Everything starts at once against a database that does not exist yet.
    const stop = path.join(home, "stop");
    const writerA = finished(node(["--input-type=module", "-e", loopingWriterCode(file, stop, "a")]));
    const writerB = finished(node(["--input-type=module", "-e", loopingWriterCode(file, stop, "b")]));
    const statsRuns = (async () => {
      const totals: number[] = [];
      for (let i = 0; i < 4; i++) {
        const run = await finished(node([distMain, "stats", "--json"], env));
        expect(run.err).toBe("");
        expect(run.code).toBe(0);
        totals.push((JSON.parse(run.out) as { totalReviews: number }).totalReviews);
      }
      // The writers keep going until every stats run is over, so each run met them mid-way.
      fs.writeFileSync(stop, "");
      return totals;
    })();
    const [a, b, totals] = await Promise.all([writerA, writerB, statsRuns]);
    expect([a.code, a.err, b.code, b.err]).toEqual([0, "", 0, ""]);
    const written = Number(a.out) + Number(b.out);
    // Each stats run saw a consistent snapshot: totals never go down, and the last saw the writers mid-way.
    expect([...totals].sort((x, y) => x - y)).toEqual(totals);
    expect(totals.at(-1)).toBeGreaterThan(0);
    expect(totals.at(-1)).toBeLessThan(written);

    const store = open(file);
    expect(store.integrityCheck()).toBe("ok");
    expect(store.totalReviews()).toBe(written);
    const scheduler = createScheduler(0.9);
    for (const [id, card] of store.cards()) expect(scheduler.replay(store.history(id))).toEqual(card);
  });
});
