import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadLessons } from "../../src/catalog/lesson.js";
import { loadPack } from "../../src/catalog/index.js";
import { markdownLines, width } from "../../src/tui/text.js";
import { KEY, openApp, settle } from "./harness.js";

let app: ReturnType<typeof openApp> | undefined;
afterEach(() => app?.close());

const root = path.resolve(import.meta.dirname, "../..");
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
  title: "Planned failover to region B",
  summary: "Move the workload.",
  minutes: 30,
};

describe("lessons and labs screens", () => {
  it("opens a lesson, shows it, and practises its questions", async () => {
    const a = (app = openApp({ screen: "lessons" }, { lessons: [lesson], labs: [lab] }));
    await settle();
    expect(a.frame()).toContain("› Acknowledgements");
    await a.press(KEY.enter);
    expect(a.frame()).toContain("A producer with `acks=all` waits for every in-sync replica.");
    expect(a.frame()).toContain("ccaak-train lab start planned-failover");
    await a.press("P");
    expect(a.frame()).toContain("Choose one");
  });

  it("lists the labs with their command and the last graded attempt", async () => {
    const a = (app = openApp({ screen: "labs" }, { lessons: [], labs: [lab] }));
    await settle();
    expect(a.frame()).toContain("ccaak-train lab start planned-failover");
    expect(a.frame()).toContain("No graded attempt yet.");
    a.close();
    const b = (app = openApp({ screen: "home" }, { lessons: [], labs: [lab] }));
    b.trainer.store.saveLabAttempt({
      uid: "attempt-1",
      lab: "planned-failover",
      startedAt: Date.UTC(2026, 10, 24, 8),
      gradedAt: Date.UTC(2026, 10, 24, 9),
      score: 82,
      maxScore: 100,
      percent: 82,
      passed: true,
      hintsUsed: 1,
      report: {},
      timeline: [],
    });
    await settle();
    await b.press("b");
    expect(b.frame()).toContain("Last graded: 2026-11-24 82% passed");
  });
});

describe("review screen", () => {
  it("lists past exams and the questions wrong the last time, by their text, and opens an exam's results", async () => {
    const a = (app = openApp({ screen: "review" }));
    await settle();
    expect(a.frame()).toContain("None yet: take one from the home screen.");
    expect(a.frame()).toContain("Nothing missed yet.");
    a.close();
    const b = (app = openApp({ screen: "home" }));
    const question = b.trainer.questions.get("tui-pack/single")!;
    b.trainer.answer(question, { type: "single", choice: 1 }, 10_000, "study");
    const { examId, session } = b.trainer.newExam({}, "seed-1");
    b.trainer.finishExam(examId, { ...session, status: "submitted", submittedAt: b.clock.now });
    await settle();
    await b.press("r");
    expect(b.frame()).toContain("Mock exams (1)");
    expect(b.frame()).toMatch(/0\/4 0% not passed/);
    expect(b.frame()).toMatch(/missed 1 of 1\s+Which setting makes acknowledged writes durable\?/);
    await b.press(KEY.enter);
    expect(b.frame()).toContain("Mock exam results");
  });
});

describe("the bundled lessons", () => {
  const packs = [loadPack(path.join(root, "questions/ccaak-core"), "bundled").pack!];
  const { lessons, diagnostics } = loadLessons(path.join(root, "content"), packs, path.join(root, "labs"));

  it("load without a problem, one per exam domain and the disaster-recovery lesson", () => {
    expect(diagnostics).toEqual([]);
    const domains = packs[0]!.manifest.blueprint.domains.map((d) => d.id);
    for (const domain of domains) expect(lessons.some((l) => l.domain === domain)).toBe(true);
    expect(lessons.map((l) => l.id)).toContain("disaster-recovery");
  });

  it("render within an 80-column terminal", () => {
    for (const l of lessons) {
      const lines = markdownLines(l.body, 79);
      expect(lines.length, l.id).toBeGreaterThan(20);
      const widest = Math.max(...lines.map(width));
      expect(widest, `${l.id} is ${widest} wide`).toBeLessThanOrEqual(79);
      expect(readFileSync(l.file, "utf8")).toContain(l.title);
    }
  });
});
