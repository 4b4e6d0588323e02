import { afterEach, describe, expect, it } from "vitest";
import { KEY, openApp, settle } from "./harness.js";

let app: ReturnType<typeof openApp> | undefined;
afterEach(() => app?.close());

const MINUTE = 60_000;

async function startExam() {
  app = openApp({ screen: "exam" });
  await settle();
  await app.press(KEY.enter);
  expect(app.frame()).toContain("Mock exam · 1/4");
  return app;
}

/** Moves the exam to the first question of `type`; returns its paper position. */
async function goToType(a: ReturnType<typeof openApp>, type: string): Promise<number> {
  const paper = a.trainer.store.exam(1)!.session.paper;
  const index = paper.items.findIndex((item) => item.type === type);
  for (let i = 0; i < index; i++) await a.press("n");
  expect(a.frame()).toContain(`Mock exam · ${index + 1}/4`);
  return index;
}

/** The question of the fundamentals practice that has been answered so far. */
const answeredOne = (a: ReturnType<typeof openApp>) =>
  ["tui-pack/single", "tui-pack/multiple"].find((id) => a.trainer.store.history(id).length > 0)!;

const cursorLine = (frame: string) => frame.split("\n").find((l) => l.includes("›")) ?? "";

describe("the mock exam draws and handles every question type", () => {
  it("shows a list-order question's items, and Space picks one up instead of answering blank", async () => {
    const a = await startExam();
    const index = await goToType(a, "order");
    for (const item of ["Stop the producers", "Wait for replication lag", "Translate the consumer group"])
      expect(a.frame()).toContain(item);
    await a.press(KEY.space, KEY.down, KEY.space);
    const answer = a.trainer.store.exam(1)!.session.answers[index];
    expect(answer).toMatchObject({ type: "order" });
    expect((answer as { order: number[] }).order).toHaveLength(4);
  });

  it("keeps the timer running on every question type", async () => {
    const a = await startExam();
    await goToType(a, "order");
    expect(a.frame()).toContain("1:30:00 left");
    a.clock.now += 5 * MINUTE;
    await new Promise((r) => setTimeout(r, 1200));
    expect(a.frame()).toContain("1:25:00 left");
  });

  it("opens each question with the cursor on its first row", async () => {
    const a = await startExam();
    await goToType(a, "matching");
    await a.press(KEY.down, KEY.down);
    const moved = cursorLine(a.frame());
    await a.press("n");
    await a.press("b");
    const line = cursorLine(a.frame());
    expect(line).not.toBe(moved);
    expect(line).toMatch(/›\s*\S/);
  });

  it("takes exactly as many ticks as 'choose N' says, and says why when Enter is early", async () => {
    const a = await startExam();
    const index = await goToType(a, "multiple");
    expect(a.frame()).toContain("Choose 2");
    await a.press("1");
    await a.press(KEY.enter);
    expect(a.frame()).toContain("Not complete yet. Choose 2");
    expect(a.frame()).toContain(`Mock exam · ${index + 1}/4`);
    await a.press("2", "3");
    expect(a.frame()).toContain("Choose 2: clear one of your 2 ticks first.");
    expect((a.trainer.store.exam(1)!.session.answers[index] as { choices: number[] }).choices).toHaveLength(
      2,
    );
  });
});

describe("an exam that survives", () => {
  it("pauses: the questions are hidden and the clock stops", async () => {
    const a = await startExam();
    a.clock.now += 10 * MINUTE;
    await a.press("p");
    expect(a.frame()).toContain("Paused: the clock is stopped");
    expect(a.frame()).not.toContain("Mock exam · 1/4");
    a.clock.now += 45 * MINUTE;
    await a.press("p");
    expect(a.frame()).toContain("Mock exam · 1/4");
    expect(a.frame()).toContain("1:20:00 left");
  });

  it("is kept when left, offered on the home screen and resumed with its answers, flags and time", async () => {
    const a = await startExam();
    const index = await goToType(a, "single");
    await a.press("1", "f");
    a.clock.now += 20 * MINUTE;
    await a.press("o", "q");
    await settle();
    expect(a.frame()).toMatch(/Resume exam\s+1 of 4 answered, 70 min left/);
    a.clock.now += 3 * 60 * MINUTE;
    await a.press("m");
    expect(a.frame()).toContain("You have a mock exam in progress: 1 of 4 answered, 1:10:00 left.");
    await a.press(KEY.enter);
    expect(a.frame()).toContain(`Mock exam · ${index + 1}/4 ⚑ flagged · answered`);
    expect(a.frame()).toContain("1:10:00 left");
  });

  it("can be discarded: no score, but its answers reach the schedule", async () => {
    const a = await startExam();
    const index = await goToType(a, "single");
    await a.press("1", "o", "q");
    await settle();
    await a.press("m", "d");
    expect(a.frame()).toContain("Discard it?");
    await a.press("y");
    expect(a.frame()).toContain("Mock exam: 4 questions in 90 minutes");
    const item = a.trainer.store.exam(1)!.session.paper.items[index]!;
    expect(a.trainer.store.history(item.questionId)).toHaveLength(1);
    expect(a.trainer.store.recentExams(5)).toEqual([]);
  });
});

