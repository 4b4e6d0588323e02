// Progress layer benchmark: 2,000 questions and 100,000 reviews in a temporary CCAAK_HOME.
// The synthetic questions are installed as a pack (CCAAK_HOME/packs/bench) whose domains are those of
// the bundled ccaak-core blueprint, so stats and the queue treat them like real questions.
// Run through `npm run bench`, or alone: `npm run build && node bench/progress.bench.js`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(path.join(root, "dist", p)).href;

const QUESTIONS = 2_000;
const REVIEWS = 100_000;
const DOMAINS = [
  "fundamentals",
  "cluster-config",
  "security",
  "troubleshooting",
  "deployment",
  "connect",
  "observability",
];
const DAY = 86_400_000;

export function writePack(home) {
  const dir = path.join(home, "packs", "bench");
  fs.mkdirSync(dir, { recursive: true });
  const domains = DOMAINS.map(
    (id) =>
      `    - { id: "${id}", name: "${id}", weight: ${id === "cluster-config" ? 22 : id === "observability" ? 10 : id === "deployment" || id === "connect" ? 12 : 15} }`,
  );
  fs.writeFileSync(
    path.join(dir, "pack.yaml"),
    [
      'id: "bench"',
      'title: "Benchmark"',
      'version: "1.0.0"',
      'author: "bench"',
      'licence: "CC0-1.0"',
      "blueprint:",
      "  domains:",
      ...domains,
      "",
    ].join("\n"),
  );
  const ids = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const id = `q${String(i).padStart(4, "0")}`;
    ids.push(`bench/${id}`);
    fs.writeFileSync(
      path.join(dir, `${id}.md`),
      [
        "---",
        `id: "${id}"`,
        "type: single",
        `domain: ${DOMAINS[i % DOMAINS.length]}`,
        "difficulty: medium",
        `tags: [t${i % 10}]`,
        'references: ["benchmark"]',
        "options:",
        `  - text: "right answer ${i}"`,
        "    correct: true",
        `  - text: "wrong answer ${i}"`,
        `  - text: "another wrong answer ${i}"`,
        "---",
        "",
        `Synthetic question number ${i}: which answer is right?`,
        "",
        "## Explanation",
        "",
        "The first one, by construction.",
        "",
      ].join("\n"),
    );
  }
  return ids;
}

