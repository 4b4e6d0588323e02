/**
 * Resolves the Kafka jars once before the lab test files start: they run two at a time and would
 * otherwise each run Maven into the same cache on a fresh machine.
 */
import path from "node:path";
import { resolveKafkaLibs } from "../../src/lab/runtime/toolchain.js";
import { packageRoot } from "../../src/paths.js";

export function setup(): void {
  const env = {
    ...process.env,
    CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
  };
  resolveKafkaLibs(env, path.join(packageRoot, ".ccaak-home"), (line) => console.log(line));
}
