/** Minutes left at which the exam warns, most urgent last. */
export const EXAM_WARNINGS = [30, 15, 5] as const;

/** The warning in force: the smallest threshold the time left has gone under, or null. */
export function examWarning(remaining: number): number | null {
  const under = EXAM_WARNINGS.filter((m) => remaining <= m * 60_000);
  return under.length > 0 ? under[under.length - 1]! : null;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}
