/**
 * Aiken, Moodle's plain single-choice format: the question, lettered options (`A.` or `A)`), then
 * `ANSWER: X`. Questions are separated by blank lines. It has no feedback and no explanation.
 */
import { cleanText, type Draft, type ReadResult, type Report } from "./draft.js";

const OPTION = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER:\s*(.*)$/i;

export function readAiken(text: string, file: string): ReadResult {
  const drafts: Draft[] = [];
  const reports: Report[] = [];
  for (const block of blocks(text)) {
    const result = readQuestion(block, file);
    if ("draft" in result) {
      drafts.push(result.draft);
      reports.push({
        file,
        line: block.line,
        message: "Aiken has no explanation: write one under ## Explanation",
      });
    } else reports.push(result.report);
  }
  return { drafts, reports };
}

interface Block {
  line: number;
  lines: { text: string; line: number }[];
}

/** Runs of non-blank lines; a line after `ANSWER:` starts a new question even without a blank line. */
function blocks(text: string): Block[] {
  const found: Block[] = [];
  let current: Block | undefined;
  text.split(/\r\n?|\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "") {
      current = undefined;
      return;
    }
    if (!current) found.push((current = { line, lines: [] }));
    current.lines.push({ text: trimmed, line });
    if (ANSWER.test(trimmed)) current = undefined;
  });
  return found;
}

function readQuestion(block: Block, file: string): { draft: Draft } | { report: Report } {
  const fail = (line: number, message: string) => ({
    report: { file, line, message: `not imported: ${message}` },
  });
  const stem: string[] = [];
  const options: { letter: string; text: string }[] = [];
  let answer: { letter: string; line: number } | undefined;
  for (const { text, line } of block.lines) {
    const answerMatch = ANSWER.exec(text);
    const optionMatch = OPTION.exec(text);
    if (answerMatch) answer = { letter: answerMatch[1]!.trim().toUpperCase(), line };
    else if (optionMatch) {
      const expected = String.fromCharCode(65 + options.length);
      if (optionMatch[1] !== expected)
        return fail(line, `option ${optionMatch[1]} where ${expected} was expected`);
      options.push({ letter: optionMatch[1]!, text: cleanText(optionMatch[2]!) });
    } else if (options.length > 0)
      return fail(line, `"${text.slice(0, 40)}" is neither an option nor ANSWER:`);
    else stem.push(text);
  }
  const last = block.lines[block.lines.length - 1]!.line;
  if (stem.length === 0) return fail(block.line, "no question text before the options");
  if (options.length < 2)
    return fail(block.line, "a question needs at least two lettered options (A. B. ...)");
  if (!answer) return fail(last, "no ANSWER: line");
  if (!/^[A-Z]$/.test(answer.letter) || !options.some((o) => o.letter === answer.letter))
    return fail(answer.line, `ANSWER: ${answer.letter} names no option`);
  return {
    draft: {
      body: {
        type: "single",
        options: options.map((o) => ({ text: o.text, correct: o.letter === answer.letter })),
      },
      stem: cleanText(stem.join("\n")),
      explanation: "",
      file,
      line: block.line,
    },
  };
}
