import { rightItems, type Matching, type MatchingAnswer } from "../../questions/matching.js";
import { bound, digit } from "../keymap.js";
import { hanging, inlineText, style } from "../text.js";
import { answerRow, type AnswerView } from "./view.js";

/** Gives left item `left` the right item at display position `position`, or steps through them with `step`. */
function assign(
  answer: MatchingAnswer | undefined,
  body: Matching,
  shown: readonly number[],
  left: number,
  change: { position: number } | { step: 1 | -1 },
): MatchingAnswer {
  const matches = answer ? [...answer.matches] : Array<number | null>(body.pairs.length).fill(null);
  const current = matches[left] ?? null;
  let position: number;
  if ("position" in change) position = change.position;
  else {
    const at = current === null ? -1 : shown.indexOf(current);
    position =
      at === -1
        ? change.step === 1
          ? 0
          : shown.length - 1
        : (at + change.step + shown.length) % shown.length;
  }
  matches[left] = shown[position] ?? null;
  return { type: "matching", matches };
}

const letter = (i: number) => String.fromCharCode(97 + i);

export const matching: AnswerView<Matching, MatchingAnswer> = {
  instructions: () =>
    "Match each lettered item: ↑↓ to pick one, then its partner's number (or ←→); Enter when done.",
  rows: (body) => body.pairs.length,
  keys({ body, shown, answer, cursor, input, key }) {
    const n = digit(input);
    if (n !== undefined && n <= shown.length)
      return { answer: assign(answer, body, shown, cursor, { position: n - 1 }) };
    if (bound("answer", "right", input, key))
      return { answer: assign(answer, body, shown, cursor, { step: 1 }) };
    if (bound("answer", "left", input, key))
      return { answer: assign(answer, body, shown, cursor, { step: -1 }) };
    return undefined;
  },
  draw(body, shown, answer, { cursor }, columns) {
    const matches = answer?.matches ?? [];
    const rights = rightItems(body);
    const rows = body.pairs.map((pair, left) => {
      const match = matches[left];
      const position = match === null || match === undefined ? -1 : shown.indexOf(match);
      const partner = style.bold(position === -1 ? "  →  ?" : `  →  ${position + 1}`);
      return {
        key: `row-${left}`,
        lines: answerRow(left === cursor, `${letter(left)}.`, inlineText(pair.left) + partner, columns),
      };
    });
    const list = shown.flatMap((index, position) =>
      answerRow(false, `${position + 1}.`, inlineText(rights[index]!), columns),
    );
    return [...rows, { key: "rights", lines: ["", ...list] }];
  },
  solution(body, _shown, answer, columns) {
    const rights = rightItems(body);
    const given = answer?.matches ?? [];
    return body.pairs.flatMap((pair, left) => {
      const mine = given[left];
      const ok = mine === left;
      const yours =
        !ok && mine !== undefined && mine !== null
          ? style.dim(`  (you matched: ${inlineText(rights[mine] ?? "")})`)
          : "";
      return hanging(
        `${ok ? "✓" : "✗"} `,
        `${inlineText(pair.left)}  →  ${inlineText(pair.right)}${yours}`,
        columns,
      );
    });
  },
};
