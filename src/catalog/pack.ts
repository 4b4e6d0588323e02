import { existsSync, lstatSync } from "node:fs";
import path from "node:path";
import { issuesToDiagnostics, keysAt, manifestSchema } from "./schema.js";
import type { ParseCache } from "./parse-cache.js";
import {
  MAX_CONTENT_FILE_BYTES,
  MAX_MANIFEST_BYTES,
  readContentFile,
  unreadable,
  walkPack,
} from "./files.js";
import { parseQuestionFile, type ParsedQuestion } from "./question-file.js";
import { findUnsafeCharacters } from "./terminal-safety.js";
import type { Diagnostic, LoadedPack, PackManifest, PackSource, Question } from "./types.js";
import { YamlSource } from "./yaml-source.js";

export const MANIFEST = "pack.yaml";
const WEIGHT_TOLERANCE = 1;

export interface PackResult {
  /** Present when the manifest is valid; holds every question that has no errors. */
  pack?: LoadedPack;
  diagnostics: Diagnostic[];
  /** Question files read, valid or not. */
  files: number;
}

export function isPackDir(dir: string): boolean {
  return existsSync(path.join(dir, MANIFEST));
}

/**
 * Loads a pack folder. A broken question is reported and left out; the others still load. With
 * `only`, just those question files are read (for validating a single file).
 */
export function loadPack(
  dir: string,
  source: PackSource,
  only?: readonly string[],
  cache?: ParseCache,
): PackResult {
  const manifestFile = path.join(dir, MANIFEST);
  const manifestResult = readManifest(manifestFile);
  const diagnostics = [...manifestResult.diagnostics];
  const manifest = manifestResult.manifest;
  const packId = manifest?.id ?? path.basename(dir);

  const tree = only ? { questionFiles: only, diagnostics: [] } : walkPack(dir);
  diagnostics.push(...tree.diagnostics);
  const files = tree.questionFiles;
  const questions: Question[] = [];
  const firstById = new Map<string, { file: string; line: number }>();
  const manifestStamp = cache ? stamp(manifestFile) : "";
  for (const file of files) {
    const key = cache ? `${packId}|${manifestStamp}|${stamp(file)}` : "";
    let parsed = cache?.get(file, key);
    if (!parsed) {
      parsed = readQuestion(file, packId, manifest);
      cache?.set(file, key, parsed);
    }
    diagnostics.push(...parsed.diagnostics);
    const id = parsed.question?.id;
    if (!id) continue;
    const first = firstById.get(id);
    if (first) {
      diagnostics.push({
        file,
        line: parsed.idLine ?? 1,
        column: 1,
        severity: "error",
        field: "id",
        message: `duplicate id "${id.slice(packId.length + 1)}": already used by ${path.relative(dir, first.file)}:${first.line}`,
      });
      continue;
    }
    firstById.set(id, { file, line: parsed.idLine ?? 1 });
    questions.push(parsed.question!);
  }

  const pack = manifest ? { manifest, dir, source, questions } : undefined;
  return { ...(pack ? { pack } : {}), diagnostics, files: files.length };
}

/** One question file; whatever goes wrong in it is a diagnostic for that file, never an exception. */
function readQuestion(file: string, packId: string, manifest: PackManifest | undefined): ParsedQuestion {
  const read = readContentFile(file, MAX_CONTENT_FILE_BYTES, "question file");
  if (read.diagnostic) return { diagnostics: [read.diagnostic] };
  try {
    return parseQuestionFile(file, read.text, packId, manifest?.blueprint);
  } catch (error) {
    return { diagnostics: [unreadable(file, error)] };
  }
}

function stamp(file: string): string {
  try {
    const { mtimeMs, size } = lstatSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return "missing";
  }
}

export function readManifest(file: string): { manifest?: PackManifest; diagnostics: Diagnostic[] } {
  if (!existsSync(file)) {
    return {
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          severity: "error",
          field: "manifest",
          message: `no ${MANIFEST}: a pack folder needs a manifest with id, title, version, author, licence and blueprint`,
          suggestion: "see questions/README.md",
        },
      ],
    };
  }
  const read = readContentFile(file, MAX_MANIFEST_BYTES, "pack.yaml");
  if (read.diagnostic) return { diagnostics: [read.diagnostic] };
  try {
    return checkManifest(file, read.text);
  } catch (error) {
    return { diagnostics: [unreadable(file, error)] };
  }
}

function checkManifest(file: string, text: string): { manifest?: PackManifest; diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, text);
  if (source.syntaxErrors.length > 0) return { diagnostics: source.syntaxErrors };

  const diagnostics: Diagnostic[] = source.strings().flatMap((s) =>
    findUnsafeCharacters(s.value)
      .slice(0, 1)
      .map((unsafe) => source.diagnostic(s.path, unsafe.description)),
  );
  const result = manifestSchema.safeParse(source.data ?? {}, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(result.error.issues, source, (p) => keysAt(manifestSchema, p)));
    return { diagnostics };
  }

  const domains = result.data.blueprint.domains;
  const seen = new Set<string>();
  domains.forEach((domain, index) => {
    if (seen.has(domain.id)) {
      diagnostics.push(
        source.diagnostic(["blueprint", "domains", index, "id"], `duplicate domain id "${domain.id}"`),
      );
    }
    seen.add(domain.id);
  });
  const total = domains.reduce((sum, d) => sum + d.weight, 0);
  if (Math.abs(total - 100) > WEIGHT_TOLERANCE) {
    diagnostics.push(
      source.diagnostic(
        ["blueprint", "domains"],
        `domain weights add up to ${round(total)}, not 100 (give or take ${WEIGHT_TOLERANCE})`,
      ),
    );
  }
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };

  const { description, ...rest } = result.data;
  const manifest: PackManifest = description === undefined ? rest : { ...rest, description };
  return { manifest, diagnostics };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
