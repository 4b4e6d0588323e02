import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadLessons } from "../../src/catalog/lesson.js";
import { loadPack } from "../../src/catalog/index.js";
import type { Question } from "../../src/catalog/types.js";
import { feedbackLines } from "../../src/tui/answer-feedback.js";
import { markdownLines } from "../../src/tui/text.js";

// Every bundled lesson and the longest explanation of the bank, scrolled to their last line in a real
// terminal at 60x20 and 80x24: one tmux session per size, keys sent as a person types them.
const root = path.resolve(import.meta.dirname, "../..");
const session = `ccaak-scroll-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const alive = () => spawnSync("tmux", ["has-session", "-t", session]).status === 0;
const screen = () => (alive() ? tmux("capture-pane", "-p", "-t", session) : "");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// eslint-disable-next-line no-control-regex -- the test renders with chalk, the terminal without colour
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "").trimEnd();

const pack = loadPack(path.join(root, "questions/ccaak-core"), "bundled").pack!;
const { lessons } = loadLessons(path.join(root, "content"), [pack], path.join(root, "labs"));

async function waitFor(test: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = screen();
    if (test(last)) return last;
    await pause(100);
  }
  throw new Error(`${what} did not appear; the screen was:\n${last}`);
}

/** Sends a key and waits until the screen has changed (or a short while when it does not). */
async function key(name: string) {
  const before = screen();
  tmux("send-keys", "-t", session, name);
  const deadline = Date.now() + 1500;
  while (screen() === before && Date.now() < deadline) await pause(20);
}

const hints = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

/**
 * Pages down past the end in one go (the window stops at the last line, so extra presses do
 * nothing), then waits until the screen is still and nothing more is below.
 */
async function scrollToEnd() {
  tmux("send-keys", "-t", session, "-N", "80", "PageDown");
  let last = "";
  return waitFor((text) => {
    const still = text === last;
    last = text;
    return still && !hints(text).includes("↓ more");
  }, "the end of the page");
}

/** Answers the question on screen as its instructions say (right or wrong does not matter). */
async function answer(text: string) {
  const choose = text.match(/Choose (one|\d+)/);
  if (choose) {
    for (let i = 1; i <= (choose[1] === "one" ? 1 : Number(choose[1])); i++) await key(String(i));
  } else if (text.includes("Match each")) {
    const lefts = text.split("\n").filter((l) => /^[ ›] [a-h]\. /.test(l)).length;
    for (let i = 0; i < lefts; i++) {
      await key(String(i + 1));
      await key("Down");
    }
  }
  await key("Enter");
}

/** The question with the longest explanation in the bank, and its rarest tag. */
function longest(): { question: Question; tag: string } {
  const question = [...pack.questions].sort((a, b) => b.explanation.length - a.explanation.length)[0]!;
  const count = (t: string) => pack.questions.filter((q) => q.tags.includes(t)).length;
  return { question, tag: [...question.tags].sort((a, b) => count(a) - count(b))[0]! };
}

function shownAsFiled(q: Question): number[] {
  const n =
    q.type === "single" || q.type === "multiple"
      ? q.options.length
      : q.type === "order"
        ? q.items.length
        : q.pairs.length;
  return Array.from({ length: n }, (_, i) => i);
}

afterEach(() => {
  if (alive()) tmux("kill-session", "-t", session);
});

describe("scrolling to the last line in a real terminal", () => {
  for (const [columns, rows] of [
    [60, 20],
    [80, 24],
  ] as const) {
    it(`reaches the end of every lesson and of the longest explanation at ${columns}x${rows}`, async () => {
      const width = columns - 1;
      const { question, tag } = longest();
      const home = mkdtempSync(path.join(os.tmpdir(), "ccaak-scroll-"));
      const run = `env CCAAK_HOME=${home} CI=false NO_COLOR=1 node dist/bin/main.js`;
      // The home screen first (lessons), then, after q, practice of the longest question's tag.
      const command = `cd ${root} && ${run} && ${run} practice --tag ${tag}`;
      tmux("new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows), command);

      await waitFor((t) => t.includes("Welcome to ccaak-train"), "the welcome page");
      await pause(300);
      await key("Enter");
      await waitFor((t) => t.includes("Predicted exam score"), "the home screen");
      await key("l");
      for (const [i, lesson] of lessons.entries()) {
        await waitFor((t) => t.includes(`› ${lesson.title.slice(0, 20)}`), `lesson ${i + 1} in the list`);
        await key("Enter");
        const body = markdownLines(lesson.body, width)
          .map(plain)
          .filter((l) => l.trim() !== "");
        const last = body
          .at(-1)!
          .trim()
          .slice(0, width - 4);
        const end = await scrollToEnd();
        expect(end, `${lesson.id} at ${columns}x${rows}`).toContain(last);
        expect(end).toContain("Practise this lesson's questions");
        await key("q");
        await key("Down");
      }
      await key("q");
      await key("q");

      // Practice of the tag: answer each question until the longest one's feedback is on screen.
      const stem = plain(markdownLines(question.stem, width)[0]!).slice(0, width - 4);
      const lastRef = plain(
        feedbackLines(question, shownAsFiled(question), null, null, width).at(-1)!,
      ).trim();
      for (let i = 0; i < 30; i++) {
        const text = await waitFor((t) => /Choose|Match each|Put these in order/.test(t), "a question");
        const target = text.includes(stem);
        await answer(text);
        await waitFor((t) => t.includes("Rated"), "the feedback");
        if (target) break;
        await key("Enter");
      }
      const end = await scrollToEnd();
      expect(end).toContain("References:");
      expect(end).toContain(lastRef.slice(0, width - 4));
      await key("q");
    }, 120_000);
  }
});
