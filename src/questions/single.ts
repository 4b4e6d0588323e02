import { z } from "zod";
import { optionsSchema, repeatedOptions, rightCount, type ChoiceOption } from "./choice.js";
import {
  allOrNothing,
  indexSchema,
  isIndex,
  shuffledIndices,
  type QuestionTypeModule,
} from "./type-module.js";

export interface SingleChoice {
  type: "single";
  options: ChoiceOption[];
}

/** The chosen option. */
export interface SingleAnswer {
  type: "single";
  choice: number;
}

export const single: QuestionTypeModule<SingleChoice, SingleAnswer> = {
  type: "single",
  fields: () => ({ options: optionsSchema() }),
  rules(body) {
    const right = rightCount(body.options);
    return [
      ...(right === 1
        ? []
        : [
            {
              path: ["options"],
              message: `single choice needs exactly one option with "correct: true", found ${right}`,
              ...(right > 1 ? { suggestion: 'use "type: multiple" if several options are right' } : {}),
            },
          ]),
      ...repeatedOptions(body.options),
    ];
  },
  answerSchema: () => z.object({ type: z.literal("single"), choice: indexSchema() }),
  empty: () => undefined,
  isComplete: () => true,
  problem: (body, answer) =>
    isIndex(answer.choice, body.options.length) ? null : `option ${answer.choice} does not exist`,
  correct: (body) => ({ type: "single", choice: body.options.findIndex((o) => o.correct) }),
  score: (body, answer) => allOrNothing(body.options[answer.choice]?.correct ? 1 : 0, 1),
  resultUnit: "right",
  shuffle: (body, random) => shuffledIndices(body.options.length, random),
  lefts: () => 0,
  remap: (answer, map) => ({ type: "single", choice: map(answer.choice) }),
};