/** A progress file with REVIEWS reviews spread over the last year, imported in one go. */
export function progressFile(ids, now) {
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const reviews = [];
  const start = now - 365 * DAY;
  for (let i = 0; i < REVIEWS; i++) {
    const at = start + Math.floor((i / REVIEWS) * 364 * DAY);
    const r = random();
    const rating = r < 0.15 ? 1 : r < 0.25 ? 2 : r < 0.85 ? 3 : 4;
    reviews.push({
      uid: `bench-${i}`,
      questionId: ids[Math.floor(random() * ids.length)],
      revision: null,
      at,
      mode: "study",
      answer: { type: "single", choice: rating === 1 ? 1 : 0 },
      correct: rating > 1,
      rating,
      autoRating: rating,
      durationMs: 5_000 + Math.floor(random() * 40_000),
      exam: null,
    });
  }
  return {
    format: "ccaak-train-progress",
    version: 1,
    exportedAt: new Date(now).toISOString(),
    settings: {},
    reviews,
    exams: [],
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const round = (x) => Math.round(x * 100) / 100;

export async function run() {
  const { openStore, progressDbPath } = await import(dist("store/index.js"));
  const { buildQueue, dayNumber, dayStart } = await import(dist("study/index.js"));
  const { loadPacks } = await import(dist("catalog/index.js"));

  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ccaak-bench-"));
  try {
    const now = Date.now();
    const ids = writePack(home);
    const store = openStore(progressDbPath(home));
    let t = performance.now();
    store.importProgress(progressFile(ids, now));
    const importMs = performance.now() - t;
    store.close();

    // stats --json, end to end as the learner runs it (median of 7 runs after one warm-up).
    const statsRuns = [];
    for (let i = 0; i < 8; i++) {
      t = performance.now();
      const res = spawnSync(process.execPath, [path.join(root, "dist/bin/main.js"), "stats", "--json"], {
        env: { ...process.env, CCAAK_HOME: home },
        encoding: "utf8",
      });
      const ms = performance.now() - t;
      if (res.status !== 0) throw new Error(`stats failed: ${res.stderr}`);
      const data = JSON.parse(res.stdout);
      if (data.totalReviews !== REVIEWS || data.questions < QUESTIONS)
        throw new Error("stats saw the wrong data");
      if (i > 0) statsRuns.push(ms);
    }

    // The catalog load alone, and the rest of stats in process (store queries, computation, JSON).
    t = performance.now();
    const catalog = await loadPacks({ home });
    const catalogMs = performance.now() - t;
    const statsPartRuns = [];
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const s = openStore(progressDbPath(home));
      const bp = catalog.packs.find((p) => p.manifest.id === "ccaak-core")?.manifest.blueprint;
      const report = s.stats({
        questions: catalog.packs.flatMap((p) => p.questions),
        domains: bp?.domains ?? [],
        now,
        utcOffsetMinutes: -new Date(now).getTimezoneOffset(),
      });
      JSON.stringify(report);
      s.close();
      statsPartRuns.push(performance.now() - t);
    }

    // Study queue: cards from the store plus the pure build (the catalog is loaded once per session).
    const questions = catalog.packs.flatMap((p) => p.questions);
    const blueprint = catalog.packs.find((p) => p.manifest.id === "ccaak-core")?.manifest.blueprint;
    const live = openStore(progressDbPath(home));
    const settings = live.settings();
    const offset = -new Date(now).getTimezoneOffset();
    const queueRuns = [];
    let queueLength = 0;
    for (let i = 0; i < 21; i++) {
      t = performance.now();
      const cards = live.cards();
      const newToday = live.newStudiedSince(dayStart(dayNumber(now, offset), offset));
      const queue = buildQueue({
        questions,
        cards,
        domains: blueprint?.domains ?? [],
        now,
        seed: i,
        newLimit: settings.newPerDay - newToday,
        scheduler: live.scheduler(),
        unseenPrior: settings.unseenPrior,
      });
      queueRuns.push(performance.now() - t);
      queueLength = queue.length;
    }
    if (queueLength === 0) throw new Error("the queue is empty");

    // Recording an answer on the full database.
    const recordRuns = [];
    for (let i = 0; i < 2_000; i++) {
      const questionId = ids[(i * 7919) % ids.length];
      t = performance.now();
      live.recordAnswer({
        questionId,
        at: now + i * 1000,
        mode: "study",
        answer: { type: "single", choice: 0 },
        correct: true,
        rating: 3,
        durationMs: 12_000,
      });
      recordRuns.push(performance.now() - t);
    }
    live.close();

    return [
      {
        name: "progress: stats --json end to end (2,000 questions, 100,000 reviews), median of 7",
        value: round(median(statsRuns)),
        unit: "ms",
        target: 300,
      },
      {
        name: "progress: stats --json end to end, slowest of 7",
        value: round(Math.max(...statsRuns)),
        unit: "ms",
        target: null,
      },
      {
        name: "progress: stats without the catalog (open store, queries, report), median of 7",
        value: round(median(statsPartRuns)),
        unit: "ms",
        target: null,
      },
      {
        name: "progress: loadPacks of 2,000 + bundled questions, in process",
        value: round(catalogMs),
        unit: "ms",
        target: null,
      },
      {
        name: "progress: build a study queue (cards from the store + queue), median of 21",
        value: round(median(queueRuns)),
        unit: "ms",
        target: 50,
      },
      {
        name: "progress: record an answer, p99 of 2,000",
        value: round(quantile(recordRuns, 0.99)),
        unit: "ms",
        target: 5,
      },
      {
        name: "progress: record an answer, median of 2,000",
        value: round(median(recordRuns)),
        unit: "ms",
        target: null,
      },
      {
        name: "progress: import 100,000 reviews and rebuild 2,000 cards",
        value: round(importMs),
        unit: "ms",
        target: null,
      },
    ];
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await run())
    console.log(`${f.name}: ${f.value} ${f.unit}${f.target === null ? "" : ` (target < ${f.target})`}`);
}
