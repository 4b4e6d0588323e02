/**
 * `lab hint`, `grade`, `report` and `history`: the drill's score, the hints that cost points, the
 * report to file, past grades.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gradeAndRecord, takeHint } from "../../../lab/control/grading.js";
import { reportRunningDrill, reportStoredDrill } from "../../../lab/control/report.js";
import type { GradeReport } from "../../../lab/grade.js";
import { renderReport, REPORT_FORMATS, type ReportFormat } from "../../../lab/report/render.js";
import { openStore, progressDbPath } from "../../../store/index.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { formatGrade, formatHistoryRow, toJson } from "./format.js";
import { runningLab } from "./shared.js";

export function hint(ctx: CommandContext, args: string[]): number {
  if (args.length > 0) throw new UsageError("lab hint takes no arguments");
  const { state, lab } = runningLab(ctx.home);
  const hint = takeHint(state, lab);
  if (!hint.shown) {
    ctx.out(hint.used === 0 ? "This lab has no hints." : `No more hints: all ${hint.used} are shown.`);
    return EXIT.ok;
  }
  ctx.out(`Hint ${hint.number} of ${hint.of} (-${hint.cost} points): ${hint.text}`);
  return EXIT.ok;
}

export async function grade(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean" }, rules: { type: "string" } },
  });
  const { state, lab } = runningLab(ctx.home);
  if (lab.checks.length === 0) {
    ctx.out(`Lab ${lab.id} has no graded checks.`);
    return EXIT.ok;
  }
  const report = await gradeAndRecord(ctx.home, state, lab, values.rules ? { ruleset: values.rules } : {});
  ctx.out(values.json ? toJson(report) : formatGrade(report));
  return report.passed ? EXIT.ok : EXIT.failed;
}

/**
 * The drill as a document: the running drill is graded now and the grade stored (as `lab grade`);
 * `--attempt ID` reports a stored grade instead. Markdown by default, to stdout unless `--out`.
 */
export async function report(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: "string" }, out: { type: "string" }, attempt: { type: "string" } },
  });
  const format = values.format ?? "md";
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    throw new UsageError(`--format is one of ${REPORT_FORMATS.join(", ")} (got ${format})`);
  let drill;
  if (values.attempt !== undefined) drill = reportStoredDrill(ctx.home, values.attempt);
  else {
    const { state, lab } = runningLab(ctx.home);
    if (lab.checks.length === 0) {
      ctx.out(`Lab ${lab.id} has no graded checks: there is nothing to report.`);
      return EXIT.ok;
    }
    drill = await reportRunningDrill(ctx.home, state, lab);
  }
  const text = renderReport(format as ReportFormat, drill);
  if (values.out === undefined) {
    ctx.out(text);
    return EXIT.ok;
  }
  writeFileSync(values.out, text);
  ctx.out(
    `Report of ${drill.report.attempt} (${drill.report.score}/${drill.report.maxScore}) written to ${path.resolve(values.out)}`,
  );
  return EXIT.ok;
}

export function history(ctx: CommandContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  const store = openStore(progressDbPath(ctx.home));
  try {
    const attempts = store.labAttempts(positionals[0] ? { lab: positionals[0] } : {});
    if (values.json) {
      ctx.out(toJson(attempts.map(({ timeline: _t, ...rest }) => rest)));
      return EXIT.ok;
    }
    if (attempts.length === 0) {
      ctx.out("No graded lab attempts yet.");
      return EXIT.ok;
    }
    for (const a of attempts) ctx.out(formatHistoryRow(a, (a.report as GradeReport).measured));
    return EXIT.ok;
  } finally {
    store.close();
  }
}
