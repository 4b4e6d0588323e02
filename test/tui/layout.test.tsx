import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { width } from "../../src/tui/text.js";
import { KEY, openApp, settle } from "./harness.js";

// The shared rendering at real terminal sizes: scrolling reaches the end, text wraps at spaces, code
// keeps its lines, and every line (the key hints included) fits the terminal without being cut.
type App = ReturnType<typeof openApp>;
let app: App | undefined;
afterEach(() => app?.close());

const longPack = path.resolve(import.meta.dirname, "../fixtures/tui-long");
const PAGE_DOWN = "\u001B[6~";
const lines = (a: App) => a.frame().split("\n");
const hintLine = (a: App) => lines(a).at(-1) ?? "";

async function practiseLong(size: { columns: number; rows: number }): Promise<App> {
  const a = (app = openApp({ screen: "study", mode: "practice", tag: "t-long" }, undefined, {
    pack: longPack,
    size,
  }));
  await settle();
  return a;
}

/** Pages down until nothing more is below (or 20 pages). */
async function toTheEnd(a: App) {
  for (let i = 0; i < 20 && hintLine(a).includes("↓ more"); i++) await a.press(PAGE_DOWN);
}

describe("scrolling reaches the last line", () => {
  for (const size of [
    { columns: 80, rows: 24 },
    { columns: 60, rows: 20 },
  ]) {
    it(`shows the references at the end of a long explanation at ${size.columns}x${size.rows}`, async () => {
      const a = await practiseLong(size);
      await a.press(a.numberOf("Leave the authorizer"), KEY.enter);
      expect(a.frame()).toContain("Rated Again");
      expect(hintLine(a)).toContain("↓ more");
      await toTheEnd(a);
      expect(a.frame()).toContain("The last reference of the long question");
      expect(hintLine(a)).not.toContain("↓ more");
      // Scrolling back moves at once, however often the end was overshot.
      await a.press(KEY.down, KEY.down, KEY.down, KEY.up);
      expect(hintLine(a)).toContain("↓ more");
    });
  }

  it("walks an exam question to its end, and scrolling back after overshooting moves at once", async () => {
    const c = (app = openApp({ screen: "home" }, undefined, {
      pack: longPack,
      size: { columns: 80, rows: 24 },
    }));
    const exam = c.trainer.newExam({}, "seed-1");
    c.trainer.finishExam(exam.examId, { ...exam.session, status: "submitted", submittedAt: c.clock.now });
    await settle();
    await c.press("r", KEY.enter);
    expect(c.frame()).toContain("Mock exam results");
    await c.press(KEY.enter);
    for (let i = 0; i < 80; i++) c.app.stdin.write(KEY.down);
    await settle();
    expect(c.frame()).toContain("The last reference of the long question");
    await c.press(KEY.up);
    expect(hintLine(c)).toContain("↓ more");
  });
});

describe("text wraps at spaces and code keeps its lines", () => {
  it("keeps words whole in options and never re-wraps a code line", async () => {
    const a = await practiseLong({ columns: 80, rows: 24 });
    const text = a.frame();
    // A name longer than the line is broken after a dot, not inside a word.
    expect(text).toMatch(
      /`authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.\n\s+StandardAuthorizer`/,
    );
    // The code line wider than the screen is cut with a mark; its continuation stays its own line.
    expect(text).toMatch(/^ {2}kafka-configs --bootstrap-server b1:9092 --alter .*…$/m);
    expect(text).toMatch(/^ {4}--add-config allow\.everyone\.if\.no\.acl\.found=false$/m);
    expect(text).not.toMatch(/^\s+--entity-default \\$/m);
  });
});

describe("every screen fits 80x24 without cutting a line", () => {
  const lesson = {
    id: "acks",
    title: "Acknowledgements",
    order: 1,
    tags: ["t-single"],
    labs: ["planned-failover"],
    defaults: [],
    body: "# Acknowledgements\n\nA producer with `acks=all` waits for **every** in-sync replica.",
    file: "acks.md",
  };
  const lab = {
    id: "planned-failover",
    title: "Planned failover",
    summary: "Move the workload.",
    minutes: 30,
  };

  /** Every line within 80 columns, the frame one line shorter than the terminal, nothing cut with "…". */
  function fits(a: App, screen: string, anywhere = false) {
    const shown = lines(a);
    expect(shown.length, screen).toBeLessThanOrEqual(23);
    for (const line of shown) expect(width(line), `${screen}: ${line}`).toBeLessThanOrEqual(80);
    expect(hintLine(a), screen).not.toContain("…");
    if (anywhere) expect(a.frame(), screen).not.toContain("…");
  }

  it("home, help, study, feedback, exam, overview, results, review, lessons, labs and stats", async () => {
    const a = (app = openApp(
      { screen: "home" },
      { lessons: [lesson], labs: [lab] },
      { size: { columns: 80, rows: 24 } },
    ));
    await settle();
    fits(a, "home");
    await a.press("?");
    fits(a, "home help", true);
    await a.press("q", "s");
    fits(a, "study");
    await a.press("?");
    fits(a, "study help", true);
    await a.press("q");
    await a.press(KEY.escape, "p");
    fits(a, "practice");
    await a.press("q", "m");
    expect(a.frame()).toContain("Mock exam:");
    fits(a, "exam intro", true);
    await a.press(KEY.enter);
    fits(a, "exam question");
    await a.press("?");
    fits(a, "exam help", true);
    await a.press("q", "o");
    expect(a.frame()).toContain("overview");
    fits(a, "exam overview");
    await a.press("S");
    fits(a, "confirm");
    await a.press("y");
    expect(a.frame()).toContain("Mock exam results");
    fits(a, "results");
    await a.press(KEY.enter);
    fits(a, "results walk");
    await a.press("q", "q");
    await a.press("r");
    fits(a, "review");
    await a.press("q", "l");
    fits(a, "lessons");
    await a.press(KEY.enter);
    fits(a, "lesson");
    await a.press("q", "q", "b");
    expect(a.frame()).toContain("Planned failover");
    fits(a, "labs");
    await a.press("q", "t");
    fits(a, "stats");
  });

  it("the feedback with its rating keys and next intervals", async () => {
    const a = (app = openApp({ screen: "study", mode: "practice", tag: "t-single" }, undefined, {
      size: { columns: 80, rows: 24 },
    }));
    await settle();
    await a.press(a.numberOf("acks=0"), KEY.enter);
    expect(a.frame()).toContain("Rated Again");
    fits(a, "feedback");
  });
});
