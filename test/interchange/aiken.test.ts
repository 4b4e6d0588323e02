import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAiken } from "../../src/interchange/aiken.js";

const fixture = path.join(import.meta.dirname, "../fixtures/aiken/every-construct.txt");
const FILE = "every-construct.txt";
const result = readAiken(readFileSync(fixture, "utf8"), FILE);

describe("reading Aiken", () => {
  it("imports each well-formed question as single choice, with A. and A) options", () => {
    expect(result.drafts.map((d) => [d.line, d.stem, d.body])).toEqual([
      [
        1,
        "What does the replication factor of a topic count?",
        {
          type: "single",
          options: [
            { text: "The copies of each partition, leader included", correct: true },
            { text: "The partitions of the topic", correct: false },
            { text: "The consumers of each group", correct: false },
          ],
        },
      ],
      [
        7,
        "Which port does a broker listen on by default?",
        {
          type: "single",
          options: [
            { text: "2181", correct: false },
            { text: "9092", correct: true },
            { text: "8083", correct: false },
          ],
        },
      ],
      // Directly after an ANSWER: line, without a blank line between.
      [
        12,
        "Which tool lists consumer groups?",
        {
          type: "single",
          options: [
            { text: "kafka-topics", correct: false },
            { text: "kafka-consumer-groups", correct: true },
          ],
        },
      ],
    ]);
    expect(result.drafts.every((d) => d.explanation === "")).toBe(true);
  });

  it("reports the missing explanations and every malformed question, with file and line", () => {
    const none = "Aiken has no explanation: write one under ## Explanation";
    expect(result.reports).toEqual([
      { file: FILE, line: 1, message: none },
      { file: FILE, line: 7, message: none },
      { file: FILE, line: 12, message: none },
      { file: FILE, line: 20, message: "not imported: ANSWER: D names no option" },
      { file: FILE, line: 24, message: "not imported: no ANSWER: line" },
      {
        file: FILE,
        line: 26,
        message: "not imported: a question needs at least two lettered options (A. B. ...)",
      },
      { file: FILE, line: 32, message: "not imported: option C where B was expected" },
    ]);
  });

  it("reports text after the options that is neither an option nor the answer", () => {
    const read = readAiken("Q?\nA. one\nB. two\nstray words\nANSWER: A\n", "s.txt");
    expect(read.drafts).toEqual([]);
    expect(read.reports).toEqual([
      { file: "s.txt", line: 4, message: 'not imported: "stray words" is neither an option nor ANSWER:' },
    ]);
  });
});
