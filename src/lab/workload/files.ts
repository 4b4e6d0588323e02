/** Files shared by the lab commands and the workload applications, all inside the attempt folder. */
import path from "node:path";
import { readJson } from "../attempt/json-file.js";
import { attemptPaths } from "../attempt/paths.js";
import type { AppName, Region, WorkloadSpec } from "../spec.js";

export { APPS, type AppName } from "../spec.js";

/** The applications a lab's workload runs. */
export const labApps = (workload: WorkloadSpec | null | undefined): AppName[] => [
  "producer",
  "consumer",
  ...(workload?.siteB ? (["producer-b", "consumer-b"] as const) : []),
  ...(workload?.smoke ? (["smoke"] as const) : []),
];

/** The region an application is pinned to, or null when it follows the DNS record. */
export const pinnedRegion = (app: AppName): Region | null => (app.endsWith("-b") ? "B" : null);

export const isProducer = (app: AppName) => app.startsWith("producer");

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
  /** Each region's bootstrap servers, for the applications pinned to a region. */
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
/** An application's own settings: a producer's `acks` and `enable.idempotence`, a consumer's `topics`. */
export const appPropertiesFile = (attemptDir: string, app: AppName) =>
  path.join(attemptDir, "apps", `${app}.properties`);
export const producerPropertiesFile = (attemptDir: string) => appPropertiesFile(attemptDir, "producer");
export const appConfigFile = (attemptDir: string) => path.join(attemptDir, "apps", "config.json");

/** Where the DNS record points now, or null before the lab wrote it. */
export const readDns = (attemptDir: string) => readJson<DnsRecord>(dnsFile(attemptDir));
