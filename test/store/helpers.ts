import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openStore, type OpenOptions, type Store } from "../../src/store/index.js";

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
