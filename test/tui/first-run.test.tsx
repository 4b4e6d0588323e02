import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { labSetup } from "../../src/lab/runtime/setup.js";
import { App } from "../../src/tui/app.js";
import { KEY, openApp, settle } from "./harness.js";

let app: ReturnType<typeof openApp> | undefined;
afterEach(() => app?.close());

describe("the first start", () => {
  it("shows the welcome once, remembers it in the progress database, and shows it again from home's ?", async () => {
    const a = (app = openApp({ screen: "home" }, undefined, {
      firstRun: true,
      size: { columns: 80, rows: 24 },
    }));
    await settle();
    const welcome = a.frame();
    expect(welcome).toContain("Welcome to ccaak-train");
    expect(welcome).toMatch(/Mock exam \(m\)/);
    expect(welcome).toMatch(/an unseen question counts at 25%/);
    expect(welcome).toMatch(/the │ in a bar is the pass mark\s+\(70%\)/);
    expect(welcome).toContain("Mastered");
    expect(welcome).not.toContain("↓ more");
    await a.press(KEY.enter);
    expect(a.frame()).toContain("Predicted exam score");
    expect(a.trainer.store.settings().welcomeSeen).toBe(true);

    // The next start on the same progress file goes straight to the home screen.
    const again = render(
      <App trainer={a.trainer} content={{ lessons: [], labs: [] }} start={{ screen: "home" }} />,
    );
    await settle();
    expect(again.lastFrame()).toContain("Predicted exam score");
    expect(again.lastFrame()).not.toContain("Welcome to ccaak-train");
    again.unmount();

    await a.press("?");
    expect(a.frame()).toMatch(/w\s+the welcome page/);
    await a.press("w");
    expect(a.frame()).toContain("Welcome to ccaak-train");
    await a.press("q");
    expect(a.frame()).toContain("Predicted exam score");
  });

  it("says on the home screen how many questions are unseen and what the bar's tick is", async () => {
    const a = (app = openApp({ screen: "home" }));
    await settle();
    expect(a.frame()).toMatch(/Predicted exam score 25% · 4 of 4 questions unseen count at 25%/);
    expect(a.frame()).toContain("│ in a bar: the pass mark, 70%");
    a.close();
    const b = (app = openApp({ screen: "home" }));
    b.trainer.answer(
      b.trainer.questions.get("tui-pack/single")!,
      { type: "single", choice: 0 },
      10_000,
      "study",
    );
    b.trainer.store.updateSettings({ unseenPrior: 0.5 });
    await settle();
    await b.press("t", "q");
    expect(b.frame()).toMatch(/3 of 4 questions unseen count at 50%/);
  });
});

describe("the labs screen", () => {
  const lab = {
    id: "planned-failover",
    title: "Planned failover",
    summary: "Move the workload.",
    minutes: 30,
  };
  const main = path.join(os.tmpdir(), "ccaak train", "dist", "bin", "main.js");

  it("shows doctor's verdict on Java and the Kafka jars, and the command that works here", async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), "ccaak-bin-"));
    writeFileSync(path.join(bin, "ccaak-train"), "#!/bin/sh\n");
    chmodSync(path.join(bin, "ccaak-train"), 0o755);
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-home-"));
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` };
    const a = (app = openApp(
      { screen: "labs" },
      { lessons: [], labs: [lab], labSetup: () => labSetup(env, home, home, main) },
    ));
    await settle();
    const text = a.frame();
    expect(text).toMatch(/✓ This machine can run the labs\.|✗ Not ready for labs/);
    expect(text).toMatch(/[✓✗] java: /);
    expect(text).toMatch(/[✓✗] kafka-source: /);
    expect(text).toContain("  ccaak-train lab start planned-failover");
  });

  it("tells the learner to run the bundled entry with node when ccaak-train is not on PATH", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-home-"));
    const env = { ...process.env, PATH: path.dirname(process.execPath) };
    const a = (app = openApp(
      { screen: "labs" },
      { lessons: [], labs: [lab], labSetup: () => labSetup(env, home, home, main) },
    ));
    await settle();
    expect(a.frame()).toContain(`node "${main}" lab start planned-failover`);
    mkdirSync(path.join(home, "node_modules", ".bin"), { recursive: true });
    writeFileSync(path.join(home, "node_modules", ".bin", "ccaak-train"), "");
    expect(labSetup(env, home, home, main).command).toBe("npx ccaak-train");
  });
});
