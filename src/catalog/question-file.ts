import { createHash } from "node:crypto";
import { didYouMean } from "./diagnostics.js";
import { issuesToDiagnostics, keysAt, questionSchemas, typeSuggestion } from "./schema.js";
import { readFrontMatterFile } from "./front-matter.js";
import type { Blueprint, ChoiceOption, Diagnostic, Question } from "./types.js";
import type { YamlSource } from "./yaml-source.js";

export const EXPLANATION_HEADING = /^#{1,6}[ \t]+Explanation[ \t]*#*[ \t]*$/im;

export interface ParsedQuestion {
  question?: Question;
  /** Where the `id` is written, for duplicate-id messages across files. */
  idLine?: number;
  diagnostics: Diagnostic[];
}

/**
 * Parses one question file. Returns the question only when it has no errors; warnings come along
 * either way. Never throws on bad content.
 */
export function parseQuestionFile(
  file: string,
  text: string,
  packId: string,
  blueprint: Blueprint | undefined,
): ParsedQuestion {
  const read = readFrontMatterFile(file, text, "question", (body, offset) => {
    const heading = EXPLANATION_HEADING.exec(body);
    return heading && offset >= heading.index ? "explanation" : "stem";
  });
  const diagnostics = read.diagnostics;
  const { source, data } = read;
  if (!source || !data) {
    const hint = "see questions/README.md for one example of each question type";
    return {
      diagnostics: diagnostics.map((d) => (d.field === "front matter" ? { ...d, suggestion: hint } : d)),
    };
  }
  const body = splitBody(read.body);
  const record = data;
  const type = record.type;
  if (typeof type !== "string" || !(type in questionSchemas)) {
    const suggestion = typeSuggestion(type);
    diagnostics.push(
      source.diagnostic(
        ["type"],
        type === undefined
          ? "required field is missing"
          : `"${String(type)}" is not one of "single", "multiple", "matching", "order"`,
        suggestion ? { suggestion } : {},
      ),
    );
    return { diagnostics };
  }

  const schema = questionSchemas[type as keyof typeof questionSchemas];
  const result = schema.safeParse(record, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(result.error.issues, source, (path) => keysAt(schema, path)));
  }

  const bodyStart = read.bodyLine;
  if (!body.stem) {
    diagnostics.push({
      file,
      line: bodyStart,
      column: 1,
      severity: "error",
      field: "stem",
      message: "the question text after the front matter is empty",
    });
  }
  if (body.explanation === undefined) {
    diagnostics.push({
      file,
      line: bodyStart,
      column: 1,
      severity: "error",
      field: "explanation",
      message: "missing explanation",
      suggestion:
        "add a '## Explanation' heading after the question, then why the right answer is right and the others wrong",
    });
  } else if (!body.explanation) {
    diagnostics.push({
      file,
      line: read.bodyLineAt(body.explanationHeadingOffset!),
      column: 1,
      severity: "error",
      field: "explanation",
      message: "the explanation is empty",
    });
  }

  if (!result.success) return { diagnostics };
  const fm = result.data;

  if (blueprint && !blueprint.domains.some((d) => d.id === fm.domain)) {
    const suggestion = didYouMean(
      fm.domain,
      blueprint.domains.map((d) => d.id),
    );
    diagnostics.push(
      source.diagnostic(["domain"], `"${fm.domain}" is not a domain of this pack's blueprint`, {
        suggestion: suggestion ?? `use one of ${blueprint.domains.map((d) => d.id).join(", ")}`,
      }),
    );
  }
  if (fm.references.length === 0) {
    diagnostics.push(
      source.diagnostic(["references"], "no references: say where a learner can read more", {
        severity: "warning",
      }),
    );
  }
  diagnostics.push(...typeRules(fm, source));

  const idLine = source.locate(["id"]).line;
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, idLine };

  const common = {
    id: `${packId}/${fm.id}`,
    pack: packId,
    domain: fm.domain,
    difficulty: fm.difficulty,
    tags: fm.tags,
    references: fm.references,
    defaults: fm.defaults,
    stem: body.stem,
    explanation: body.explanation!,
    file,
    revision: createHash("sha256").update(text).digest("hex").slice(0, 16),
  };
  const question: Question =
    fm.type === "single" || fm.type === "multiple"
      ? { ...common, type: fm.type, options: fm.options.map(toOption) }
      : fm.type === "matching"
        ? { ...common, type: "matching", pairs: fm.pairs, distractors: fm.distractors }
        : { ...common, type: "order", items: fm.items };
  return { question, idLine, diagnostics };
}

