/** Files shared by the lab commands and the workload applications, all inside the attempt folder. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Region, WorkloadSpec } from "../spec.js";

export type AppName = "producer" | "consumer";
export const APPS: readonly AppName[] = ["producer", "consumer"];

/** The simulated DNS record the applications resolve once, when they start. */
export interface DnsRecord {
  name: string;
  region: Region;
  bootstrap: string;
  updatedAt: string;
}

export const DNS_NAME = "kafka.orders.lab";

export interface AppConfig {
  workload: WorkloadSpec;
}

/** What an application reports about itself, rewritten every second or so. */
export interface AppStatus {
  app: AppName;
  pid: number;
  state: "starting" | "running" | "retrying" | "stopped";
  region: Region;
  bootstrap: string;
  startedAt: string;
  updatedAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  /** The settings the application started with (the producer's `acks` and `enable.idempotence`). */
  settings?: Record<string, string>;
}

export const appFiles = (attemptDir: string, app: AppName) => ({
  ledger: path.join(attemptDir, "apps", `${app}.ledger.jsonl`),
  status: path.join(attemptDir, "apps", `${app}.status.json`),
  log: path.join(attemptDir, "apps", `${app}.log`),
});
export const dnsFile = (attemptDir: string) => path.join(attemptDir, "dns.json");
export const producerPropertiesFile = (attemptDir: string) =>
  path.join(attemptDir, "apps", "producer.properties");
export const appConfigFile = (attemptDir: string) => path.join(attemptDir, "apps", "config.json");

export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(scratch, file);
}

export function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}
