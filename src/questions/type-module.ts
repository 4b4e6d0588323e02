import { z } from "zod";

/**
 * What every question type supplies, kept pure (no catalog, store or terminal): `B` is the part of a
 * question the type adds to the common fields (its `type` and its own fields), `A` its answer.
 * Answers are always in the question file's own indices; `remap` turns them into display positions
 * and back.
 */
export interface QuestionTypeModule<B extends { type: string }, A extends { type: string }> {
  readonly type: B["type"];
  /** The type's own front-matter fields (built on first use: zod schemas cost start-up time). */
  fields(): FieldSchemas<B>;
  /** What zod cannot check field by field (right-answer counts, repeated items), by field path. */
  rules(body: B): Finding[];
  /** The answer's shape, for progress files; `problem` then checks that it fits the question. */
  answerSchema(): z.ZodType<A>;
  /** The answer a learner starts from, or undefined when nothing is chosen yet. */
  empty(body: B, shown: readonly number[]): A | undefined;
  /** Whether the answer can be submitted. */
  isComplete(body: B, answer: A): boolean;
  /** Why an answer does not fit the question (its indices, its length), or null when it does. */
  problem(body: B, answer: A): string | null;
  /** The one right answer. */
  correct(body: B): A;
  score(body: B, answer: A): AnswerResult;
  /** What `right` of `total` counts, in words: "right picks", "in place". */
  readonly resultUnit: string;
  /** A shuffled display order: `shown[d]` is the file index shown at position d. */
  shuffle(body: B, random: Shuffler): number[];
  /** Rows of an exam item that keep file order (a matching question's left items); 0 if none. */
  lefts(body: B): number;
  /**
   * The answer with every index rewritten by `map` (display positions to file indices and back);
   * throws a RangeError on an answer that cannot belong to an item with `lefts` fixed rows.
   */
  remap(answer: A, map: (index: number) => number, lefts: number): A;
}

/** A zod schema for each of the type's own fields (`type` is the common schema's). */
export type FieldSchemas<B> = { [K in Exclude<keyof B, "type">]-?: z.ZodType<B[K]> };

/** One problem a type's rules found, located by its field path (`options.2.text`). */
export interface Finding {
  path: readonly (string | number)[];
  message: string;
  suggestion?: string;
}

/**
 * The score of one answer. Every type is all-or-nothing (`correct`); `right` of `total` is the partial
 * result shown beside it: right options picked, pairs matched, items in place. `wrongPicks` counts
 * wrong options chosen in a multiple-select question.
 */
export interface AnswerResult {
  correct: boolean;
  right: number;
  total: number;
  wrongPicks: number;
}

/** The part of a seeded random generator a shuffle needs. */
export interface Shuffler {
  shuffle<T>(items: readonly T[]): T[];
}

export function allOrNothing(right: number, total: number, wrongPicks = 0): AnswerResult {
  return { correct: right === total && wrongPicks === 0, right, total, wrongPicks };
}

export const isIndex = (value: unknown, size: number): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < size;

/** The indices 0..size-1 in a random order. */
export function shuffledIndices(size: number, random: Shuffler): number[] {
  return random.shuffle(Array.from({ length: size }, (_, i) => i));
}

/** Text an author must fill in. */
export const nonEmptyText = () => z.string().trim().min(1, "must not be empty");

/** An index into a question's list, as stored in an answer. */
export const indexSchema = () => z.number().int().min(0);

/** A finding for every value that repeats an earlier one (ignoring case and spacing). */
export function repeatedValues(
  values: readonly string[],
  paths: readonly (readonly (string | number)[])[],
  noun: string,
): Finding[] {
  const firstSeen = new Map<string, number>();
  const found: Finding[] = [];
  values.forEach((value, index) => {
    const normal = value.trim().replace(/\s+/g, " ").toLowerCase();
    const first = firstSeen.get(normal);
    if (first === undefined) firstSeen.set(normal, index);
    else found.push({ path: paths[index]!, message: `duplicate ${noun}: same text as ${paths[first]!.join(".")}` });
  });
  return found;
}

/** The paths of a list's entries, or of one key in each entry. */
export const entryPaths = (list: string, count: number, key?: string): (string | number)[][] =>
  Array.from({ length: count }, (_, i) => (key ? [list, i, key] : [list, i]));