describe("results that help fix mistakes", () => {
  it("filters to wrong, flagged or unanswered, shows time per question and practises the missed", async () => {
    const a = await startExam();
    const index = await goToType(a, "single");
    const item = a.trainer.store.exam(1)!.session.paper.items[index]!;
    const wrong = item.shown.findIndex((i) => i !== 0);
    a.clock.now += 45_000;
    await a.press(String(wrong + 1));
    await a.press("S", "y");
    await settle();
    expect(a.frame()).toContain("Showing: all (4 of 4)");
    expect(a.frame()).toMatch(/\[45s\]/);
    await a.press("f");
    expect(a.frame()).toContain("Showing: wrong (1 of 4)");
    expect(a.frame()).toContain("Which setting makes acknowledged writes durable?");
    await a.press("f", "f");
    expect(a.frame()).toContain("Showing: unanswered (3 of 4)");
    await a.press("m");
    expect(a.frame()).toContain("Practice: missed in mock exam 1");
    expect(a.frame()).toContain("1 of 4");
  });
});

describe("keys faster than the screen", () => {
  it("records an answer once however fast Enter is pressed twice", async () => {
    app = openApp({ screen: "study", mode: "practice", tag: "t-single" });
    await settle();
    await app.press(app.numberOf("acks=all"));
    app.app.stdin.write(KEY.enter);
    app.app.stdin.write(KEY.enter);
    await settle();
    expect(app.trainer.store.history("tui-pack/single")).toHaveLength(1);
  });

  it("a digit typed right after leaving the feedback never re-rates the question left", async () => {
    app = openApp({ screen: "study", mode: "practice", domain: "fundamentals" });
    await settle();
    await app.press("1", "2", KEY.enter);
    await settle();
    const first = answeredOne(app);
    const rated = app.trainer.store.history(first)[0]!.rating;
    app.app.stdin.write(KEY.enter);
    app.app.stdin.write("4");
    await settle();
    expect(app.trainer.store.history(first)[0]!.rating).toBe(rated);
  });
});

describe("ratings the learner controls", () => {
  it("shows each rating's next interval, undoes the last rating and flags a doubtful question", async () => {
    app = openApp({ screen: "study", mode: "practice", domain: "fundamentals" });
    await settle();
    await app.press("1", "2", KEY.enter);
    const first = answeredOne(app);
    expect(app.frame()).toMatch(/1 Again \d+m · 2 Hard \S+ · 3 Good \S+ · 4 Easy \d+d/);
    await app.press("!");
    expect(app.frame()).toContain("Note for the pack's author");
    for (const c of "why 2?") await app.press(c);
    await app.press(KEY.enter);
    expect(app.frame()).toContain("Flagged as doubtful");
    expect(app.trainer.store.flags()).toMatchObject([{ questionId: first, note: "why 2?" }]);
    const before = app.trainer.store.history(first)[0]!.rating;
    await app.press(KEY.enter);
    await settle();
    await app.press("u");
    expect(app.frame()).toContain("Rated");
    const other = before === 4 ? "3" : "4";
    await app.press(other);
    expect(app.trainer.store.history(first)[0]!.rating).toBe(Number(other));
    expect(app.trainer.store.history(first)).toHaveLength(1);
  });
});

describe("settings a learner can see and change", () => {
  it("changes new questions per day, turns time-based ratings on and resets to the default", async () => {
    app = openApp({ screen: "settings" });
    await settle();
    expect(app.frame()).toContain("new-per-day");
    await app.press(KEY.down);
    await app.press(KEY.enter, "4", "0", KEY.enter);
    expect(app.frame()).toContain("new-per-day is now 40.");
    expect(app.trainer.store.settings().newPerDay).toBe(40);
    await app.press(KEY.down, KEY.enter);
    expect(app.trainer.store.settings().timeBasedRatings).toBe(true);
    await app.press(KEY.up, "d");
    expect(app.trainer.store.settings().newPerDay).toBe(20);
    await app.press(KEY.enter, "x", KEY.enter);
    expect(app.frame()).toContain("new-per-day must be a whole number");
  });
});

describe("the exam overview", () => {
  it("shows each question's first line and F jumps to the next flagged one", async () => {
    const a = await startExam();
    await a.press("n", "n", "f", "o");
    expect(a.frame()).toMatch(/3\. · ⚑ /);
    await a.press(KEY.up, KEY.up, "F");
    expect(
      a
        .frame()
        .split("\n")
        .find((l) => l.includes("›")),
    ).toMatch(/›\s+3\./);
    const paper = a.trainer.store.exam(1)!.session.paper;
    const first = a.trainer.questions.get(paper.items[0]!.questionId)!;
    expect(a.frame()).toContain(first.stem.split("\n")[0]!.replace(/[*_`]/g, "").slice(0, 30));
  });
});
