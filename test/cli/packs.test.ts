import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

describe("ccaak-train packs", () => {
  it("adds, lists and removes a pack under CCAAK_HOME", () => {
    const home = tempHome();
    const added = runCli(["packs", "add", "test/fixtures/good-pack"], { home });
    expect(added.status).toBe(0);
    expect(added.stdout).toContain("installed good-pack 1.0.0 (4 questions)");
    expect(existsSync(path.join(home, "packs/good-pack/pack.yaml"))).toBe(true);

    const listed = JSON.parse(runCli(["packs", "list", "--json"], { home }).stdout);
    expect(listed.packs.map((p: { id: string; source: string }) => `${p.id}:${p.source}`)).toEqual([
      "ccaak-core:bundled",
      "good-pack:installed",
    ]);

    const again = runCli(["packs", "add", "test/fixtures/good-pack"], { home });
    expect(again.stdout).toContain("updated 1.0.0 to good-pack 1.0.0");

    const removed = runCli(["packs", "remove", "good-pack"], { home });
    expect(removed.status).toBe(0);
    expect(existsSync(path.join(home, "packs/good-pack"))).toBe(false);
  });

  it("refuses a pack with errors and says why", () => {
    const home = tempHome();
    const { status, stderr } = runCli(["packs", "add", "test/fixtures/broken-pack"], { home });
    expect(status).toBe(1);
    expect(stderr).toContain("domain-typo.md:4:9 error domain");
    expect(stderr).toContain("not installed: the pack has 21 errors");
    expect(existsSync(path.join(home, "packs/broken-pack"))).toBe(false);
  });

  it("refuses to shadow or remove a bundled pack", () => {
    const home = tempHome();
    expect(runCli(["packs", "add", "questions/ccaak-core"], { home }).stderr).toContain(
      "is the id of a bundled pack",
    );
    const removed = runCli(["packs", "remove", "ccaak-core"], { home });
    expect(removed.status).toBe(1);
    expect(removed.stderr).toContain("is a bundled pack and cannot be removed");
  });

  it("suggests the id of an installed pack on a typo", () => {
    const home = tempHome();
    runCli(["packs", "add", "test/fixtures/good-pack"], { home });
    const { status, stderr } = runCli(["packs", "remove", "god-pack"], { home });
    expect(status).toBe(1);
    expect(stderr).toContain('no installed pack "god-pack" (did you mean "good-pack"?)');
  });

  it("exits 2 on bad usage", () => {
    expect(runCli(["packs", "frobnicate"]).status).toBe(2);
    expect(runCli(["packs", "add"]).status).toBe(2);
  });
});
