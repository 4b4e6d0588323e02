/** Grading a running drill and keeping the result, and the hints the learner asks for. */
import { openStore, progressDbPath } from "../../store/index.js";
import type { LabState } from "../attempt/state.js";
import { appendTimeline, readTimeline } from "../attempt/timeline.js";
import type { LabDefinition } from "../definition/schema.js";
import { gradeLab, hintsUsed, type GradeOptions, type GradeReport } from "../grade.js";
import { runtimeFor } from "../runtime/runtimes.js";

/**
 * Grades the drill as it stands, stores the report and the timeline in the progress store
 * (`lab_attempt`: a later grade of the same drill replaces it), and records the grade on the timeline.
 */
export async function gradeAndRecord(
  home: string,
  state: LabState,
  lab: LabDefinition,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const { report, timeline } = await gradeLab(state, lab, runtimeFor(state.runtime), options);
  // A rule set other than the learner's latest is a comparison, not the drill's grade: not kept.
  if (options.ruleset) return report;
  const store = openStore(progressDbPath(home));
  try {
    store.saveLabAttempt({
      uid: report.attempt,
      lab: report.lab,
      startedAt: Date.parse(report.startedAt),
      gradedAt: Date.parse(report.gradedAt),
      score: report.score,
      maxScore: report.maxScore,
      percent: report.percent,
      passed: report.passed,
      hintsUsed: report.hintsUsed,
      report,
      timeline,
    });
  } finally {
    store.close();
  }
  appendTimeline(state.attemptDir, {
    event: "graded",
    detail: { score: report.score, passed: report.passed },
  });
  return report;
}

export type HintResult =
  { shown: true; number: number; of: number; cost: number; text: string } | { shown: false; used: number };

/** The next hint of the lab, recorded on the timeline (each one costs points); none when all are shown. */
export function takeHint(state: LabState, lab: LabDefinition): HintResult {
  const used = hintsUsed(readTimeline(state.attemptDir));
  const next = lab.hints[used];
  if (next === undefined) return { shown: false, used };
  appendTimeline(state.attemptDir, { event: "hint", detail: { index: used + 1 } });
  return { shown: true, number: used + 1, of: lab.hints.length, cost: lab.hintCost, text: next };
}
