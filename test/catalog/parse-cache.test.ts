import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPacks } from "../../src/catalog/index.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/good-pack");

function homeWithPack() {
  const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-cache-"));
  cpSync(fixture, path.join(home, "packs", "good-pack"), { recursive: true });
  return home;
}

const installed = async (home: string) =>
  (await loadPacks({ home, bundledDir: path.join(home, "none") })).packs.find(
    (p) => p.manifest.id === "good-pack",
  )!;

describe("the question parse cache", () => {
  it("gives the same packs from the cache as from parsing", async () => {
    const home = homeWithPack();
    const parsed = await loadPacks({ home, cache: false, bundledDir: path.join(home, "none") });
    await loadPacks({ home, bundledDir: path.join(home, "none") });
    expect(JSON.parse(readFileSync(path.join(home, "cache/questions.json"), "utf8")).entries).not.toEqual({});
    const cached = await loadPacks({ home, bundledDir: path.join(home, "none") });
    expect(cached).toEqual(parsed);
  });

  it("parses a file again when it changes", async () => {
    const home = homeWithPack();
    expect((await installed(home)).questions.find((q) => q.id === "good-pack/order")!.difficulty).toBe(
      "hard",
    );
    const file = path.join(home, "packs/good-pack/order.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("difficulty: hard", "difficulty: easy"));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect((await installed(home)).questions.find((q) => q.id === "good-pack/order")!.difficulty).toBe(
      "easy",
    );
  });

  it("ignores a damaged cache file", async () => {
    const home = homeWithPack();
    await installed(home);
    writeFileSync(path.join(home, "cache/questions.json"), "{ not json");
    expect((await installed(home)).questions).toHaveLength(4);
  });
});
