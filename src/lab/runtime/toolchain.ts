/** Finding Java, Maven and the Kafka jars the lab runs from. */
import { LabUserError } from "../errors.js";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../paths.js";

export const INSTALL_JAVA =
  "Install a JDK 17 or newer (for example `apt-get install openjdk-17-jdk-headless`, `brew install openjdk@17`) and put `java` on PATH or set JAVA_HOME.";
export const INSTALL_MAVEN =
  "Install Maven (for example `apt-get install maven`, `brew install maven`) so the lab can fetch Kafka, or set KAFKA_HOME to an extracted Apache Kafka 4.1 distribution.";

export class ToolchainError extends LabUserError {}

export interface JavaInfo {
  bin: string;
  version: string | null;
  major: number | null;
}

/** `openjdk version "17.0.15" 2025-04-15` -> 17; `java version "1.8.0_402"` -> 8. */
export function parseJavaVersion(text: string): { version: string; major: number } | null {
  const match = /version "([^"]+)"/.exec(text);
  if (!match?.[1]) return null;
  const version = match[1];
  const parts = version.split(/[._-]/).map((p) => Number.parseInt(p, 10));
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return major === undefined || Number.isNaN(major) ? null : { version, major };
}

export function javaBin(env: NodeJS.ProcessEnv): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, "bin", "java") : "java";
}

export function detectJava(env: NodeJS.ProcessEnv): JavaInfo | null {
  const bin = javaBin(env);
  const result = spawnSync(bin, ["-version"], { encoding: "utf8", env });
  if (result.error || result.status !== 0) return null;
  const parsed = parseJavaVersion(`${result.stderr}\n${result.stdout}`);
  return { bin, version: parsed?.version ?? null, major: parsed?.major ?? null };
}

export function requireJava(env: NodeJS.ProcessEnv): JavaInfo {
  const java = detectJava(env);
  if (!java) throw new ToolchainError(`Java was not found. ${INSTALL_JAVA}`);
  if (java.major === null || java.major < 17) {
    throw new ToolchainError(
      `Java ${java.version ?? "(unknown version)"} is too old for Kafka 4.1. ${INSTALL_JAVA}`,
    );
  }
  return java;
}

export function detectMaven(env: NodeJS.ProcessEnv): { version: string } | null {
  const result = spawnSync("mvn", ["-v", "-B"], { encoding: "utf8", env });
  if (result.error || result.status !== 0) return null;
  const match = /Apache Maven (\S+)/.exec(result.stdout);
  return { version: match?.[1] ?? "unknown" };
}

export const pomPath = path.join(packageRoot, "kafka", "pom.xml");

export function pinnedKafkaVersion(pom = readFileSync(pomPath, "utf8")): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match?.[1]) throw new Error(`${pomPath} does not pin <kafka.version>`);
  return match[1];
}

/** Where Maven-resolved jars live: `CCAAK_KAFKA_CACHE` when set, else `CCAAK_HOME/kafka`. */
export function kafkaCacheRoot(env: NodeJS.ProcessEnv, home: string): string {
  return env.CCAAK_KAFKA_CACHE ? path.resolve(env.CCAAK_KAFKA_CACHE) : path.join(home, "kafka");
}

/** One folder per pom content, so changing the pinned version resolves afresh. */
export function kafkaCacheDir(env: NodeJS.ProcessEnv, home: string): string {
  const pom = readFileSync(pomPath, "utf8");
  const digest = createHash("sha256").update(pom).digest("hex").slice(0, 10);
  return path.join(kafkaCacheRoot(env, home), `${pinnedKafkaVersion(pom)}-${digest}`);
}

export interface KafkaLibs {
  libsDir: string;
  version: string;
  source: "KAFKA_HOME" | "maven";
}

function versionFromLibs(libsDir: string): string | null {
  const jar = readdirSync(libsDir).find((f) => /^kafka-clients-.+\.jar$/.test(f));
  return jar ? jar.replace(/^kafka-clients-/, "").replace(/\.jar$/, "") : null;
}

/** The Prometheus JMX exporter's java agent among the jars (`kafka/pom.xml` resolves it); null: none. */
export function exporterAgentJar(libsDir: string): string | null {
  const jar = readdirSync(libsDir).find((f) => /^jmx_prometheus_javaagent-.+\.jar$/.test(f));
  return jar ? path.join(libsDir, jar) : null;
}

/** The Kafka jars as they are now, without fetching anything. */
export function findKafkaLibs(env: NodeJS.ProcessEnv, home: string): KafkaLibs | null {
  if (env.KAFKA_HOME) {
    const libsDir = path.join(path.resolve(env.KAFKA_HOME), "libs");
    if (!existsSync(libsDir)) return null;
    return { libsDir, version: versionFromLibs(libsDir) ?? "unknown", source: "KAFKA_HOME" };
  }
  const libsDir = path.join(kafkaCacheDir(env, home), "libs");
  if (!existsSync(libsDir)) return null;
  return { libsDir, version: versionFromLibs(libsDir) ?? pinnedKafkaVersion(), source: "maven" };
}

/**
 * The Kafka jars, resolving them with Maven into the cache the first time. A half-finished resolve
 * never counts: Maven writes to a scratch folder that is renamed into place at the end.
 */
export function resolveKafkaLibs(
  env: NodeJS.ProcessEnv,
  home: string,
  log: (line: string) => void,
): KafkaLibs {
  if (env.KAFKA_HOME) {
    const found = findKafkaLibs(env, home);
    if (!found)
      throw new ToolchainError(`KAFKA_HOME=${env.KAFKA_HOME} has no libs/ folder. ${INSTALL_MAVEN}`);
    return found;
  }
  const existing = findKafkaLibs(env, home);
  if (existing) return existing;
  if (!detectMaven(env)) throw new ToolchainError(`Neither Maven nor KAFKA_HOME was found. ${INSTALL_MAVEN}`);

  const cacheDir = kafkaCacheDir(env, home);
  const scratch = path.join(cacheDir, `libs.partial-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  copyFileSync(pomPath, path.join(cacheDir, "pom.xml"));
  log(`Fetching Apache Kafka ${pinnedKafkaVersion()} with Maven into ${cacheDir} (once) ...`);
  const result = spawnSync(
    "mvn",
    [
      "-B",
      "-q",
      "-f",
      path.join(cacheDir, "pom.xml"),
      "dependency:copy-dependencies",
      "-DincludeScope=runtime",
      `-DoutputDirectory=${scratch}`,
    ],
    { encoding: "utf8", env, cwd: cacheDir, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    const detail = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new ToolchainError(`Maven could not fetch Kafka (exit ${result.status}):\n${detail}`);
  }
  const libsDir = path.join(cacheDir, "libs");
  try {
    renameSync(scratch, libsDir);
  } catch (error) {
    // Another process finished the same resolve first: its copy is as good as this one.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(libsDir)) throw error;
  }
  return { libsDir, version: versionFromLibs(libsDir) ?? pinnedKafkaVersion(), source: "maven" };
}
