import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { readGift } from "../../src/interchange/gift-import.js";

const FILE = "formats.gift";
const result = readGift(
  readFileSync(path.join(import.meta.dirname, "../fixtures/gift/formats.gift"), "utf8"),
  FILE,
);

it("keeps markdown text with escaped newlines, and a category written directly above a question", () => {
  expect(result.drafts[0]).toMatchObject({
    title: "formatted",
    category: "fundamentals",
    line: 4,
    stem: "Which setting is shown here?\n\n```properties\nacks=all\n```",
    explanation: "First line.\nSecond line.",
    body: {
      type: "single",
      options: [
        { text: "The producer's `acks`", correct: true, why: "It is a **producer** setting." },
        { text: "The broker's `min.insync.replicas`", correct: false },
      ],
    },
  });
});

it("reads a match without a left item as a distractor", () => {
  expect(result.drafts[1]).toMatchObject({
    title: "extra-right-item",
    line: 10,
    body: {
      type: "matching",
      pairs: [
        { left: "kafka-topics", right: "Create and describe topics" },
        { left: "kafka-consumer-groups", right: "Describe consumer lag" },
      ],
      distractors: ["Rebalance partitions across brokers"],
    },
  });
});

it("reports descriptions and answers inside the text, with their lines", () => {
  expect(result.drafts).toHaveLength(2);
  expect(result.reports).toEqual([
    { file: FILE, line: 17, message: "not imported: a description (text without answers) is not a question" },
    {
      file: FILE,
      line: 19,
      message:
        "not imported: a question with its answers inside the text (a cloze) cannot be expressed in a pack",
    },
  ]);
});
