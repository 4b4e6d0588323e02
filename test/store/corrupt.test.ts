import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asStoreError, openStore, StoreCorruptError, type OpenOptions } from "../../src/store/index.js";
import { T0 } from "../study/factory.js";
import { damageMiddlePages, fillStore, open, tempDir } from "./helpers.js";

function openError(file: string, options?: OpenOptions): StoreCorruptError {
  try {
    openStore(file, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreCorruptError);
    return error as StoreCorruptError;
  }
  throw new Error("the damaged file opened");
}

describe("a damaged or unreadable database", () => {
  it("a file that is not a database: a clear error, no copy to offer, the file untouched", () => {
    const file = path.join(tempDir(), "progress.db");
    fs.writeFileSync(file, "these are my notes, not a database\n".repeat(200));
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(error.message).toMatch(/left untouched/);
    expect(error.message).toMatch(/No earlier copy/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["progress.db"]);
  });

  it("a damaged header: the error names the last good copy, which opens with the data", () => {
    const file = path.join(tempDir(), "progress.db");
    fillStore(file, 100);
    const fd = fs.openSync(file, "r+");
    fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    fs.closeSync(fd);
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.lastGoodCopy).toBe(`${file}.bak`);
    expect(error.message).toContain(`The last good copy is ${file}.bak`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(open(`${file}.bak`).totalReviews()).toBe(100);
  });

  it("damaged pages inside the file: caught by a verified open, by a read, and never backed up", () => {
    const file = path.join(tempDir(), "progress.db");
    fillStore(file, 3000);
    damageMiddlePages(file);
    const before = fs.readFileSync(file);
    const backupBefore = fs.readFileSync(`${file}.bak`);
    const error = openError(file, { verify: true });
    expect(error.message).toMatch(/damaged|not a SQLite database/);
    expect(error.lastGoodCopy).toBe(`${file}.bak`);

    // A plain open reads only the header and schema; reading the damaged pages fails clearly.
    const store = openStore(file);
    let readError: unknown;
    try {
      store.exportProgress(T0);
    } catch (e) {
      readError = e;
    }
    expect(asStoreError(readError, file)?.message).toMatch(
      new RegExp(`${file}.*damaged.*last good copy is ${file}\\.bak`),
    );
    // The daily backup checks the file first, so the good copy is not overwritten by a damaged one.
    expect(() => store.backupIfStale(Date.now(), 0)).toThrow(StoreCorruptError);
    store.close();
    expect(fs.readFileSync(`${file}.bak`).equals(backupBefore)).toBe(true);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it("a path that cannot be opened as a file gets a clear error", () => {
    const file = path.join(tempDir(), "progress.db");
    fs.mkdirSync(file);
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be opened/);
  });
});
