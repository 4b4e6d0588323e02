import { z } from "zod";
import { entryPaths, nonEmptyText, repeatedValues, type Finding } from "./type-module.js";

/** What single choice and multiple select share: a list of options, some of them right. */
export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong; shown next to it after answering. */
  why?: string;
}

export function optionsSchema(): z.ZodType<ChoiceOption[]> {
  const option = z.strictObject({
    text: nonEmptyText(),
    correct: z.boolean().default(false),
    why: nonEmptyText().optional(),
  });
  return z.array(option).min(2, "give at least two options").max(10, "give at most ten options");
}

export const rightCount = (options: readonly ChoiceOption[]) => options.filter((o) => o.correct).length;

export function repeatedOptions(options: readonly ChoiceOption[]): Finding[] {
  return repeatedValues(
    options.map((o) => o.text),
    entryPaths("options", options.length, "text"),
    "option",
  );
}
