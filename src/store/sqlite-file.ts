import type { Database as Db } from "better-sqlite3";
import { latestBackup } from "./backup.js";
import { StoreCorruptError } from "./errors.js";

const UNREADABLE = new Set(["SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH"]);

/**
 * A SQLite error about the file itself (not a database, damaged, unreadable) as a `StoreCorruptError`
 * naming the file and its newest backup; null for any other error. Commands pass errors through this.
 */
export function asStoreError(error: unknown, file: string): StoreCorruptError | null {
  if (error instanceof StoreCorruptError) return error;
  const problem = fileProblem(error);
  return problem ? new StoreCorruptError(file, problem, latestBackup(file)) : null;
}

/** Why SQLite could not use the file, in words, or null for an error that is not about the file. */
function fileProblem(error: unknown): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_NOTADB")
    return "it is not a SQLite database (damaged, or overwritten by another file)";
  if (code.startsWith("SQLITE_CORRUPT")) return "it is damaged (SQLite reports corruption)";
  if (UNREADABLE.has(code) || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY")) {
    return "it cannot be opened for reading and writing (check that it is a file and its permissions)";
  }
  if (code.startsWith("SQLITE_IOERR")) return `reading it failed (${code})`;
  return null;
}

/**
 * SQLite answers a change of journal mode with SQLITE_BUSY at once, without its busy handler, while
 * another process is creating the same new file; so the switch is retried for the busy timeout.
 */
export function setWalMode(db: Db, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

export function verify(db: Db): void {
  const check = db.pragma("quick_check(1)", { simple: true });
  if (check !== "ok") throw Object.assign(new Error(String(check)), { code: "SQLITE_CORRUPT" });
}
