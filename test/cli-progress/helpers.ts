import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const main = path.join(repoRoot, "dist/bin/main.js");
const homes: string[] = [];

afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

export function tempHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ccaak-cli-"));
  homes.push(home);
  return home;
}

/** Runs the built CLI without a terminal, as a script or CI would. */
export function cli(home: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [main, ...args], {
    env: { ...process.env, CCAAK_HOME: home, NO_COLOR: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Installs a small pack `t` with two domains and four single-choice questions under CCAAK_HOME/packs. */
export function installTestPack(home: string): string[] {
  const dir = path.join(home, "packs", "t");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "pack.yaml"),
    [
      'id: "t"',
      'title: "Test pack"',
      'version: "1.0.0"',
      'author: "tests"',
      'licence: "CC0-1.0"',
      "blueprint:",
      "  exam: { questions: 4, minutes: 10, passPercent: 75 }",
      "  domains:",
      '    - { id: "alpha", name: "Alpha", weight: 60 }',
      '    - { id: "beta", name: "Beta", weight: 40 }',
      "",
    ].join("\n"),
  );
  const ids = ["a1", "a2", "b1", "b2"];
  for (const id of ids) {
    fs.writeFileSync(
      path.join(dir, `${id}.md`),
      [
        "---",
        `id: "${id}"`,
        "type: single",
        `domain: ${id.startsWith("a") ? "alpha" : "beta"}`,
        "difficulty: easy",
        'references: ["tests"]',
        "options:",
        '  - text: "right"',
        "    correct: true",
        '  - text: "wrong"',
        "---",
        "",
        `Question ${id}?`,
        "",
        "## Explanation",
        "",
        "Because.",
        "",
      ].join("\n"),
    );
  }
  return ids.map((id) => `t/${id}`);
}
