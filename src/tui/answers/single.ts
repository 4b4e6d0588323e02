import type { SingleAnswer, SingleChoice } from "../../questions/single.js";
import { bound, digit } from "../keymap.js";
import { optionRows, optionSolution } from "./choice.js";
import type { AnswerView } from "./view.js";

const choose = (shown: readonly number[], position: number): SingleAnswer => ({
  type: "single",
  choice: shown[position]!,
});

export const single: AnswerView<SingleChoice, SingleAnswer> = {
  instructions: () => "Choose one: press its number, or move with ↑↓ and press Enter.",
  rows: (body) => body.options.length,
  keys({ body, shown, answer, cursor, input, key }) {
    // Enter with nothing chosen takes the option under the cursor; a second Enter submits it.
    if (bound("answer", "submit", input, key) && !answer) return { answer: choose(shown, cursor) };
    const n = digit(input);
    if (n !== undefined && n <= body.options.length) return { cursor: n - 1, answer: choose(shown, n - 1) };
    return undefined;
  },
  draw: (body, shown, answer, cursor, columns) =>
    optionRows(
      body.options,
      shown,
      (i) => answer?.choice === i,
      (p) => (p ? "(•)" : "( )"),
      cursor,
      columns,
    ),
  solution: (body, shown, answer, columns) =>
    optionSolution(body.options, shown, (i) => answer?.choice === i, columns),
};
