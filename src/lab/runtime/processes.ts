/**
 * Detached processes with pid files and their own process groups, so a lab outlives the command that
 * started it and `lab stop` (or the next `lab start`) can always find and end everything.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ProcessState, ProcessStatus } from "../attempt/liveness.js";
import type { LabState } from "../attempt/state.js";
import { waitFor } from "../wait.js";

/** Every lab process carries this in its command line, so stale ones can be found after a crash. */
export function labMarker(home: string): string {
  return `-Dccaak.home=${home}`;
}

export interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function spawnDetached(spec: SpawnSpec): number {
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const fd = openSync(spec.logFile, "a");
  try {
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: spec.env ?? process.env,
      cwd: spec.cwd,
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);
    child.on("error", () => {});
    child.unref();
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** Linux `/proc/<pid>/stat` field 3: R/S/D running or sleeping, T stopped, Z zombie. */
export function processState(pid: number): ProcessState {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return "gone";
    return state === "T" ? "frozen" : "running";
  } catch {
    if (process.platform === "linux") return "gone";
  }
  try {
    const stat = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    if (!stat || stat.startsWith("Z")) return "gone";
    return stat.startsWith("T") ? "frozen" : "running";
  } catch {
    return "gone";
  }
}

export function isAlive(pid: number): boolean {
  return processState(pid) !== "gone";
}

/** Signal a whole process group (the process and anything it started); false when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Whether a process has exited completely. A killed JVM's main thread turns zombie while its other
 * threads are still unwinding and its memory is still held, so on Linux only a pid gone from /proc counts.
 */
export function hasExited(pid: number): boolean {
  return process.platform === "linux" ? !existsSync(`/proc/${pid}`) : !isAlive(pid);
}

/** SIGTERM (unless `graceMs` is 0), then SIGKILL whatever is still there; resolves once all have exited. */
export async function endProcesses(pids: number[], graceMs: number): Promise<void> {
  const alive = () => pids.filter((p) => isAlive(p));
  if (graceMs > 0) {
    for (const pid of alive()) {
      signalGroup(pid, "SIGCONT");
      signalGroup(pid, "SIGTERM");
    }
    await waitFor(() => alive().length === 0, graceMs);
  }
  for (const pid of alive()) signalGroup(pid, "SIGKILL");
  const gone = await waitFor(() => alive().length === 0, 10_000);
  if (!gone) throw new Error(`processes ${alive().join(", ")} did not exit after SIGKILL`);
  await waitFor(() => pids.every(hasExited), 10_000, 50);
}

/** Processes of this lab home still running, found by the marker in their command lines. */
export function findMarkedProcesses(home: string): number[] {
  const marker = labMarker(home);
  let listing: string;
  try {
    listing = execFileSync("ps", ["-ww", "-eo", "pid=,args="], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const line of listing.split("\n")) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const pid = Number(match[1]);
    if (pid === process.pid) continue;
    if (`${match[2]} `.includes(`${marker} `)) pids.push(pid);
  }
  return pids;
}

/** A process of the lab that runs on this machine, by its recorded pid (a local node, an application). */
export function recordedStatus(state: LabState, name: string): ProcessStatus {
  const pid = state.processes[name]?.pid;
  if (!pid) return { pid: null, state: "gone" };
  return { pid, state: processState(pid) };
}
