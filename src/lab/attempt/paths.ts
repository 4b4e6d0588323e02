/**
 * Where an attempt lives: `CCAAK_HOME/labs/current.json` names the attempt folder
 * (`labs/attempts/<stamp>-<lab>/`), which holds `state.json`, the timeline, configs, logs, pid files,
 * data and the applications' files.
 */
import path from "node:path";

export const labsDir = (home: string) => path.join(home, "labs");
export const pointerFile = (home: string) => path.join(labsDir(home), "current.json");

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

/** The properties MirrorMaker 2 runs (or last ran) with in this attempt: the lab's or the learner's. */
export const mm2PropertiesFile = (attemptDir: string) =>
  path.join(attemptPaths(attemptDir).config, "mm2.properties");

export function newAttemptDir(home: string, labId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return path.join(labsDir(home), "attempts", `${stamp}-${labId}`);
}
