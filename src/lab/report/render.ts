/** A graded drill rendered in the format asked for. Pure. */
import type { TimelineEvent } from "../attempt/timeline.js";
import type { GradeReport } from "../grade.js";
import { reportDocument } from "./document.js";
import { htmlReport } from "./html.js";
import { markdownReport } from "./markdown.js";
import { chartNote, type ChartData } from "./series.js";
import { chartSvg } from "./svg.js";

export const REPORT_FORMATS = ["md", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface DrillRecord {
  report: GradeReport;
  timeline: TimelineEvent[];
  chart: ChartData;
}

export function renderReport(format: ReportFormat, { report, timeline, chart }: DrillRecord): string {
  const doc = reportDocument({ report, timeline, startMs: chart.startMs });
  const render = format === "html" ? htmlReport : markdownReport;
  return render(doc, chartSvg(chart), chartNote(chart));
}
