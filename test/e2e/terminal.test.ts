import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { damageMiddlePages, fillStore } from "../store/helpers.js";

// The trainer in a real terminal: tmux at 80x24, keys sent as a person types them, the screen read back.
const root = path.resolve(import.meta.dirname, "../..");
const session = `ccaak-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session);
const alive = () => spawnSync("tmux", ["has-session", "-t", session]).status === 0;

async function waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = alive() ? screen() : "";
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`"${String(text)}" did not appear; the screen was:\n${last}`);
}

/**
 * Waits for the home screen (closing the welcome page of a first start), then a moment more: keys
 * typed before ink takes the keyboard are lost.
 */
async function ready(): Promise<string> {
  const first = await waitFor(/Welcome to ccaak-train|Predicted exam score/);
  if (first.includes("Welcome to ccaak-train")) {
    await new Promise((r) => setTimeout(r, 500));
    await keys("Enter");
  }
  const text = await waitFor("Predicted exam score");
  await new Promise((r) => setTimeout(r, 500));
  return text;
}

async function keys(...sequence: string[]) {
  for (const key of sequence) {
    tmux("send-keys", "-t", session, key);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function start(home: string, after = "") {
  // The trainer ends with the session's shell command, so the session closes when it quits.
  const command = `cd ${root} && env CCAAK_HOME=${home} CI=false NO_COLOR=1 node dist/bin/main.js${after}`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
}

async function quitted() {
  const deadline = Date.now() + 10_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive();
}

afterEach(() => {
  if (alive()) tmux("kill-session", "-t", session);
});

/** Answers whatever question is on screen, as its instructions say. */
async function answerShownQuestion() {
  const text = await waitFor(/Choose|Match each|Put these in order/);
  const choose = text.match(/Choose (one|\d+)/);
  if (choose) {
    const count = choose[1] === "one" ? 1 : Number(choose[1]);
    for (let i = 1; i <= count; i++) await keys(String(i));
  } else if (text.includes("Match each")) {
    const lefts = text.split("\n").filter((l) => /^[ ›] [a-h]\. /.test(l)).length;
    for (let i = 0; i < lefts; i++) await keys(String(i + 1), "Down");
  }
  await keys("Enter");
  return waitFor("Rated");
}

describe("the trainer in a real terminal", () => {
  it("keeps progress across a quit and a new start", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-e2e-"));
    start(home);
    const first = await ready();
    expect(first).toMatch(/20 new left today/);
    const seenBefore = Number(first.match(/ (\d+)\/\d+ seen/)![1]);
    expect(seenBefore).toBe(0);

    await keys("Enter");
    await waitFor("1 of 20");
    const feedback = await answerShownQuestion();
    expect(feedback).toMatch(/✓ Right|✗ Wrong/);
    await keys("Enter");
    await waitFor("2 of 20");
    await keys("q");
    await waitFor("Predicted exam score");
    await keys("q");
    expect(await quitted()).toBe(true);

    start(home);
    const again = await ready();
    expect(again).toMatch(/19 new left today/);
    expect(again).toMatch(/ 1\/\d+ seen/);
    await keys("q");
    expect(await quitted()).toBe(true);

    const stats = spawnSync(process.execPath, [path.join(root, "dist/bin/main.js"), "stats", "--json"], {
      env: { ...process.env, CCAAK_HOME: home },
      encoding: "utf8",
    });
    expect(JSON.parse(stats.stdout)).toMatchObject({ totalReviews: 1, seen: 1 });
  }, 60_000);

  it("refuses a damaged progress file with a clear message and leaves it alone", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-e2e-"));
    const damaged = "this is not a SQLite database, whatever its name says\n".repeat(200);
    writeFileSync(path.join(home, "progress.db"), damaged);
    start(home, '; echo "exit $?"; sleep 30');
    await waitFor("exit 1");
    // The terminal wraps the message; -J reads wrapped lines back as one.
    const text = tmux("capture-pane", "-p", "-J", "-t", session);
    expect(text).toContain("ccaak-train: The progress database");
    expect(text).toContain("cannot be used");
    expect(text).toContain("It has been left untouched.");
    expect(readFileSync(path.join(home, "progress.db"), "utf8")).toBe(damaged);
  }, 30_000);

  it("checks the whole progress file when a study session starts: damage in the middle is refused", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-e2e-"));
    const file = path.join(home, "progress.db");
    fillStore(file, 3000);
    damageMiddlePages(file);
    const before = readFileSync(file);
    start(home, '; echo "exit $?"; sleep 30');
    await waitFor("exit 1");
    const text = tmux("capture-pane", "-p", "-J", "-t", session);
    expect(text).toContain(`The progress database ${file} cannot be used`);
    expect(text).toContain(`The last good copy is ${file}.bak`);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 30_000);

  it("fits 80x24 on every screen of the menu and shows the keys on ?", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-e2e-"));
    start(home);
    await ready();
    for (const letter of ["p", "m", "r", "l", "b", "t"]) {
      await keys(letter);
      await new Promise((r) => setTimeout(r, 400));
      const lines = screen().split("\n");
      expect(lines.length).toBeLessThanOrEqual(25);
      expect(lines.every((l) => l.length <= 80)).toBe(true);
      await keys("?");
      expect(await waitFor("Keys")).toMatch(/Esc/);
      await keys("?", "q");
      await waitFor("Predicted exam score");
    }
    await keys("q");
    expect(await quitted()).toBe(true);
  }, 60_000);
});
