import { rightCount } from "../../questions/choice.js";
import type { MultipleAnswer, MultipleSelect } from "../../questions/multiple.js";
import { bound, digit } from "../keymap.js";
import { optionRows, optionSolution } from "./choice.js";
import type { AnswerView } from "./view.js";

/** Selects or clears the option at display position `position`. */
function toggle(
  answer: MultipleAnswer | undefined,
  shown: readonly number[],
  position: number,
): MultipleAnswer {
  const choices = answer?.choices ?? [];
  const index = shown[position]!;
  return {
    type: "multiple",
    choices: choices.includes(index)
      ? choices.filter((c) => c !== index)
      : [...choices, index].sort((a, b) => a - b),
  };
}

export const multiple: AnswerView<MultipleSelect, MultipleAnswer> = {
  instructions: (body) =>
    `Choose ${rightCount(body.options)}: press numbers (or Space) to select or clear, then Enter.`,
  rows: (body) => body.options.length,
  keys({ body, shown, answer, cursor, input, key }) {
    const n = digit(input);
    if (n === undefined && !bound("answer", "toggle", input, key)) return undefined;
    const position = n !== undefined ? n - 1 : cursor;
    if (position >= body.options.length) return {};
    const right = rightCount(body.options);
    const chosen = answer?.choices ?? [];
    if (!chosen.includes(shown[position]!) && chosen.length >= right) {
      return { cursor: position, notice: `Choose ${right}: clear one of your ${right} ticks first.` };
    }
    return { cursor: position, answer: toggle(answer, shown, position) };
  },
  draw: (body, shown, answer, cursor, columns) =>
    optionRows(
      body.options,
      shown,
      (i) => answer?.choices.includes(i) === true,
      (p) => (p ? "[x]" : "[ ]"),
      cursor,
      columns,
    ),
  solution: (body, shown, answer, columns) =>
    optionSolution(body.options, shown, (i) => answer?.choices.includes(i) === true, columns),
};
