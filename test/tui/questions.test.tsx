import { afterEach, describe, expect, it } from "vitest";
import { KEY, openApp, settle } from "./harness.js";

type App = ReturnType<typeof openApp>;
let app: App | undefined;
afterEach(() => app?.close());

async function practise(tag: string): Promise<App> {
  app = openApp({ screen: "study", mode: "practice", tag });
  await settle();
  return app;
}

const reviews = (a: App, id: string) => a.trainer.store.history(`tui-pack/${id}`);

describe("answering each question type from the keyboard", () => {
  it("single choice, right: a number picks, Enter submits, the answer is stored", async () => {
    const a = await practise("t-single");
    expect(a.frame()).toContain("Choose one");
    await a.press(a.numberOf("acks=all"), KEY.enter);
    expect(a.frame()).toContain("✓ Right");
    expect(a.frame()).toContain("Because replication acknowledges");
    expect(reviews(a, "single")).toMatchObject([{ correct: true, mode: "practice" }]);
  });

  it("single choice, wrong: shows the right answer and rates Again", async () => {
    const a = await practise("t-single");
    await a.press(a.numberOf("acks=0"), KEY.enter);
    expect(a.frame()).toContain("✗ Wrong");
    expect(a.frame()).toMatch(/acks=all\s+\(right answer\)/);
    expect(a.frame()).toContain("Rated Again");
    expect(reviews(a, "single")).toMatchObject([{ correct: false, rating: 1 }]);
  });

  it("multiple select, right: toggles, then submits", async () => {
    const a = await practise("t-multiple");
    expect(a.frame()).toContain("Choose 2");
    await a.press(a.numberOf("`acks=all`"), a.numberOf("min.insync.replicas=2"));
    expect(a.frame()).toMatch(/\[x\] `acks=all`/);
    await a.press(KEY.enter);
    expect(a.frame()).toContain("✓ Right");
    expect(reviews(a, "multiple")).toMatchObject([{ correct: true }]);
  });

  it("multiple select, wrong: shows the partial result", async () => {
    const a = await practise("t-multiple");
    await a.press(a.numberOf("`acks=all`"), a.numberOf("linger.ms=0"), KEY.enter);
    expect(a.frame()).toContain("✗ Wrong (1 of 2 right picks, 1 wrong pick)");
    expect(reviews(a, "multiple")).toMatchObject([{ correct: false }]);
  });

  it("matching, right: each left item gets its partner's number", async () => {
    const a = await practise("t-matching");
    expect(a.frame()).toContain("a. RPO  →  ?");
    await a.press(
      a.numberOf("How much data may be lost"),
      KEY.down,
      a.numberOf("How long the service may be down"),
    );
    await a.press(KEY.enter);
    expect(a.frame()).toContain("✓ Right");
    expect(reviews(a, "matching")).toMatchObject([{ correct: true }]);
  });

  it("matching, wrong: a swapped pair is marked with what was matched", async () => {
    const a = await practise("t-matching");
    await a.press(
      a.numberOf("How long the service may be down"),
      KEY.down,
      a.numberOf("How much data may be lost"),
    );
    await a.press(KEY.enter);
    expect(a.frame()).toContain("✗ Wrong (0 of 2 pairs matched)");
    expect(a.frame()).toContain("(you matched: How long the service may be down)");
  });

  it("list order, right: Space picks an item up, arrows move it, Space drops it", async () => {
    const a = await practise("t-order");
    const order = [
      "Stop the producers",
      "Wait for replication lag",
      "Translate the consumer group",
      "Point the clients",
    ];
    // Bring each item, in the right order, to the top part of the list by carrying it up.
    for (let target = 0; target < order.length; target++) {
      const from = Number(a.numberOf(order[target]!)) - 1;
      for (let i = 0; i < from; i++) await a.press(KEY.down);
      await a.press(KEY.space);
      for (let i = from; i > target; i--) await a.press(KEY.up);
      await a.press(KEY.space);
      for (let i = target; i > 0; i--) await a.press(KEY.up);
    }
    order.forEach((item, i) => expect(a.numberOf(item)).toBe(String(i + 1)));
    await a.press(KEY.enter);
    expect(a.frame()).toContain("✓ Right");
    expect(reviews(a, "order")).toMatchObject([{ correct: true }]);
  });

  it("list order, wrong: submitting the scrambled order shows the right order", async () => {
    const a = await practise("t-order");
    await a.press(KEY.enter);
    expect(a.frame()).toContain("✗ Wrong");
    expect(a.frame()).toContain("The right order:");
    expect(reviews(a, "order")).toMatchObject([{ correct: false }]);
  });
});

describe("ratings", () => {
  it("lets the learner override the derived rating, and stores it", async () => {
    const a = await practise("t-single");
    await a.press(a.numberOf("acks=0"), KEY.enter);
    expect(a.frame()).toContain("Rated Again");
    await a.press("3");
    expect(a.frame()).toContain("Rated Good (you changed it from Again)");
    expect(reviews(a, "single")).toMatchObject([{ rating: 3, autoRating: 1 }]);
  });

  it("rates a right answer Good by default, however quick or slow", async () => {
    const a = await practise("t-single");
    a.clock.now += 5_000;
    await a.press(a.numberOf("acks=all"), KEY.enter);
    expect(a.frame()).toContain("Rated Good");
  });

  it("with time-based ratings on: Easy for a quick right answer and Hard for a slow one", async () => {
    const a = await practise("t-single");
    a.trainer.store.updateSettings({ timeBasedRatings: true });
    a.clock.now += 5_000;
    await a.press(a.numberOf("acks=all"), KEY.enter);
    expect(a.frame()).toContain("Rated Easy");
    a.close();
    const b = (app = openApp({ screen: "study", mode: "practice", tag: "t-single" }));
    b.trainer.store.updateSettings({ timeBasedRatings: true });
    await settle();
    b.clock.now += 10 * 60_000;
    await b.press(b.numberOf("acks=all"), KEY.enter);
    expect(b.frame()).toContain("Rated Hard");
  });

  it("with time-based ratings on, a quick right answer minutes after a miss is Good, not Easy", async () => {
    const a = await practise("t-single");
    a.trainer.store.updateSettings({ timeBasedRatings: true });
    const question = a.trainer.allQuestions.find((q) => q.id === "tui-pack/single")!;
    const wrong = a.trainer.answer(question, { type: "single", choice: 1 }, 4_000, "practice");
    expect(wrong.rating).toBe(1);
    a.clock.now += 3 * 60_000;
    const right = a.trainer.answer(question, { type: "single", choice: 0 }, 2_000, "practice");
    expect(right.result.correct).toBe(true);
    expect(right.rating).toBe(3);
  });
});
