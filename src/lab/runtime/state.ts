/**
 * The running lab's state on disk: `CCAAK_HOME/labs/current.json` names the attempt folder, which holds
 * `state.json`, the timeline, configs, logs, pid files, data and the applications' ledgers.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { LabTopology, Region } from "../spec.js";
import type { LabLayout } from "./layout.js";

export type ProcessKind = "node" | "mm2" | "app";

export interface ProcessRecord {
  name: string;
  kind: ProcessKind;
  pid: number | null;
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
}

export interface LabState {
  version: 1;
  labId: string;
  runtime: "local" | "docker";
  home: string;
  attemptDir: string;
  startedAt: string;
  phase: "starting" | "running" | "stopped";
  spec: LabTopology;
  layout: LabLayout;
  clusterIds: Record<Region, string>;
  javaBin: string;
  libsDir: string;
  kafkaVersion: string;
  processes: Record<string, ProcessRecord>;
  /** Drills run on these clusters so far: `lab reset` starts the next one without restarting Kafka. */
  drill?: number;
}

export interface TimelineEvent {
  at: string;
  event: string;
  detail?: Record<string, unknown>;
}

export const labsDir = (home: string) => path.join(home, "labs");
const pointerFile = (home: string) => path.join(labsDir(home), "current.json");

export const attemptPaths = (attemptDir: string) => ({
  state: path.join(attemptDir, "state.json"),
  timeline: path.join(attemptDir, "timeline.jsonl"),
  config: path.join(attemptDir, "config"),
  logs: path.join(attemptDir, "logs"),
  run: path.join(attemptDir, "run"),
  data: path.join(attemptDir, "data"),
  bin: path.join(attemptDir, "bin"),
  apps: path.join(attemptDir, "apps"),
  dns: path.join(attemptDir, "dns.json"),
});

export function newAttemptDir(home: string, labId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return path.join(labsDir(home), "attempts", `${stamp}-${labId}`);
}

function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(scratch, file);
}

export function saveState(state: LabState): void {
  writeJsonAtomic(attemptPaths(state.attemptDir).state, state);
  writeJsonAtomic(pointerFile(state.home), { attemptDir: state.attemptDir });
}

export function currentAttemptDir(home: string): string | null {
  const file = pointerFile(home);
  if (!existsSync(file)) return null;
  try {
    const { attemptDir } = JSON.parse(readFileSync(file, "utf8")) as { attemptDir?: string };
    return attemptDir ?? null;
  } catch {
    return null;
  }
}

export function loadState(home: string): LabState | null {
  const attemptDir = currentAttemptDir(home);
  if (!attemptDir) return null;
  const file = attemptPaths(attemptDir).state;
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as LabState;
}

export function clearCurrent(home: string): void {
  rmSync(pointerFile(home), { force: true });
}

export function appendTimeline(attemptDir: string, event: string, detail?: Record<string, unknown>): void {
  const entry: TimelineEvent = { at: new Date().toISOString(), event, ...(detail ? { detail } : {}) };
  appendFileSync(attemptPaths(attemptDir).timeline, `${JSON.stringify(entry)}\n`);
}

export function readTimeline(attemptDir: string): TimelineEvent[] {
  const file = attemptPaths(attemptDir).timeline;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TimelineEvent);
}
