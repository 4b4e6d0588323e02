import type { ListOrder, OrderAnswer } from "../../questions/order.js";
import { bound } from "../keymap.js";
import { hanging, inlineText, style } from "../text.js";
import { answerRow, clampRow, type AnswerView } from "./view.js";

/** Moves the item at `from` to `to`. */
function move(answer: OrderAnswer, from: number, to: number): OrderAnswer {
  const order = [...answer.order];
  const [item] = order.splice(from, 1);
  order.splice(Math.max(0, Math.min(order.length, to)), 0, item!);
  return { type: "order", order };
}

export const order: AnswerView<ListOrder, OrderAnswer> = {
  instructions: () =>
    "Put these in order: Space picks up an item, ↑↓ moves it, Space drops it; Enter when done.",
  rows: (body) => body.items.length,
  keys({ body, answer, cursor, holding, input, key }) {
    if (bound("answer", "toggle", input, key)) return { holding: !holding };
    const up = bound("answer", "up", input, key);
    if (holding && answer && (up || bound("answer", "down", input, key))) {
      const to = clampRow(cursor + (up ? -1 : 1), body.items.length);
      return { answer: move(answer, cursor, to), cursor: to };
    }
    return undefined;
  },
  draw: (body, _shown, answer, { cursor, holding }, columns) =>
    (answer?.order ?? []).map((index, position) => ({
      key: `row-${position}`,
      lines: answerRow(
        position === cursor,
        `${position + 1}.${holding && position === cursor ? " ≡" : ""}`,
        inlineText(body.items[index]!),
        columns,
      ),
    })),
  solution(body, _shown, answer, columns) {
    const mine = answer?.order ?? [];
    return [
      style.dim("The right order:"),
      ...body.items.flatMap((item, position) => {
        const placed = mine.indexOf(position);
        const note = placed !== position && placed >= 0 ? style.dim(`  (you put it at ${placed + 1})`) : "";
        return hanging(
          `${placed === position ? "✓" : "✗"} ${position + 1}. `,
          inlineText(item) + note,
          columns,
        );
      }),
    ];
  },
};
