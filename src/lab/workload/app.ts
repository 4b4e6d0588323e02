/** What the producer and the consumer share: start-up from the attempt folder, status, logging, shutdown. */
import { readJson, writeJsonAtomic } from "../attempt/json-file.js";
import { APPS, appConfigFile, appFiles, DNS_NAME, dnsFile, pinnedRegion } from "./files.js";
import type { AppConfig, AppName, AppStatus, DnsRecord } from "./files.js";
import { LedgerWriter } from "./ledger.js";
import type { Region } from "../spec.js";

export interface AppContext {
  attemptDir: string;
  config: AppConfig;
  dns: DnsRecord;
  ledger: LedgerWriter;
  log: (message: string) => void;
  ok: () => void;
  failed: (error: unknown) => void;
  stopping: () => boolean;
  onStop: (cleanup: () => Promise<void>) => void;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { errors?: unknown[] }).errors?.[0];
    return cause instanceof Error && cause.message !== error.message
      ? `${error.message}: ${cause.message}`
      : error.message;
  }
  return String(error);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The application this process is: `producer.js ATTEMPT_DIR MARKER [APP]` (the marker is ignored). */
export function appName(program: "producer" | "consumer"): AppName {
  const name = process.argv[4];
  return name && (APPS as readonly string[]).includes(name) ? (name as AppName) : program;
}

/**
 * Reads the attempt folder given as the first argument and resolves the DNS record once; an
 * application pinned to a region connects there instead.
 */
export function startApp(app: AppName, settings?: Record<string, string>, pinnedTo?: Region): AppContext {
  const attemptDir = process.argv[2];
  if (!attemptDir) throw new Error(`usage: ${app}.js ATTEMPT_DIR`);
  const config = readJson<AppConfig>(appConfigFile(attemptDir));
  const pinned = pinnedTo ?? pinnedRegion(app);
  const bootstrap = pinned ? config?.bootstraps?.[pinned] : undefined;
  const dns =
    pinned && bootstrap
      ? { name: DNS_NAME, region: pinned, bootstrap, updatedAt: new Date().toISOString() }
      : readJson<DnsRecord>(dnsFile(attemptDir));
  if (!config || !dns) throw new Error(`no workload config or DNS record in ${attemptDir}`);
  const files = appFiles(attemptDir, app);
  const ledger = new LedgerWriter(files.ledger);
  const log = (message: string) => process.stdout.write(`${new Date().toISOString()} ${app}: ${message}\n`);

  const status: AppStatus = {
    app,
    pid: process.pid,
    state: "starting",
    region: dns.region,
    bootstrap: dns.bootstrap,
    startedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: null,
    ...(settings ? { settings } : {}),
  };
  const save = () => {
    status.updatedAt = new Date().toISOString();
    writeJsonAtomic(files.status, status);
  };
  save();
  const heartbeat = setInterval(save, 1000);
  log(`resolved ${dns.name} -> region ${dns.region} (${dns.bootstrap})`);

  let stopping = false;
  const cleanups: Array<() => Promise<void>> = [];
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const deadline = sleep(4000);
    await Promise.race([Promise.allSettled(cleanups.map((c) => c())), deadline]);
    clearInterval(heartbeat);
    ledger.close();
    status.state = "stopped";
    save();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("exit", () => ledger.flush());

  return {
    attemptDir,
    config,
    dns,
    ledger,
    log,
    ok: () => {
      status.state = "running";
      status.lastSuccessAt = new Date().toISOString();
    },
    failed: (error) => {
      status.state = "retrying";
      status.lastError = errorText(error);
      status.lastErrorAt = new Date().toISOString();
      log(`error (will retry): ${status.lastError}`);
    },
    stopping: () => stopping,
    onStop: (cleanup) => cleanups.push(cleanup),
  };
}

interface ForceClosable {
  close(force: boolean, callback: (error?: Error | null) => void): void;
}

/** Closes a client without waiting for in-flight work; never throws, gives up after 3 s. */
export function closeForcefully(client: ForceClosable): Promise<void> {
  return Promise.race([
    new Promise<void>((resolve) => {
      try {
        client.close(true, () => resolve());
      } catch {
        resolve();
      }
    }),
    sleep(3000),
  ]).then(() => {});
}

/** Runs a consumer's session again 2 s after each failure until the app is told to stop; exits on a bug. */
export function keepRunning(app: AppContext, runOnce: () => Promise<void>): void {
  const run = async () => {
    while (!app.stopping()) {
      await runOnce();
      if (!app.stopping()) await sleep(2000);
    }
  };
  run().catch((error: unknown) => {
    app.failed(error);
    app.ledger.close();
    process.exit(1);
  });
}
