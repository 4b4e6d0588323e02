import { afterEach, describe, expect, it } from "vitest";
import { KEY, openApp, settle } from "./harness.js";

let app: ReturnType<typeof openApp> | undefined;
afterEach(() => app?.close());

const MINUTE = 60_000;

async function startExam() {
  app = openApp({ screen: "exam" });
  await settle();
  expect(app.frame()).toContain("Mock exam: 4 questions in 90 minutes, pass mark 70%");
  await app.press(KEY.enter);
  expect(app.frame()).toContain("Mock exam · 1/4");
  return app;
}

describe("mock exam", () => {
  it("flags a question and shows it in the overview", async () => {
    const a = await startExam();
    await a.press("f");
    expect(a.frame()).toContain("1/4 ⚑ flagged");
    await a.press("o");
    expect(a.frame()).toContain("0 answered · 4 unanswered · 1 flagged");
    expect(a.frame()).toMatch(/1\. · ⚑ /);
    await a.press("o");
    await a.press("f");
    expect(a.frame()).not.toContain("⚑ flagged");
  });

  it("moves between questions and keeps answers changeable until submit", async () => {
    const a = await startExam();
    await a.press("n");
    expect(a.frame()).toContain("Mock exam · 2/4");
    await a.press("b");
    expect(a.frame()).toContain("Mock exam · 1/4");
    const paper = a.trainer.store.exam(1)!.session.paper;
    const index = paper.items.findIndex((item) => item.type === "single");
    for (let i = 0; i < index; i++) await a.press("n");
    const stored = () => a.trainer.store.exam(1)!.session.answers[index];
    await a.press("1");
    expect(stored()).toEqual({ type: "single", choice: paper.items[index]!.shown[0] });
    await a.press("n", "b", "2");
    expect(stored()).toEqual({ type: "single", choice: paper.items[index]!.shown[1] });
  });

  it("warns at 30, 15 and 5 minutes left and submits itself at zero", async () => {
    const a = await startExam();
    expect(a.frame()).toContain("1:30:00 left");
    expect(a.frame()).not.toContain("⚠");
    a.clock.now += 61 * MINUTE;
    await a.press("n");
    expect(a.frame()).toContain("⚠ Less than 30 minutes left.");
    a.clock.now += 15 * MINUTE;
    await a.press("n");
    expect(a.frame()).toContain("⚠ Less than 15 minutes left.");
    a.clock.now += 10 * MINUTE;
    await a.press("b");
    expect(a.frame()).toContain("⚠ Less than 5 minutes left.");
    a.clock.now += 5 * MINUTE;
    await a.press("n");
    await settle();
    expect(a.frame()).toContain("Mock exam results");
    expect(a.frame()).toContain("time ran out");
    expect(a.trainer.store.recentExams(1)[0]).toMatchObject({ timedOut: true, total: 4 });
  });

  it("submits after confirmation and walks through the results", async () => {
    const a = await startExam();
    await a.press("S");
    expect(a.frame()).toContain("Submit the exam now?");
    expect(a.frame()).toContain("0 answered, 4 unanswered, 0 flagged.");
    await a.press("n");
    expect(a.frame()).toContain("Mock exam · 1/4");
    await a.press("S", "y");
    await settle();
    expect(a.frame()).toContain("0/4 right · 0% · NOT PASSED (pass mark 70%)");
    expect(a.frame()).toMatch(/Apache Kafka fundamentals\s+░+/);
    await a.press(KEY.enter);
    expect(a.frame()).toContain("Results · question 1/4");
    expect(a.frame()).toContain("✗ Not answered");
    expect(a.frame()).toContain("✗ wrong");
    await a.press("n");
    expect(a.frame()).toContain("Results · question 2/4");
  });
});
