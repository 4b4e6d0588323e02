import { describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

const DRILLS = [
  "active-active",
  "alerting",
  "auto-offset-sync",
  "durability",
  "failback",
  "mm2-restart",
  "mm2-setup",
  "offset-sync-lag",
  "planned-failover",
  "retention-gap",
  "unplanned-failover",
];

describe("lab list", () => {
  it("shows the eleven graded drills, then the sandbox apart", () => {
    const home = tempHome();
    const text = runCli(["lab", "list"], { home }).stdout;
    const [graded, explore] = text.split("\n\n");
    expect(graded).toMatch(/^Graded drills \(11\)\n/);
    expect([...graded!.matchAll(/^ {2}([a-z0-9-]+) {2,}/gm)].map((m) => m[1])).toEqual(DRILLS);
    expect(explore).toMatch(/^To explore, not graded\n {2}sandbox /);
    const rows = JSON.parse(runCli(["lab", "list", "--json"], { home }).stdout) as {
      id: string;
      graded: boolean;
    }[];
    expect(rows.filter((r) => r.graded).map((r) => r.id)).toEqual(DRILLS);
  });
});
