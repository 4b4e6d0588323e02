import type { Database } from "better-sqlite3";
import { resolveSettings, settingProblem, type Settings } from "../study/settings.js";

/** Settings as key → JSON value rows; unknown or invalid stored values fall back to the defaults. */
export function readSettings(db: Database): Settings {
  return resolveSettings(readRawSettings(db));
}

export function readRawSettings(db: Database): Record<string, unknown> {
  const rows = db.prepare("SELECT key, value FROM setting").all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    try {
      stored[key] = JSON.parse(value);
    } catch {
      // a value this version cannot read is treated as unset
    }
  }
  return stored;
}

/** Validates every value first, then writes them all in one transaction. */
export function writeSettings(db: Database, changes: Partial<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(changes)) {
    const problem = settingProblem(key, value);
    if (problem) throw new RangeError(problem);
  }
  const upsert = db.prepare(
    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) upsert.run(key, JSON.stringify(value));
  }).immediate();
}
