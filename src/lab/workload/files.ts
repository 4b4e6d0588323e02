/** Files shared by the lab commands and the workload applications, all inside the attempt folder. */
import path from "node:path";
import { readJson } from "../attempt/json-file.js";
import { attemptPaths } from "../attempt/paths.js";
import type { Region, WorkloadSpec } from "../spec.js";

export type AppName = "producer" | "consumer" | "smoke";
export const APPS: readonly AppName[] = ["producer", "consumer"];
/** The applications of a workload: the producer, the consumer and, in a lab that has one, the smoke consumer. */
export const appsOf = (workload: WorkloadSpec | null | undefined): readonly AppName[] =>
  workload?.smoke ? [...APPS, "smoke"] : APPS;

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
  /** Each region's bootstrap address, for an application pinned to a region (the smoke consumer). */
  bootstraps?: Record<Region, string>;
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
export const dnsFile = (attemptDir: string) => attemptPaths(attemptDir).dns;
export const producerPropertiesFile = (attemptDir: string) =>
  path.join(attemptDir, "apps", "producer.properties");
export const appConfigFile = (attemptDir: string) => path.join(attemptDir, "apps", "config.json");

/** Where the DNS record points now, or null before the lab wrote it. */
export const readDns = (attemptDir: string) => readJson<DnsRecord>(dnsFile(attemptDir));
