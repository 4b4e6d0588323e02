import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGift } from "../../src/interchange/gift-import.js";
import { assignIds } from "../../src/interchange/draft.js";
import { findUnsafeCharacters } from "../../src/catalog/terminal-safety.js";

const fixture = path.join(import.meta.dirname, "../fixtures/gift/every-construct.gift");
const FILE = "every-construct.gift";
const result = readGift(readFileSync(fixture, "utf8"), FILE);
const draft = (title: string) => result.drafts.find((d) => d.title === title);

describe("reading GIFT", () => {
  it("imports the questions a pack can hold, in file order, each with the line it starts on", () => {
    expect(result.drafts.map((d) => [d.title, d.line])).toEqual([
      ["replication-factor", 6],
      ["Escaped characters", 13],
      [undefined, 20],
      ["connect-topics", 30],
      ["kraft-true", 37],
      ["no-feedback", 39],
      ["after-broken", 54],
    ]);
  });

  it("takes per-answer feedback as each option's why and general feedback as the explanation", () => {
    expect(draft("replication-factor")).toMatchObject({
      category: "$course$/Kafka/Basics",
      stem: "What does the replication factor of a topic count?",
      explanation: "The replication factor is the number of replicas of each partition.",
      body: {
        type: "single",
        options: [
          {
            text: "The copies of each partition, leader included",
            correct: true,
            why: "Each partition has that many replicas.",
          },
          {
            text: "The partitions of the topic",
            correct: false,
            why: "Partitions are set by the partition count.",
          },
          // %-100% is a wrong option.
          { text: "The consumers of each group", correct: false, why: "Consumers are not replicas." },
        ],
      },
    });
  });

  it("reads escaped special characters as themselves", () => {
    const q = draft("Escaped characters")!;
    expect(q.stem).toBe(
      "Which setting has the form key=value with a colon: {braces}, a tilde ~ and a hash #?",
    );
    expect(q.body).toMatchObject({
      options: [
        { text: "`acks=all`", why: "Right: a producer setting." },
        { why: "Wrong: this one delays batches." },
      ],
    });
    expect(q.explanation).toBe("Escapes keep ~ = # { } : as text.");
  });

  it("makes a question with two positive weights a multiple select, over several lines, skipping comments", () => {
    const q = result.drafts[2]!;
    expect(q.stem).toContain("Which two settings together make an");
    expect(q.stem).toContain("acknowledged record survive the loss of one broker?");
    expect(q.body).toMatchObject({
      type: "multiple",
      options: [{ correct: true }, { correct: true }, { correct: false, text: "linger.ms=0" }],
    });
  });

  it("keeps matching pairs, the category they follow, and true/false as a two-option single choice", () => {
    expect(draft("connect-topics")).toMatchObject({
      category: "$course$/Kafka/Connect",
      body: {
        type: "matching",
        pairs: [
          { left: "config.storage.topic", right: "Connector configurations" },
          { left: "offset.storage.topic", right: "Source connector offsets" },
          { left: "status.storage.topic", right: "Connector and task status" },
        ],
        distractors: [],
      },
    });
    expect(draft("kraft-true")!.body).toEqual({
      type: "single",
      options: [
        { text: "True", correct: true, why: "Right: KRaft is the only mode." },
        { text: "False", correct: false, why: "Wrong: ZooKeeper mode was removed." },
      ],
    });
    expect(draft("kraft-true")!.explanation).toBe("Kafka 4.0 removed ZooKeeper mode.");
  });

  it("reports what a pack cannot hold and malformed questions, with file and line", () => {
    expect(result.reports).toEqual([
      {
        file: FILE,
        line: 39,
        message: "no general feedback (####): write the explanation under ## Explanation",
      },
      { file: FILE, line: 44, message: "not imported: an essay question cannot be expressed in a pack" },
      { file: FILE, line: 46, message: "not imported: a numeric question cannot be expressed in a pack" },
      {
        file: FILE,
        line: 48,
        message: "not imported: a short-answer question cannot be expressed in a pack",
      },
      { file: FILE, line: 53, message: 'not imported: GIFT syntax: Expected "}" but end of input found.' },
    ]);
    expect(draft("no-feedback")!.explanation).toBe("");
  });

  it("reports partial credit that is not an even split", () => {
    const uneven = readGift("Q {\n~%70%a\n~%30%b\n~%-100%c\n####x\n}\n", "u.gift");
    expect(uneven.drafts[0]!.body.type).toBe("multiple");
    expect(uneven.reports).toEqual([
      {
        file: "u.gift",
        line: 1,
        message: "partial credit weights are not kept: the question is scored all or nothing",
      },
    ]);
  });

  it("drops control characters, so no written file carries one", () => {
    const read = readGift("Q \u001b[31mred {\n=a\u0007\n~b\n####x\u009b\n}\n", "c.gift");
    expect(read.drafts[0]!.stem).toBe("Q red");
    const q = read.drafts[0]!;
    const texts = q.body.type === "single" ? q.body.options.map((o) => o.text) : [];
    expect(texts).toEqual(["a", "b"]);
    expect(q.explanation).toBe("x");
    expect([q.stem, q.explanation, ...texts].flatMap(findUnsafeCharacters)).toEqual([]);
  });
});

describe("question ids", () => {
  it("come from the title, or a slug of the stem, and never repeat", () => {
    const ids = assignIds(result.drafts, ["no-feedback"]);
    expect(ids).toEqual([
      "replication-factor",
      "escaped-characters",
      "which-two-settings-together-make-an-acknowledged",
      "connect-topics",
      "kraft-true",
      "no-feedback-2",
      "after-broken",
    ]);
  });
});
