// The study screens in a real pseudo-terminal (util-linux `script`), 80x24: time from process start
// to the first frame, key press to next frame, and whether any redraw clears the whole screen (which
// is what flickers).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/bin/main.js");
// A full-screen clear: ink emits it only when a frame is taller than the terminal.
// eslint-disable-next-line no-control-regex -- matching the escape sequence itself
const CLEAR = /\u001b\[2J|\u001b\[3J/g;
const DOWN = "\u001b[B";
const UP = "\u001b[A";

function startTrainer(home) {
  const command = `stty rows 24 cols 80; exec node ${cli}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    env: { ...process.env, CCAAK_HOME: home, CI: "false", TERM: "xterm-256color" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const session = { child, output: "", waiters: [] };
  child.stdout.on("data", (chunk) => {
    session.output += chunk.toString("utf8");
    for (const w of [...session.waiters]) w();
  });
  return session;
}

function waitFor(session, predicate, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out; output so far:\n${session.output.slice(-2000)}`)),
      timeoutMs,
    );
    const check = () => {
      if (predicate(session.output)) {
        clearTimeout(timer);
        session.waiters = session.waiters.filter((w) => w !== check);
        resolve();
      }
    };
    session.waiters.push(check);
    check();
  });
}

const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function run() {
  const firstFrames = [];
  const keyLatencies = [];
  let clears = 0;
  // The first start in a new CCAAK_HOME parses every question file; later starts read the parse cache.
  const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-bench-tui-"));
  // A returning learner: the first-run welcome is not what is measured.
  spawnSync(process.execPath, [cli, "config", "set", "welcome-seen", "true"], {
    env: { ...process.env, CCAAK_HOME: home },
  });
  for (let round = 0; round < 6; round++) {
    const started = performance.now();
    const session = startTrainer(home);
    try {
      await waitFor(session, (out) => out.includes("Predicted exam score"));
      firstFrames.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 300));
      const afterFirst = session.output.length;
      for (let i = 0; i < 10; i++) {
        const before = session.output.length;
        const sent = performance.now();
        session.child.stdin.write(i % 2 === 0 ? DOWN : UP);
        await waitFor(session, (out) => out.length > before);
        keyLatencies.push(performance.now() - sent);
        await new Promise((r) => setTimeout(r, 30));
      }
      clears += (session.output.slice(afterFirst).match(CLEAR) ?? []).length;
      session.child.stdin.write("q");
      await new Promise((resolve) => session.child.once("exit", resolve));
    } finally {
      session.child.kill("SIGKILL");
    }
  }
  rmSync(home, { recursive: true, force: true });
  const [cold, ...warm] = firstFrames;
  return [
    {
      name: "first frame from process start, 80x24 (median of 5 starts)",
      value: Math.round(percentile(warm, 50)),
      unit: "ms",
      target: 500,
    },
    { name: "first frame on the very first start (no parse cache yet)", value: Math.round(cold), unit: "ms" },
    {
      name: "key press to next frame (p50 of 60)",
      value: Math.round(percentile(keyLatencies, 50)),
      unit: "ms",
      target: 50,
    },
    {
      name: "key press to next frame (p95 of 60)",
      value: Math.round(percentile(keyLatencies, 95)),
      unit: "ms",
    },
    {
      name: "full-screen clears while moving through the menu (flicker)",
      value: clears,
      unit: "clears",
      target: 0,
    },
  ];
}
