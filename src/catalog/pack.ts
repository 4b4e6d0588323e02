import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { issuesToDiagnostics, keysAt, manifestSchema } from "./schema.js";
import type { ParseCache } from "./parse-cache.js";
import { parseQuestionFile } from "./question-file.js";
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

  const files = only ?? questionFiles(dir);
  const questions: Question[] = [];
  const firstById = new Map<string, { file: string; line: number }>();
  const manifestStamp = cache ? stamp(manifestFile) : "";
  for (const file of files) {
    const key = cache ? `${packId}|${manifestStamp}|${stamp(file)}` : "";
    let parsed = cache?.get(file, key);
    if (!parsed) {
      parsed = parseQuestionFile(file, readFileSync(file, "utf8"), packId, manifest?.blueprint);
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

function stamp(file: string): string {
  const { mtimeMs, size } = statSync(file);
  return `${mtimeMs}:${size}`;
}

/** Every question file in a pack, in a stable order. */
export function questionFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name.startsWith("_") || entry.name === "node_modules") continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md") && entry.name.toLowerCase() !== "readme.md") {
        found.push(full);
      }
    }
  };
  walk(dir);
  return found.sort();
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
  const text = readFileSync(file, "utf8");
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
