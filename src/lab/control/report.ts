/**
 * What `lab report` documents: the running drill graded now (and stored, as `lab grade` does), or a
 * stored grade, with the chart's numbers counted from the applications' ledgers as they are read.
 */
import { LabUserError } from "../errors.js";
import path from "node:path";
import { openStore, progressDbPath } from "../../store/index.js";
import { readJson } from "../attempt/json-file.js";
import { attemptPaths, labsDir } from "../attempt/paths.js";
import type { LabState } from "../attempt/state.js";
import { readTimeline, toTimelineEvents, type TimelineEvent } from "../attempt/timeline.js";
import { loadLabDefinition } from "../definition/bundled.js";
import type { LabDefinition } from "../definition/schema.js";
import { targetRegion, type GradeReport } from "../grade.js";
import type { DrillRecord } from "../report/render.js";
import { buildChart, LedgerTally } from "../report/series.js";
import type { Region } from "../spec.js";
import { APPS, appFiles } from "../workload/files.js";
import { ledgerEntries } from "../workload/ledger.js";
import { gradeAndRecord } from "./grading.js";

export class UnknownAttemptError extends LabUserError {}

function tallyLedgers(attemptDir: string, untilMs?: number): LedgerTally {
  const tally = new LedgerTally(untilMs);
  for (const app of APPS)
    for (const entry of ledgerEntries(appFiles(attemptDir, app).ledger)) tally.add(entry);
  return tally;
}

function record(
  report: GradeReport,
  timeline: TimelineEvent[],
  tally: LedgerTally | null,
  regions: { from: Region; to: Region },
): DrillRecord {
  return { report, timeline, chart: buildChart({ tally, timeline, report, ...regions }) };
}

/** Grades the running drill, stores the grade, and gathers its report. */
export async function reportRunningDrill(
  home: string,
  state: LabState,
  lab: LabDefinition,
): Promise<DrillRecord> {
  const report = await gradeAndRecord(home, state, lab);
  return record(report, readTimeline(state.attemptDir), tallyLedgers(state.attemptDir), {
    from: lab.topology.dns,
    to: targetRegion(lab),
  });
}

/**
 * A stored grade (`lab history --json` lists the ids). Its ledgers are counted while its attempt folder
 * still holds that drill: a `lab reset` clears them for the next one.
 */
export function reportStoredDrill(home: string, uid: string): DrillRecord {
  const store = openStore(progressDbPath(home));
  let stored;
  try {
    stored = store.labAttempt(uid);
  } finally {
    store.close();
  }
  if (!stored) throw new UnknownAttemptError(`no graded attempt "${uid}" (see \`ccaak-train lab history\`)`);
  const [folder = "", drill = "1"] = uid.split("#");
  const attemptDir = path.join(labsDir(home), "attempts", path.basename(folder));
  const state = readJson<LabState>(attemptPaths(attemptDir).state);
  const sameDrill = state !== null && String(state.drill ?? 1) === drill;
  const lab = loadLabDefinition(stored.lab);
  const from = lab?.topology.dns ?? "A";
  const timeline = toTimelineEvents(Array.isArray(stored.timeline) ? stored.timeline : []);
  return record(
    stored.report as GradeReport,
    timeline,
    sameDrill ? tallyLedgers(attemptDir, stored.gradedAt) : null,
    {
      from,
      to: lab ? targetRegion(lab) : from,
    },
  );
}
