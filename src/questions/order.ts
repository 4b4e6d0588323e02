import { z } from "zod";
import {
  allOrNothing,
  entryPaths,
  indexSchema,
  isIndex,
  nonEmptyText,
  repeatedValues,
  shuffledIndices,
  type QuestionTypeModule,
} from "./type-module.js";

export interface ListOrder {
  type: "order";
  /** Items in their correct order. */
  items: string[];
}

/** The item indices in the order the learner put them. */
export interface OrderAnswer {
  type: "order";
  order: number[];
}

export const order: QuestionTypeModule<ListOrder, OrderAnswer> = {
  type: "order",
  fields: () => ({ items: z.array(nonEmptyText()).min(3, "list order needs at least three items") }),
  rules: (body) => repeatedValues(body.items, entryPaths("items", body.items.length), "item"),
  answerSchema: () => z.object({ type: z.literal("order"), order: z.array(indexSchema()) }),
  // The learner starts from the scrambled order shown, which is never already right.
  empty: (_body, shown) => ({ type: "order", order: [...shown] }),
  isComplete: () => true,
  problem(body, answer) {
    const size = body.items.length;
    if (!Array.isArray(answer.order) || answer.order.length !== size) return `order needs all ${size} items`;
    return new Set(answer.order).size === size && answer.order.every((i) => isIndex(i, size))
      ? null
      : "order is not a permutation";
  },
  correct: (body) => ({ type: "order", order: body.items.map((_, i) => i) }),
  score: (body, answer) =>
    allOrNothing(answer.order.filter((item, position) => item === position).length, body.items.length),
  resultUnit: "in place",
  shuffle(body, random) {
    const shown = shuffledIndices(body.items.length, random);
    // A list shown already in order would be answered by not touching it.
    return shown.length > 1 && shown.every((v, i) => v === i) ? [...shown.slice(1), shown[0]!] : shown;
  },
  lefts: () => 0,
  remap: (answer, map) => ({ type: "order", order: answer.order.map(map) }),
};
