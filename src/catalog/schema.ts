import { z } from "zod";
import { SAFE_ID, SAFE_ID_RULE } from "../ids.js";
import {
  nonEmptyText,
  QUESTION_TYPE_MODULES,
  QUESTION_TYPES,
  type BodyOf,
  type QuestionType,
} from "../questions/index.js";
import { CONFIG_COMPONENTS, DIFFICULTIES } from "./types.js";
import { didYouMean } from "./diagnostics.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";
import type { Diagnostic } from "./types.js";

const text = nonEmptyText();
const slug = z.string().regex(SAFE_ID, SAFE_ID_RULE);
const questionId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "use letters, digits, '-', '_' and '.', starting with a letter or digit",
  );

export const manifestSchema = z.strictObject({
  id: slug,
  title: text,
  version: text,
  author: text,
  licence: text,
  description: text.optional(),
  blueprint: z.strictObject({
    exam: z
      .strictObject({
        questions: z.int().min(1).max(500).default(60),
        minutes: z.number().positive().max(600).default(90),
        passPercent: z.number().min(1).max(100).default(70),
      })
      .default({ questions: 60, minutes: 90, passPercent: 70 }),
    domains: z
      .array(z.strictObject({ id: slug, name: text, weight: z.number().positive().max(100) }))
      .min(1, "list at least one domain"),
  }),
});

/** Defaults the text states, declared so that `validate --facts` can check them (questions and lessons). */
export const statedDefaults = z
  .array(
    z.strictObject({
      config: z
        .string()
        .regex(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/, "write the configuration name as Kafka does"),
      component: z.enum(CONFIG_COMPONENTS),
      value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
    }),
  )
  .default([]);

const common = {
  id: questionId,
  type: z.enum(QUESTION_TYPES),
  domain: slug,
  difficulty: z.enum(DIFFICULTIES),
  tags: z.array(slug).default([]),
  references: z.array(text).default([]),
  defaults: statedDefaults,
};

/** The front matter every question has, whatever its type. */
export type CommonFrontMatter = Omit<z.output<z.ZodObject<typeof common>>, "type">;
export type FrontMatterOf<T extends QuestionType> = CommonFrontMatter & BodyOf<T>;

/** One strict schema per question type: the common fields (`type` as a literal) and the type's own. */
export const questionSchemas = Object.fromEntries(
  QUESTION_TYPES.map((type) => [
    type,
    z.strictObject({ ...common, type: z.literal(type), ...QUESTION_TYPE_MODULES[type].fields() }),
  ]),
) as unknown as { [T in QuestionType]: z.ZodType<FrontMatterOf<T>> };

export type ManifestData = z.output<typeof manifestSchema>;

/** Turns zod's findings into diagnostics located in the YAML source, worded for authors. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  schemaKeys: (path: FieldPath) => string[],
): Diagnostic[] {
  return issues.flatMap((issue): Diagnostic[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    switch (issue.code) {
      case "unrecognized_keys":
        return issue.keys.map((key) => {
          const suggestion = didYouMean(key, schemaKeys(path));
          return source.diagnostic([...path, key], "unknown field", {
            at: source.locateKey(path, key),
            ...(suggestion ? { suggestion } : {}),
          });
        });
      case "invalid_type": {
        if (issue.input === undefined) return [source.diagnostic(path, "required field is missing")];
        const raw = source.sourceOf(path);
        const got = describeValue(issue.input);
        const quoteHint =
          issue.expected === "string" && raw !== undefined ? `write it in quotes: "${raw}"` : undefined;
        return [
          source.diagnostic(
            path,
            `expected ${issue.expected}, got ${got}`,
            quoteHint ? { suggestion: quoteHint } : {},
          ),
        ];
      }
      case "invalid_value": {
        if (issue.input === undefined) return [source.diagnostic(path, "required field is missing")];
        const allowed = issue.values.map(String);
        const input = typeof issue.input === "string" ? issue.input : String(issue.input);
        const suggestion = didYouMean(input, allowed);
        const message =
          allowed.length === 1
            ? `must be "${allowed[0]}"`
            : `"${input}" is not one of ${allowed.map((v) => `"${v}"`).join(", ")}`;
        return [source.diagnostic(path, message, suggestion ? { suggestion } : {})];
      }
      default:
        return [source.diagnostic(path, authorMessage(issue))];
    }
  });
}

/** The keys a strict object accepts at a path, for "did you mean" on unknown keys. */
export function keysAt(schema: z.ZodType, path: FieldPath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const step of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(step)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function authorMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.origin === "array")
    return issue.message.startsWith("Too small") ? `needs at least ${issue.minimum} items` : issue.message;
  if (issue.code === "too_big" && issue.origin === "array")
    return issue.message.startsWith("Too big") ? `takes at most ${issue.maximum} items` : issue.message;
  if (issue.code === "too_small") return `must be at least ${issue.minimum}`;
  if (issue.code === "too_big") return `must be at most ${issue.maximum}`;
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `text "${value}"`;
  return `${typeof value} ${String(value)}`;
}

export function typeSuggestion(value: unknown): string | undefined {
  return typeof value === "string" ? didYouMean(value, QUESTION_TYPES) : undefined;
}
