/** Starting and stopping the workload applications as detached Node processes. */
import { existsSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../paths.js";
import { writeJsonAtomic } from "../attempt/json-file.js";
import { attemptPaths } from "../attempt/paths.js";
import type { LabState, ProcessRecord } from "../attempt/state.js";
import { appendTimeline } from "../attempt/timeline.js";
import { endProcesses, labMarker, processState, spawnDetached } from "../runtime/processes.js";
import type { Region } from "../spec.js";
import { appConfigFile, appFiles, DNS_NAME, dnsFile, type AppName, type DnsRecord } from "./files.js";

const PROGRAMS: Record<AppName, string> = {
  producer: "producer.js",
  "producer-b": "producer.js",
  consumer: "consumer.js",
  "consumer-b": "consumer.js",
  smoke: "smoke.js",
};

export const appEntry = (app: AppName) => path.join(packageRoot, "dist", "lab", "workload", PROGRAMS[app]);

export function writeDns(state: LabState, region: Region): DnsRecord {
  const record: DnsRecord = {
    name: DNS_NAME,
    region,
    bootstrap: state.layout.regions[region].bootstrap,
    updatedAt: new Date().toISOString(),
  };
  writeJsonAtomic(dnsFile(state.attemptDir), record);
  return record;
}

export function writeAppConfig(state: LabState): void {
  if (!state.spec.workload) return;
  const bootstraps = { A: state.layout.regions.A.bootstrap, B: state.layout.regions.B.bootstrap };
  writeJsonAtomic(appConfigFile(state.attemptDir), { workload: state.spec.workload, bootstraps });
}

function appRecord(state: LabState, app: AppName): ProcessRecord {
  const files = appFiles(state.attemptDir, app);
  return {
    name: app,
    kind: "app",
    pid: null,
    command: process.execPath,
    // The marker is an ignored extra argument: it lets a later start find this process after a crash.
    args: [appEntry(app), state.attemptDir, labMarker(state.home), app],
    logFile: files.log,
    pidFile: path.join(attemptPaths(state.attemptDir).run, `${app}.pid`),
  };
}

export function appRunning(state: LabState, app: AppName): boolean {
  const pid = state.processes[app]?.pid;
  return pid !== null && pid !== undefined && processState(pid) !== "gone";
}

/** Starts an application unless it runs already; the caller saves the state. */
export function startAppProcess(state: LabState, app: AppName): number {
  if (appRunning(state, app)) return state.processes[app]!.pid!;
  const entry = appEntry(app);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const record = appRecord(state, app);
  record.pid = spawnDetached({
    name: app,
    command: record.command,
    args: record.args,
    logFile: record.logFile,
    pidFile: record.pidFile,
  });
  state.processes[app] = record;
  appendTimeline(state.attemptDir, { event: "app-start", detail: { app, pid: record.pid } });
  return record.pid;
}

/** Stops an application with SIGTERM so it flushes its ledger and commits; SIGKILL after 6 s. */
export async function stopAppProcess(state: LabState, app: AppName): Promise<boolean> {
  const record = state.processes[app];
  if (!record?.pid || processState(record.pid) === "gone") return false;
  await endProcesses([record.pid], 6000);
  appendTimeline(state.attemptDir, { event: "app-stop", detail: { app, pid: record.pid } });
  record.pid = null;
  return true;
}
