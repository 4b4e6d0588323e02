import type { Database } from "better-sqlite3";
import { dayStart } from "../study/days.js";

/** Reviews per day number (see study/days) from `since` on, for a zone `utcOffsetMinutes` ahead of UTC. */
export function reviewsPerDay(db: Database, since: number, utcOffsetMinutes: number): Map<number, number> {
  const rows = db
    .prepare(
      "SELECT (at + CAST(? AS INTEGER)) / 86400000 AS day, count(*) AS n FROM review WHERE at >= ? GROUP BY day",
    )
    .all(utcOffsetMinutes * 60_000, since) as { day: number; n: number }[];
  return new Map(rows.map((r) => [r.day, r.n]));
}

/**
 * The days of the current run of days with reviews: walking back from `today` (or from yesterday when
 * today has none yet) while each day has a review. One index probe per day, so a long log costs
 * nothing extra.
 */
export function streakDays(db: Database, today: number, utcOffsetMinutes: number): number[] {
  const probe = db.prepare("SELECT 1 FROM review WHERE at >= ? AND at < ? LIMIT 1").pluck();
  const has = (day: number) =>
    probe.get(dayStart(day, utcOffsetMinutes), dayStart(day + 1, utcOffsetMinutes)) !== undefined;
  const days: number[] = [];
  let day = has(today) ? today : today - 1;
  while (has(day)) {
    days.push(day);
    day -= 1;
  }
  return days;
}
