import type { StatsReport } from "./stats.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const BARS = " ▁▂▃▄▅▆▇█";

/** One block character per value, scaled to `max` (the largest value unless given); `·` for zero. */
export function sparkline(counts: readonly number[], max = Math.max(...counts, 0)): string {
  if (max === 0) return "·".repeat(counts.length);
  return counts.map((c) => (c === 0 ? "·" : BARS[Math.max(1, Math.round((c / max) * 8))])).join("");
}

export interface StatsContext {
  database: string;
  /** The pack whose blueprint the readiness follows; null when none is installed. */
  pack: string | null;
  passPercent: number;
}

/** The stats report as the plain text `ccaak-train stats` prints and the stats screen shows. */
export function formatStats(r: StatsReport, context: StatsContext): string {
  const lines: string[] = [];
  const reviews30 = r.reviewsPerDay.reduce((s, d) => s + d.count, 0);
  lines.push(`Progress (${context.database})`);
  lines.push(
    `  Due now ${r.dueNow}   due today ${r.dueToday}   new left today ${r.newLeftToday}   streak ${r.streakDays} day${r.streakDays === 1 ? "" : "s"}`,
  );
  lines.push(`  Seen ${r.seen} of ${r.questions} questions, ${r.totalReviews} reviews in all`);
  lines.push(`  Last 30 days ${sparkline(r.reviewsPerDay.map((d) => d.count))} ${reviews30} reviews`);
  lines.push("");
  if (r.domains.length === 0) {
    lines.push("Readiness: no question pack with a blueprint is installed.");
  } else {
    lines.push(
      `Readiness (${context.pack} blueprint): predicted exam score ${pct(r.predictedScore)}, pass mark ${context.passPercent}%`,
    );
    const width = Math.max(6, ...r.domains.map((d) => d.name.length));
    lines.push(`  ${"domain".padEnd(width)}  weight  seen       mastered  expected`);
    for (const d of r.domains) {
      lines.push(
        `  ${d.name.padEnd(width)}  ${`${d.weight}%`.padStart(6)}  ${`${d.seen}/${d.questions}`.padEnd(9)}  ${pct(d.mastery).padStart(8)}  ${pct(d.expected).padStart(8)}`,
      );
    }
    lines.push(`  (unseen questions count at ${pct(r.unseenPrior)}; see docs/readiness.md)`);
  }
  lines.push("");
  if (r.exams.length === 0) {
    lines.push("Mock exams: none yet.");
  } else {
    lines.push("Last mock exams");
    for (const e of r.exams) {
      const when = new Date(e.submittedAt ?? e.startedAt).toISOString().slice(0, 16).replace("T", " ");
      const verdict = e.passed ? "passed" : "not passed";
      lines.push(
        `  ${when}  ${e.correct}/${e.total}  ${Math.round(e.percent)}%  ${verdict}${e.timedOut ? " (time ran out)" : ""}`,
      );
    }
  }
  return lines.join("\n");
}
