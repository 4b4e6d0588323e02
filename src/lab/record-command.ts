/**
 * Run by the lab's `kafka-*` wrappers after the tool has ended:
 * `node record-command.js ATTEMPT_DIR TOOL STARTED ENDED EXIT [ARGS...]` (the times as `date +%s%N`
prints them), the arguments as argv, never
 * through a shell string. It appends the command to the drill's timeline and never fails: when the
 * attempt folder is gone, nothing is recorded and the learner still gets the tool's own exit code.
 */
import { readFileSync } from "node:fs";
import { commandDetail, parseStamp, regionAddresses } from "./attempt/commands.js";
import { attemptPaths } from "./attempt/paths.js";
import type { LabState } from "./attempt/state.js";
import { appendTimeline } from "./attempt/timeline.js";

function record(argv: string[]): void {
  const [attemptDir, tool, started, ended, exit, ...args] = argv;
  if (!attemptDir || !tool || started === undefined || ended === undefined || exit === undefined) return;
  const state = JSON.parse(readFileSync(attemptPaths(attemptDir).state, "utf8")) as LabState;
  const endedMs = parseStamp(ended) ?? Date.now();
  const startedMs = Math.min(parseStamp(started) ?? endedMs, endedMs);
  const addresses = regionAddresses(state.layout, process.env);
  const detail = commandDetail(tool, args, Number(exit), (endedMs - startedMs) / 1000, addresses);
  appendTimeline(attemptDir, { event: "command", detail }, new Date(startedMs));
}

try {
  record(process.argv.slice(2));
} catch {
  // Recording is best effort: a missing or damaged attempt never turns into the tool's failure.
}
