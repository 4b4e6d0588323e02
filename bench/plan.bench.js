// Exam plan benchmark: `plan --json` end to end and `fsrs optimize` on 2,000 questions and 100,000
// reviews (the progress benchmark's data). Run through `npm run bench`, or alone:
// `npm run build && node bench/plan.bench.js`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { progressFile, writePack } from "./progress.bench.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(path.join(root, "dist", p)).href;
const main = path.join(root, "dist/bin/main.js");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

function cli(home, ...args) {
  const t = performance.now();
  const res = spawnSync(process.execPath, [main, ...args], {
    env: { ...process.env, CCAAK_HOME: home },
    encoding: "utf8",
  });
  return { ms: performance.now() - t, res };
}

export async function run() {
  const { openStore, progressDbPath } = await import(dist("store/index.js"));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ccaak-bench-plan-"));
  try {
    const now = Date.now();
    const ids = writePack(home);
    const store = openStore(progressDbPath(home));
    store.importProgress(progressFile(ids, now));
    store.close();
    const examDate = new Date(now + 60 * 86_400_000).toISOString().slice(0, 10);
    if (cli(home, "config", "set", "exam-date", examDate).res.status !== 0) throw new Error("config failed");

    const planRuns = [];
    for (let i = 0; i < 8; i++) {
      const { ms, res } = cli(home, "plan", "--json");
      if (res.status !== 0) throw new Error(`plan failed: ${res.stderr}`);
      const plan = JSON.parse(res.stdout);
      if (plan.days.length < 59 || plan.today.domains.length === 0)
        throw new Error("plan saw the wrong data");
      if (i > 0) planRuns.push(ms);
    }

    const optimize = cli(home, "fsrs", "optimize", "--json");
    if (optimize.res.status !== 0) throw new Error(`fsrs optimize failed: ${optimize.res.stderr}`);
    const report = JSON.parse(optimize.res.stdout);
    if (report.candidate.length !== 21 || report.reviews !== 100_000)
      throw new Error("optimize saw the wrong data");

    return [
      {
        name: "plan: plan --json end to end (2,000 questions, 100,000 reviews, 60 days), median of 7",
        value: round(median(planRuns)),
        unit: "ms",
        target: 300,
      },
      {
        name: "plan: fsrs optimize on 100,000 reviews, end to end",
        value: round(optimize.ms),
        unit: "ms",
        target: 30_000,
      },
    ];
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await run()) console.log(`${f.name}: ${f.value} ${f.unit} (target < ${f.target})`);
}
