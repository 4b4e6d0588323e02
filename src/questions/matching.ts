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

export interface MatchPair {
  left: string;
  right: string;
}

export interface Matching {
  type: "matching";
  pairs: MatchPair[];
  /** Extra right-hand items that match nothing. */
  distractors: string[];
}

/**
 * For each left item, the index of the right item given to it (`null`: left open). Right items are
 * numbered as `rightItems()` lists them: the pairs' right sides, then the distractors.
 */
export interface MatchingAnswer {
  type: "matching";
  matches: (number | null)[];
}

/** The right-hand items of a matching question in file order: the pairs' right sides, then distractors. */
export function rightItems(body: Matching): string[] {
  return [...body.pairs.map((p) => p.right), ...body.distractors];
}

export const matching: QuestionTypeModule<Matching, MatchingAnswer> = {
  type: "matching",
  fields: () => ({
    pairs: z
      .array(z.strictObject({ left: nonEmptyText(), right: nonEmptyText() }))
      .min(2, "give at least two pairs"),
    distractors: z.array(nonEmptyText()).default([]),
  }),
  rules: (body) => [
    ...repeatedValues(
      body.pairs.map((p) => p.left),
      entryPaths("pairs", body.pairs.length, "left"),
      "left item",
    ),
    ...repeatedValues(
      rightItems(body),
      [
        ...entryPaths("pairs", body.pairs.length, "right"),
        ...entryPaths("distractors", body.distractors.length),
      ],
      "right item",
    ),
  ],
  answerSchema: () => z.object({ type: z.literal("matching"), matches: z.array(indexSchema().nullable()) }),
  empty: (body) => ({ type: "matching", matches: body.pairs.map(() => null) }),
  isComplete: (_body, answer) => answer.matches.every((m) => m !== null),
  problem(body, answer) {
    const lefts = body.pairs.length;
    if (!Array.isArray(answer.matches) || answer.matches.length !== lefts)
      return `matching needs one entry per left item (${lefts})`;
    const size = rightItems(body).length;
    return answer.matches.every((m) => m === null || isIndex(m, size)) ? null : "a right item does not exist";
  },
  correct: (body) => ({ type: "matching", matches: body.pairs.map((_, i) => i) }),
  // Right items are unique (the catalog checks it), so the pair's own index is the only right match.
  score: (body, answer) =>
    allOrNothing(answer.matches.filter((m, left) => m === left).length, body.pairs.length),
  resultUnit: "pairs matched",
  shuffle: (body, random) => shuffledIndices(rightItems(body).length, random),
  lefts: (body) => body.pairs.length,
  remap(answer, map, lefts) {
    if (answer.matches.length !== lefts) throw new RangeError(`matching needs ${lefts} entries`);
    return { type: "matching", matches: answer.matches.map((m) => (m === null ? null : map(m))) };
  },
};
