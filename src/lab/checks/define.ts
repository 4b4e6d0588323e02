/** What every check is made of: its parameter schema, default title and hint, and a pure run. */
import { z } from "zod";
import { regionName } from "../fault.js";
import type { CheckOutcome, GradeInput, TopicState } from "./types.js";

export const region = regionName;
export const count = z.int().min(0);
export const name = z.string().min(1);
export const settings = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

export interface CheckDefinition<S extends z.ZodType = z.ZodType> {
  /** One line for the authoring guide. */
  summary: string;
  params: S;
  /** The title shown when the lab gives none. */
  title(params: z.output<S>): string;
  hint: string;
  run(input: GradeInput, params: z.output<S>): CheckOutcome;
}

export const define = <S extends z.ZodType>(definition: CheckDefinition<S>) => definition;

export const ok = (observed: string): CheckOutcome => ({ passed: true, observed });
export const fail = (observed: string, hint?: string): CheckOutcome => ({
  passed: false,
  observed,
  ...(hint ? { hint } : {}),
});

export function topicOn(input: GradeInput, r: "A" | "B", topic: string): TopicState | string {
  const state = input.observed.regions[r];
  if (!state.reachable) return `region ${r} is unreachable`;
  return state.topics[topic] ?? `no topic ${topic} on region ${r}`;
}
