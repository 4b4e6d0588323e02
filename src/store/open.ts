import fs from "node:fs";
import path from "node:path";
import Database, { type Database as Db } from "better-sqlite3";
import { migrate } from "./migrate.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";
import { asStoreError, setWalMode, verify } from "./sqlite-file.js";
import { Store } from "./store.js";

/** Where the progress database lives inside `CCAAK_HOME`. */
export const progressDbPath = (home: string): string => path.join(home, "progress.db");

export interface OpenOptions {
  /** For tests of the migration runner; the real list by default. */
  migrations?: readonly Migration[];
  /** How long a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * Run `PRAGMA quick_check` over the whole file (about 80 ms for 100,000 reviews). Without it, opening
   * reads only the header and schema; damage deeper in the file surfaces on the first read of the
   * damaged page, as the same error (see `asStoreError`).
   */
  verify?: boolean;
}

/**
 * Opens (creating if needed) the progress database and brings it to the current schema.
 *
 * Durability: WAL with `synchronous=NORMAL`. A commit appends the transaction to the WAL file with
 * write() before `commit` returns, so it sits in the kernel's page cache: a process killed right after
 * (SIGKILL included) loses nothing, and the next open replays the WAL. Only an OS crash or power cut
 * can lose the last commits, never corrupt the file. FULL would add an fsync to every answer (several
 * milliseconds on a busy disk) to cover that case too, which is not worth it for a study log.
 *
 * A file that is not a database, is damaged or cannot be opened raises `StoreCorruptError` naming the
 * newest backup; the file itself is never replaced or repaired.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db | undefined;
  try {
    db = new Database(file);
    const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    setWalMode(db, busyTimeoutMs);
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
    if (options.verify) verify(db);
    const report = migrate(db, file, options.migrations ?? MIGRATIONS);
    return new Store(db, file, report);
  } catch (error) {
    db?.close();
    throw asStoreError(error, file) ?? error;
  }
}
