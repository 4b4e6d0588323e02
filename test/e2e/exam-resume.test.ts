import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";

// A mock exam in a real terminal, killed with SIGKILL half-way and resumed in a new process.
const root = path.resolve(import.meta.dirname, "../..");
const session = `ccaak-exam-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const alive = () => spawnSync("tmux", ["has-session", "-t", session]).status === 0;
const screen = () => (alive() ? tmux("capture-pane", "-p", "-t", session) : "");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = screen();
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    await pause(150);
  }
  throw new Error(`"${String(text)}" did not appear; the screen was:\n${last}`);
}

async function keys(...sequence: string[]) {
  for (const key of sequence) {
    tmux("send-keys", "-t", session, key);
    await pause(150);
  }
}

function start(home: string, args: string) {
  // A returning learner: the first-run welcome was dismissed long ago.
  spawnSync(
    process.execPath,
    [path.join(root, "dist/bin/main.js"), "config", "set", "welcome-seen", "true"],
    {
      env: { ...process.env, CCAAK_HOME: home },
    },
  );
  // CI=true, as a learner's shell may have it: the screens must still be drawn.
  const command = `cd ${root} && env CCAAK_HOME=${home} CI=true NO_COLOR=1 node dist/bin/main.js ${args}; echo "exit $?"; sleep 30`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
}

/** The trainer's own process: the node child of the pane's shell. */
function trainerPid(): number {
  const shell = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").trim();
  const child = spawnSync("pgrep", ["-P", shell], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (!child) throw new Error("the trainer is not running");
  return Number(child);
}

/** Answers the question on screen as its instructions say; Enter then moves to the next one. */
async function answerShown(position: number) {
  const text = await waitFor(new RegExp(`Mock exam · ${position}/60`), 60_000);
  const choose = text.match(/Choose (one|\d+)/);
  if (choose) {
    const count = choose[1] === "one" ? 1 : Number(choose[1]);
    for (let i = 1; i <= count; i++) await keys(String(i));
  } else if (text.includes("Match each")) {
    const lefts = text.split("\n").filter((l) => /^[ ›] [a-h]\. /.test(l)).length;
    for (let i = 0; i < lefts; i++) await keys(String(i + 1), "Down");
  }
  await keys("Enter");
  await waitFor(new RegExp(`Mock exam · ${position + 1}/60`));
}

afterEach(() => {
  if (alive()) tmux("kill-session", "-t", session);
});

describe("a mock exam survives a killed process", () => {
  it("answers 5 questions, is killed with SIGKILL, and resumes with its answers, flag and time used", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-exam-"));
    start(home, "exam");
    // The first start in a new home parses the whole bank; on a busy machine that takes a while.
    await waitFor("Mock exam: 60 questions in 90 minutes", 60_000);
    await pause(500);
    await keys("Enter");
    await answerShown(1);
    await keys("f");
    await waitFor("2/60 ⚑ flagged");
    for (let position = 2; position <= 5; position++) await answerShown(position);
    await pause(2500);
    await keys("n"); // one more change, so the save after the pause is there too

    process.kill(trainerPid(), "SIGKILL");
    await pause(300);
    tmux("kill-session", "-t", session);

    const killed = openStore(path.join(home, "progress.db"));
    const stored = killed.runningExam()!;
    killed.close();
    expect(stored.session.answers.filter((a) => a !== null)).toHaveLength(5);
    expect(stored.session.flags.filter(Boolean)).toHaveLength(1);
    expect(stored.session.flags[1]).toBe(true);
    expect(stored.session.usedMs).toBeGreaterThan(2500);

    start(home, "exam --resume");
    const resumed = await waitFor(/Mock exam · 7\/60/, 60_000);
    const left = resumed.match(/(\d+):(\d\d):(\d\d) left/)!;
    const leftMs = (Number(left[1]) * 3600 + Number(left[2]) * 60 + Number(left[3])) * 1000;
    // The clock stood still while nothing ran: what is left is the limit less the time used.
    expect(90 * 60_000 - leftMs).toBeGreaterThanOrEqual(stored.session.usedMs - 1000);
    expect(90 * 60_000 - leftMs).toBeLessThan(stored.session.usedMs + 10_000);
    await keys("o");
    await waitFor("5 answered · 55 unanswered · 1 flagged");
  }, 240_000);

  it("Ctrl-C, SIGTERM and a closed terminal (SIGHUP) save the exam and exit 130, 143 and 129", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-exam-"));
    const answered = () => {
      const store = openStore(path.join(home, "progress.db"));
      const exam = store.runningExam();
      store.close();
      return exam?.session.answers.filter((a) => a !== null).length ?? 0;
    };
    start(home, "exam");
    await waitFor("Mock exam: 60 questions", 60_000);
    await pause(500);
    await keys("Enter");
    await answerShown(1);
    await keys("C-c");
    await waitFor("exit 130", 30_000);
    tmux("kill-session", "-t", session);
    expect(answered()).toBe(1);

    for (const [signal, code, position] of [
      ["SIGTERM", 143, 2],
      ["SIGHUP", 129, 3],
    ] as const) {
      start(home, "exam --resume");
      await answerShown(position);
      process.kill(trainerPid(), signal);
      await waitFor(`exit ${code}`, 30_000);
      tmux("kill-session", "-t", session);
      expect(answered()).toBe(position);
    }
  }, 240_000);
});
