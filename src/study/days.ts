/** Calendar days in the learner's time zone, as whole numbers, so counting them needs no clock. */
export const DAY_MS = 86_400_000;

/** The day number of an instant, for a zone `utcOffsetMinutes` ahead of UTC (e.g. +60 for CET). */
export function dayNumber(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS);
}

/** The first instant of a day number in that zone. */
export function dayStart(day: number, utcOffsetMinutes: number): number {
  return day * DAY_MS - utcOffsetMinutes * 60_000;
}

/** `YYYY-MM-DD` of a day number. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Consecutive days with at least one review, ending today; a streak still counts through yesterday
 * while today has no review yet (the day is not over).
 */
export function streak(reviewDays: Iterable<number>, today: number): number {
  const days = new Set(reviewDays);
  let day = days.has(today) ? today : today - 1;
  let count = 0;
  while (days.has(day)) {
    count += 1;
    day -= 1;
  }
  return count;
}

/** Counts for each of the last `n` days up to today, oldest first, zero where nothing happened. */
export function lastDays(
  counts: ReadonlyMap<number, number>,
  today: number,
  n: number,
): { day: string; count: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const day = today - (n - 1) + i;
    return { day: dayLabel(day), count: counts.get(day) ?? 0 };
  });
}

/** `YYYY-MM-DD` of an instant in the zone this process runs in (the learner's). */
export function localDateLabel(ms: number): string {
  return dayLabel(dayNumber(ms, -new Date(ms).getTimezoneOffset()));
}
