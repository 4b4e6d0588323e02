import { sparkline } from "./format-stats.js";
import type { ExamPlan, PlanDay } from "./plan.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const CHART_WIDTH = 60;

/** At most `width` buckets of consecutive days, each summarised by `pick`. */
function buckets(days: readonly PlanDay[], width: number, pick: (group: PlanDay[]) => number): number[] {
  const size = Math.max(1, Math.ceil(days.length / width));
  const out: number[] = [];
  for (let i = 0; i < days.length; i += size) out.push(pick(days.slice(i, i + size)));
  return out;
}

/** A short date as the home screen and the plan print it: `Jan 7`. */
export function shortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

/** The one line the home screen shows about the plan. */
export function planLine(plan: ExamPlan): string {
  const exam = `Exam ${shortDate(plan.examDate)} (${plan.daysLeft} day${plan.daysLeft === 1 ? "" : "s"})`;
  const pace =
    plan.unseen === 0 && plan.newLeftToday === 0
      ? "every question seen"
      : `${plan.newToday} new today to finish the bank by ${shortDate(plan.firstSeenBy)}`;
  const stretch = plan.finalStretch ? " · final stretch" : "";
  return `${exam}: ${pace}${stretch} · predicted ${pct(plan.onExamDay.predicted)} on the day`;
}

/** `ccaak-train plan` as text: the forecast, two charts and the days. */
export function formatPlan(plan: ExamPlan, passPercent: number): string {
  const lines: string[] = [];
  lines.push(planLine(plan));
  lines.push(
    `  Predicted score: ${pct(plan.today.predicted)} today, ${pct(plan.onExamDay.predicted)} on ${plan.examDate} if you follow the plan (pass mark ${passPercent}%)`,
  );
  lines.push("");
  const width = Math.max(...plan.onExamDay.domains.map((d) => d.name.length), 6);
  lines.push(`  ${"Domain".padEnd(width)}  today  exam day  weight`);
  plan.today.domains.forEach((d, i) => {
    const onDay = plan.onExamDay.domains[i]!;
    lines.push(
      `  ${d.name.padEnd(width)}  ${pct(d.expected).padStart(5)}  ${pct(onDay.expected).padStart(8)}  ${`${d.weight}%`.padStart(6)}`,
    );
  });
  if (plan.days.length === 0) {
    lines.push("", "  The exam is today: nothing left to plan.");
    return lines.join("\n");
  }
  const load = buckets(plan.days, CHART_WIDTH, (g) => Math.max(...g.map((d) => d.minutes)));
  const score = buckets(plan.days, CHART_WIDTH, (g) => g.at(-1)!.predicted);
  const perColumn = Math.ceil(plan.days.length / CHART_WIDTH);
  const scale = perColumn > 1 ? ` (one column: ${perColumn} days)` : "";
  lines.push("");
  lines.push(`  Daily load   ${sparkline(load)}  up to ${Math.max(...load)} min${scale}`);
  lines.push(`  Predicted    ${sparkline(score, 1)}  ${pct(score[0]!)} → ${pct(score.at(-1)!)}`);
  lines.push("");
  lines.push(
    `  ${"date".padEnd(10)}  ${"new".padStart(4)}  ${"reviews".padStart(7)}  ${"minutes".padStart(7)}  predicted`,
  );
  for (const d of plan.days) {
    lines.push(
      `  ${d.date}  ${String(d.new).padStart(4)}  ${String(d.reviews).padStart(7)}  ${String(d.minutes).padStart(7)}  ${pct(d.predicted).padStart(9)}${d.stretch ? "  final stretch" : ""}`,
    );
  }
  lines.push("");
  lines.push(
    `  Minutes at ${Math.round(plan.answerSeconds)} s per answer. A forecast of this question bank under the plan, not of the real exam.`,
  );
  return lines.join("\n");
}
