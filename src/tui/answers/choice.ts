import type { ChoiceOption } from "../../questions/index.js";
import { hanging, indent, inlineText, style, wrap } from "../text.js";
import { answerRow, type AnswerBlock, type AnswerCursor } from "./view.js";

/** What single choice and multiple select share on screen: one row per option, a box that is ticked. */
export function optionRows(
  options: readonly ChoiceOption[],
  shown: readonly number[],
  picked: (index: number) => boolean,
  box: (picked: boolean) => string,
  { cursor }: AnswerCursor,
  columns: number,
): AnswerBlock[] {
  return shown.map((index, position) => ({
    key: `row-${position}`,
    lines: answerRow(
      position === cursor,
      `${position + 1}. ${box(picked(index))}`,
      inlineText(options[index]!.text),
      columns,
    ),
  }));
}

/** Every option marked (✓ right, ✗ picked but wrong) with its reason. */
export function optionSolution(
  options: readonly ChoiceOption[],
  shown: readonly number[],
  picked: (index: number) => boolean,
  columns: number,
): string[] {
  return shown.flatMap((index, position) => {
    const option = options[index]!;
    const mark = option.correct ? "✓" : picked(index) ? "✗" : " ";
    const note = picked(index)
      ? option.correct
        ? "  (your pick)"
        : "  (your pick, wrong)"
      : option.correct
        ? "  (right answer)"
        : "";
    const text = inlineText(option.text) + style.dim(note);
    const head = hanging(`${mark} ${position + 1}. `, option.correct ? style.bold(text) : text, columns);
    const why = option.why ? indent(wrap(style.dim(inlineText(option.why)), columns - 5), "     ") : [];
    return [...head, ...why];
  });
}
