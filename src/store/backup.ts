import fs from "node:fs";
import path from "node:path";
import type { Database } from "better-sqlite3";

/** The rolling copy taken at most once a day by `backupIfStale`. */
export const dailyBackupPath = (file: string): string => `${file}.bak`;
/** The copy taken before migrating a database at schema version `version`. */
export const migrationBackupPath = (file: string, version: number): string => `${file}.bak-v${version}`;

/**
 * Writes a consistent copy of the open database to `target`: VACUUM INTO a temporary file, then an
 * atomic rename, so a crash mid-copy never leaves a half-written backup under the real name.
 */
export function copyDatabase(db: Database, target: string): void {
  const temp = `${target}.tmp-${process.pid}`;
  fs.rmSync(temp, { force: true });
  try {
    db.prepare("VACUUM INTO ?").run(temp);
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The newest backup of `file` (by modification time), or null when there is none. */
export function latestBackup(file: string): string | null {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.bak`;
  let best: { path: string; mtime: number } | null = null;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || name.includes(".tmp-")) continue;
    const full = path.join(dir, name);
    try {
      const mtime = fs.statSync(full).mtimeMs;
      if (!best || mtime > best.mtime) best = { path: full, mtime };
    } catch {
      // vanished between listing and stat: not a candidate
    }
  }
  return best?.path ?? null;
}
