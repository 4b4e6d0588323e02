import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const cli = path.join(repoRoot, "dist/bin/main.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `ccaak-train` as a child process with no terminal, as CI and scripts do. */
export function runCli(
  args: string[],
  options: { home?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, CCAAK_HOME: options.home ?? tempHome(), NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), "ccaak-home-"));
}
