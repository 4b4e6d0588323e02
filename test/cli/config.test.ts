import path from "node:path";
import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/cli/colour.js";
import { openStore } from "../../src/store/index.js";
import { runCli, tempHome } from "./run-cli.js";

describe("ccaak-train config", () => {
  it("lists every setting with its default, sets and gets one, and keeps it in the progress file", () => {
    const home = tempHome();
    const list = JSON.parse(runCli(["config", "list", "--json"], { home }).stdout) as {
      settings: { name: string; value: unknown; default: unknown }[];
    };
    expect(list.settings.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "new-per-day",
        "desired-retention",
        "exam-questions",
        "time-based-ratings",
        "colour",
      ]),
    );
    expect(list.settings.find((s) => s.name === "new-per-day")).toMatchObject({ value: 20, default: 20 });

    expect(runCli(["config", "set", "new-per-day", "45"], { home }).stdout.trim()).toBe("new-per-day = 45");
    expect(runCli(["config", "set", "time-based-ratings", "on"], { home }).status).toBe(0);
    expect(runCli(["config", "set", "exam-minutes", "45"], { home }).status).toBe(0);
    expect(runCli(["config", "get", "new-per-day"], { home }).stdout.trim()).toBe("45");
    const store = openStore(path.join(home, "progress.db"));
    expect(store.settings()).toMatchObject({ newPerDay: 45, timeBasedRatings: true, examMinutes: 45 });
    store.close();

    expect(runCli(["config", "set", "exam-minutes", "default"], { home }).stdout.trim()).toBe(
      "exam-minutes = null",
    );
    const text = runCli(["config", "list"], { home }).stdout;
    expect(text).toMatch(/new-per-day\s+45 \(default 20\)/);
  });

  it("refuses an unknown setting or a bad value as bad usage, and changes nothing", () => {
    const home = tempHome();
    const unknown = runCli(["config", "set", "new-a-day", "5"], { home });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown setting "new-a-day"');
    for (const [name, value] of [
      ["new-per-day", "lots"],
      ["new-per-day", "2.5"],
      ["desired-retention", "1.5"],
      ["time-based-ratings", "maybe"],
      ["colour", "pink"],
    ]) {
      const run = runCli(["config", "set", name!, value!], { home });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${name} must be`);
    }
    expect(runCli(["config", "get", "new-per-day"], { home }).stdout.trim()).toBe("20");
  });
});

describe("colour on the screens", () => {
  it("is not turned off by CI in the environment", () => {
    expect(colourLevel({ CI: "true", TERM: "xterm-256color" }, "auto")).toBe(2);
    expect(colourLevel({ CI: "false", TERM: "xterm" }, "auto")).toBe(1);
    expect(colourLevel({ COLORTERM: "truecolor", TERM: "xterm" }, "auto")).toBe(3);
  });
  it("is off with NO_COLOR or the setting never; a user's FORCE_COLOR is kept", () => {
    expect(colourLevel({ NO_COLOR: "1", TERM: "xterm-256color" }, "always")).toBe(0);
    expect(colourLevel({ TERM: "xterm-256color" }, "never")).toBe(0);
    expect(colourLevel({ TERM: "dumb" }, "auto")).toBe(0);
    expect(colourLevel({ TERM: "dumb" }, "always")).toBe(1);
    expect(colourLevel({ FORCE_COLOR: "3" }, "auto")).toBeUndefined();
  });
});
