import type { Database } from "better-sqlite3";
import { copyDatabase, migrationBackupPath } from "./backup.js";
import { StoreTooNewError } from "./errors.js";
import type { Migration } from "./migrations/index.js";

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating, or null when there was nothing to keep. */
  backup: string | null;
}

/** Throws unless versions start at 1 or above and strictly increase. */
export function checkMigrations(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(
        `migration ${m.version}-${m.name} is out of order: versions must strictly increase from 1`,
      );
    }
    last = m.version;
  }
}

export const userVersion = (db: Database): number => db.pragma("user_version", { simple: true }) as number;

/**
 * Brings the database to the newest schema. A database newer than the code is refused before anything
 * is written. A database holding data is copied to `<file>.bak-v<N>` first. All pending migrations and
 * the new `user_version` are applied in one IMMEDIATE transaction, which re-reads the version so two
 * processes opening the same new file at once migrate it only once.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[]): MigrationReport {
  checkMigrations(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = userVersion(db);
  if (from > latest) throw new StoreTooNewError(file, from, latest);
  if (from === latest) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (from > 0 && file !== ":memory:") {
    backup = migrationBackupPath(file, from);
    copyDatabase(db, backup);
  }
  const apply = db.transaction(() => {
    const current = userVersion(db);
    if (current > latest) throw new StoreTooNewError(file, current, latest);
    for (const m of migrations) {
      if (m.version <= current) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
  return { from, to: latest, backup };
}
