/**
 * `validate --facts` against the real Kafka jars: the bundled questions and lessons must be clean, and
 * a fixture pack with a wrong name and a wrong default must fail at the right lines. The jars and the
 * configuration dump are shared between runs through CCAAK_KAFKA_CACHE, as in the sandbox test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";

const cliPath = path.join(packageRoot, "dist", "cli", "main.js");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CCAAK_HOME: mkdtempSync(path.join(os.tmpdir(), "ccaak-facts-test-")),
  CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
  NO_COLOR: "1",
};

function validate(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, "validate", "--facts", ...args], {
    cwd: packageRoot,
    env,
    encoding: "utf8",
    timeout: 400_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
});

describe("validate --facts against the Kafka jars", () => {
  it("passes the bundled questions and lessons", () => {
    const run = validate([]);
    expect(run.stdout, run.stderr).toMatch(/configuration facts checked against Kafka 4\.1\.\d+\): 0 errors/);
    expect(run.status).toBe(0);
  });

  it("fails a pack with an unknown name and a wrong default, at their lines", () => {
    const run = validate(["test/fixtures/facts/pack"]);
    expect(run.status, run.stderr).toBe(1);
    const file = path.join("test", "fixtures", "facts", "pack", "wrong.md");
    expect(run.stdout).toContain(
      `${file}:15:19 error options.0.text: "log.retention.hour" is not a configuration of any Kafka`,
    );
    expect(run.stdout).toContain(`${file}:10:12 error defaults.0.value: the topic default of segment.ms is`);
    expect(run.stdout).not.toContain("right.md");
  });
});
