// Validation speed on 5,000 generated question files, and how fast `--help` answers.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/bin/main.js");
const TYPES = ["single", "multiple", "matching", "order"];

function questionText(i) {
  const head = `---\nid: "q-${i}"\ntype: ${TYPES[i % 4]}\ndomain: "d${i % 7}"\ndifficulty: medium\ntags: [generated, t${i % 13}]\nreferences: ["Kafka documentation: section ${i}"]\n`;
  const body = `---\n\nGenerated question ${i}: which of these is right about \`min.insync.replicas\`?\n\n## Explanation\n\nBecause ${i}.\n`;
  switch (TYPES[i % 4]) {
    case "single":
      return `${head}options:\n  - text: "Right ${i}"\n    correct: true\n    why: "It is."\n  - text: "Wrong ${i}"\n    why: "It is not."\n  - text: "Also wrong ${i}"\n${body}`;
    case "multiple":
      return `${head}options:\n  - text: "Right ${i}"\n    correct: true\n  - text: "Also right ${i}"\n    correct: true\n  - text: "Wrong ${i}"\n${body}`;
    case "matching":
      return `${head}pairs:\n  - left: "L1 ${i}"\n    right: "R1 ${i}"\n  - left: "L2 ${i}"\n    right: "R2 ${i}"\ndistractors: ["R3 ${i}"]\n${body}`;
    default:
      return `${head}items:\n  - "First ${i}"\n  - "Second ${i}"\n  - "Third ${i}"\n${body}`;
  }
}

export function generatePack(dir, count) {
  mkdirSync(dir, { recursive: true });
  const domains = Array.from(
    { length: 7 },
    (_, d) => `    - id: "d${d}"\n      name: "Domain ${d}"\n      weight: ${d < 2 ? 15 : 14}\n`,
  ).join("");
  writeFileSync(
    path.join(dir, "pack.yaml"),
    `id: "generated"\ntitle: "Generated"\nversion: "1.0.0"\nauthor: "bench"\nlicence: "CC0-1.0"\nblueprint:\n  domains:\n${domains}`,
  );
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `part-${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `q-${i}.md`), questionText(i));
  }
}

function timeCommand(args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, result };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run() {
  const root = mkdtempSync(path.join(os.tmpdir(), "ccaak-bench-catalog-"));
  try {
    const pack = path.join(root, "generated");
    generatePack(pack, 5000);
    const validate = [];
    for (let i = 0; i < 3; i++) {
      const { ms, result } = timeCommand(["validate", pack]);
      if (!result.stdout.includes("5000 valid questions: 0 errors"))
        throw new Error(`unexpected: ${result.stdout}`);
      validate.push(ms);
    }
    const help = [];
    for (let i = 0; i < 7; i++) help.push(timeCommand(["--help"]).ms);
    return [
      {
        name: "validate 5,000 question files (median of 3, whole process)",
        value: Math.round(median(validate)),
        unit: "ms",
        target: 2000,
      },
      {
        name: "ccaak-train --help (median of 7, whole process)",
        value: Math.round(median(help)),
        unit: "ms",
        target: 200,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
