/**
 * The configuration names and defaults of the real Kafka jars, for `validate --facts`: obtained by
 * running `kafka/ConfigDump.java` against the lab's Kafka jars once, then cached as JSON beside the
 * Kafka cache, keyed by the Kafka version and the dump program.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { ConfigDump } from "../../catalog/facts.js";
import { packageRoot } from "../../paths.js";
import { findKafkaLibs, kafkaCacheRoot, requireJava, resolveKafkaLibs, ToolchainError } from "./toolchain.js";

export const dumpProgram = path.join(packageRoot, "kafka", "ConfigDump.java");

/** The cached dump for these jars; a changed dump program makes a new one. */
export function configDumpFile(env: NodeJS.ProcessEnv, home: string, kafkaVersion: string): string {
  const digest = createHash("sha256").update(readFileSync(dumpProgram)).digest("hex").slice(0, 10);
  return path.join(kafkaCacheRoot(env, home), `config-dump-${kafkaVersion}-${digest}.json`);
}

/**
 * The dump, from the cache when it is there (no Java needed then); otherwise Kafka is resolved (Maven
 * or KAFKA_HOME) and the dump program runs with Java 17+ in source-file mode.
 */
export function loadConfigDump(
  env: NodeJS.ProcessEnv,
  home: string,
  log: (line: string) => void,
): ConfigDump {
  const found = findKafkaLibs(env, home);
  if (found) {
    const cached = configDumpFile(env, home, found.version);
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as ConfigDump;
  }
  const java = requireJava(env);
  const libs = found ?? resolveKafkaLibs(env, home, log);
  const file = configDumpFile(env, home, libs.version);
  mkdirSync(path.dirname(file), { recursive: true });
  const scratch = `${file}.partial-${process.pid}`;
  log(`Reading configuration names and defaults from Kafka ${libs.version} (once) ...`);
  const result = spawnSync(java.bin, ["-cp", path.join(libs.libsDir, "*"), dumpProgram, scratch], {
    encoding: "utf8",
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0 || !existsSync(scratch)) {
    rmSync(scratch, { force: true });
    const detail = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new ToolchainError(
      `${path.relative(packageRoot, dumpProgram)} failed against ${libs.libsDir} (exit ${result.status}):\n${detail}`,
    );
  }
  renameSync(scratch, file);
  return JSON.parse(readFileSync(file, "utf8")) as ConfigDump;
}