function toOption(o: { text: string; correct: boolean; why?: string | undefined }): ChoiceOption {
  return o.why === undefined
    ? { text: o.text, correct: o.correct }
    : { text: o.text, correct: o.correct, why: o.why };
}

type FrontMatter = ReturnType<(typeof questionSchemas)[keyof typeof questionSchemas]["parse"]>;

/** The rules zod cannot express field by field: right-answer counts and repeated items. */
function typeRules(fm: FrontMatter, source: YamlSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (fm.type === "single" || fm.type === "multiple") {
    const right = fm.options.filter((o) => o.correct).length;
    if (fm.type === "single" && right !== 1) {
      found.push(
        source.diagnostic(
          ["options"],
          `single choice needs exactly one option with "correct: true", found ${right}`,
          {
            ...(right > 1 ? { suggestion: 'use "type: multiple" if several options are right' } : {}),
          },
        ),
      );
    }
    if (fm.type === "multiple" && right < 2) {
      found.push(
        source.diagnostic(["options"], `multiple select needs at least two right options, found ${right}`, {
          ...(right === 1 ? { suggestion: 'use "type: single" for one right option' } : {}),
        }),
      );
    }
    if (fm.type === "multiple" && right === fm.options.length) {
      found.push(source.diagnostic(["options"], "every option is right: add at least one wrong option"));
    }
    found.push(
      ...repeats(
        fm.options.map((o) => o.text),
        ["options"],
        "text",
        "option",
        source,
      ),
    );
  }
  if (fm.type === "matching") {
    found.push(
      ...repeats(
        fm.pairs.map((p) => p.left),
        ["pairs"],
        "left",
        "left item",
        source,
      ),
    );
    const rights = [...fm.pairs.map((p) => p.right), ...fm.distractors];
    const rightPaths = [
      ...fm.pairs.map((_, i) => ["pairs", i, "right"]),
      ...fm.distractors.map((_, i) => ["distractors", i]),
    ];
    found.push(...repeatsAt(rights, rightPaths, "right item", source));
  }
  if (fm.type === "order") found.push(...repeats(fm.items, ["items"], undefined, "item", source));
  return found;
}

function repeats(
  values: string[],
  listPath: (string | number)[],
  key: string | undefined,
  noun: string,
  source: YamlSource,
): Diagnostic[] {
  const paths = values.map((_, i) => (key ? [...listPath, i, key] : [...listPath, i]));
  return repeatsAt(values, paths, noun, source);
}

function repeatsAt(
  values: string[],
  paths: (string | number)[][],
  noun: string,
  source: YamlSource,
): Diagnostic[] {
  const firstSeen = new Map<string, number>();
  const found: Diagnostic[] = [];
  values.forEach((value, index) => {
    const normal = value.trim().replace(/\s+/g, " ").toLowerCase();
    const first = firstSeen.get(normal);
    if (first === undefined) firstSeen.set(normal, index);
    else
      found.push(
        source.diagnostic(paths[index]!, `duplicate ${noun}: same text as ${paths[first]!.join(".")}`),
      );
  });
  return found;
}

function splitBody(content: string): {
  stem: string;
  explanation?: string;
  explanationHeadingOffset?: number;
} {
  const match = EXPLANATION_HEADING.exec(content);
  if (!match) return { stem: content.trim() };
  return {
    stem: content.slice(0, match.index).trim(),
    explanation: content.slice(match.index + match[0].length).trim(),
    explanationHeadingOffset: match.index,
  };
}
