import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openStore, type OpenOptions, type Store } from "../../src/store/index.js";
import { T0 } from "../study/factory.js";

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccaak-store-"));
  dirs.push(dir);
  return dir;
}

/** Opens a store that is closed after the test. */
export function open(file: string, options?: OpenOptions): Store {
  const store = openStore(file, options);
  stores.push(store);
  return store;
}

export const repoRoot = path.resolve(import.meta.dirname, "../..");
/** The built store, for child processes (run `npm run build` first). */
export const distStore = path.join(repoRoot, "dist/store/index.js");
export const distMain = path.join(repoRoot, "dist/bin/main.js");

/** A progress file with `reviews` answers over 50 questions and its daily backup. */
export function fillStore(file: string, reviews: number): void {
  const store = openStore(file);
  try {
    for (let i = 0; i < reviews; i++) {
      store.recordAnswer({
        questionId: `p/q${i % 50}`,
        at: T0 + i * 60_000,
        mode: "study",
        answer: { type: "single", choice: 0 },
        correct: true,
        rating: 3,
        durationMs: 1000,
      });
    }
    store.backupIfStale(T0 + reviews * 60_000);
  } finally {
    store.close();
  }
}

/** Scribbles over five pages in the middle of the file (review log pages), keeping header and schema valid. */
export function damageMiddlePages(file: string): void {
  const size = fs.statSync(file).size;
  if (size < 20 * 4096) throw new Error("the file is too small to damage in the middle");
  const fd = fs.openSync(file, "r+");
  const junk = Buffer.alloc(5 * 4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
  fs.writeSync(fd, junk, 0, junk.length, Math.floor(size / 4096 / 2) * 4096);
  fs.closeSync(fd);
}
