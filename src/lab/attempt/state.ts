/** The running lab's state, `state.json` in the attempt folder, and the pointer to the current attempt. */
import { existsSync, readFileSync } from "node:fs";
import type { LabLayout } from "../layout.js";
import type { CdsArchives } from "../runtime/cds.js";
import type { LabTopology, Region } from "../spec.js";
import { readJson, writeJsonAtomic } from "./json-file.js";
import { attemptPaths, pointerFile } from "./paths.js";

export type RuntimeKind = "local" | "docker";

export type ProcessKind = "node" | "mm2" | "app" | "prometheus";

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
  runtime: RuntimeKind;
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
  /** Class-data archives per JVM role (absent in attempts started before there were any). */
  cds?: CdsArchives;
  processes: Record<string, ProcessRecord>;
  /** Drills run on these clusters so far: `lab reset` starts the next one without restarting Kafka. */
  drill?: number;
}

export function saveState(state: LabState): void {
  writeJsonAtomic(attemptPaths(state.attemptDir).state, state);
  writeJsonAtomic(pointerFile(state.home), { attemptDir: state.attemptDir });
}

export function currentAttemptDir(home: string): string | null {
  return readJson<{ attemptDir?: string }>(pointerFile(home))?.attemptDir ?? null;
}

export function loadState(home: string): LabState | null {
  const attemptDir = currentAttemptDir(home);
  if (!attemptDir) return null;
  const file = attemptPaths(attemptDir).state;
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as LabState;
}
