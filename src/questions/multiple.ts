import { z } from "zod";
import { optionsSchema, repeatedOptions, rightCount, type ChoiceOption } from "./choice.js";
import {
  allOrNothing,
  indexSchema,
  isIndex,
  shuffledIndices,
  type Finding,
  type QuestionTypeModule,
} from "./type-module.js";

export interface MultipleSelect {
  type: "multiple";
  options: ChoiceOption[];
}

/** The chosen options. */
export interface MultipleAnswer {
  type: "multiple";
  choices: number[];
}

export const multiple: QuestionTypeModule<MultipleSelect, MultipleAnswer> = {
  type: "multiple",
  fields: () => ({ options: optionsSchema() }),
  rules(body) {
    const right = rightCount(body.options);
    const found: Finding[] = [];
    if (right < 2)
      found.push({
        path: ["options"],
        message: `multiple select needs at least two right options, found ${right}`,
        ...(right === 1 ? { suggestion: 'use "type: single" for one right option' } : {}),
      });
    if (right === body.options.length)
      found.push({ path: ["options"], message: "every option is right: add at least one wrong option" });
    return [...found, ...repeatedOptions(body.options)];
  },
  answerSchema: () => z.object({ type: z.literal("multiple"), choices: z.array(indexSchema()) }),
  empty: () => undefined,
  // "Choose N" says how many: an answer is complete with exactly that many ticks.
  isComplete: (body, answer) => answer.choices.length === rightCount(body.options),
  problem(body, answer) {
    if (!Array.isArray(answer.choices)) return "choices must be a list";
    if (!answer.choices.every((c) => isIndex(c, body.options.length))) return "a chosen option does not exist";
    return new Set(answer.choices).size === answer.choices.length ? null : "an option is chosen twice";
  },
  correct: (body) => ({ type: "multiple", choices: body.options.flatMap((o, i) => (o.correct ? [i] : [])) }),
  score(body, answer) {
    const picked = answer.choices.map((i) => body.options[i]?.correct === true);
    return allOrNothing(
      picked.filter(Boolean).length,
      rightCount(body.options),
      picked.filter((p) => !p).length,
    );
  },
  resultUnit: "right picks",
  shuffle: (body, random) => shuffledIndices(body.options.length, random),
  lefts: () => 0,
  remap: (answer, map) => ({ type: "multiple", choices: answer.choices.map(map) }),
};
