import { createHash } from "node:crypto";
import { didYouMean } from "./diagnostics.js";
import { QUESTION_TYPES, typeModule, type QuestionBody, type QuestionType } from "../questions/index.js";
import {
  issuesToDiagnostics,
  keysAt,
  questionSchemas,
  typeSuggestion,
  type CommonFrontMatter,
} from "./schema.js";
import { readFrontMatterFile } from "./front-matter.js";
import type { Blueprint, Diagnostic, Question } from "./types.js";

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
          : `"${String(type)}" is not one of ${QUESTION_TYPES.map((t) => `"${t}"`).join(", ")}`,
        suggestion ? { suggestion } : {},
      ),
    );
    return { diagnostics };
  }

  const schema = questionSchemas[type as QuestionType];
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
  const { id, domain, difficulty, tags, references, defaults, ...own } = result.data as CommonFrontMatter &
    QuestionBody;

  if (blueprint && !blueprint.domains.some((d) => d.id === domain)) {
    const suggestion = didYouMean(
      domain,
      blueprint.domains.map((d) => d.id),
    );
    diagnostics.push(
      source.diagnostic(["domain"], `"${domain}" is not a domain of this pack's blueprint`, {
        suggestion: suggestion ?? `use one of ${blueprint.domains.map((d) => d.id).join(", ")}`,
      }),
    );
  }
  if (references.length === 0) {
    diagnostics.push(
      source.diagnostic(["references"], "no references: say where a learner can read more", {
        severity: "warning",
      }),
    );
  }
  for (const { path, message, suggestion } of typeModule(own.type).rules(own)) {
    diagnostics.push(source.diagnostic(path, message, suggestion ? { suggestion } : {}));
  }

  const idLine = source.locate(["id"]).line;
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, idLine };

  const common = {
    id: `${packId}/${id}`,
    pack: packId,
    domain,
    difficulty,
    tags,
    references,
    defaults,
    stem: body.stem,
    explanation: body.explanation!,
    file,
    revision: createHash("sha256").update(text).digest("hex").slice(0, 16),
  };
  const question: Question = { ...common, ...own };
  return { question, idLine, diagnostics };
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
