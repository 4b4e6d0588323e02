import { lstatSync, readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./types.js";

/** The largest question or lesson file read; a real question is a few KiB. */
export const MAX_CONTENT_FILE_BYTES = 256 * 1024;
/** The largest `pack.yaml` read. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** The most files a pack may hold besides its manifest. */
export const MAX_PACK_FILES = 5000;

/**
 * Reads one content file, or says why not: a symbolic link (it could point anywhere, so it is never
 * followed), a file over `maxBytes`, or anything the file system refuses. Never throws.
 */
export function readContentFile(
  file: string,
  maxBytes: number,
  what: string,
): { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic } {
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) return { diagnostic: symlinkDiagnostic(file) };
    if (!stat.isFile()) return { diagnostic: fileDiagnostic(file, `a ${what} must be a regular file`) };
    if (stat.size > maxBytes) {
      return {
        diagnostic: fileDiagnostic(
          file,
          `the file is ${kib(stat.size)}; a ${what} may be at most ${kib(maxBytes)}`,
          "size",
        ),
      };
    }
    return { text: readFileSync(file, "utf8") };
  } catch (error) {
    return { diagnostic: unreadable(file, error) };
  }
}

export interface PackTree {
  /** The markdown files the loader reads as questions, sorted. */
  questionFiles: string[];
  /** Symbolic links (never followed) and a pack over the file limit. */
  diagnostics: Diagnostic[];
}

/**
 * Walks a pack folder without following links. Names starting with `.` or `_`, `README.md` and
 * `node_modules` are not questions; links are reported wherever they are (except under `.git`),
 * because `packs add` copies the whole folder.
 */
export function walkPack(dir: string): PackTree {
  const questionFiles: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  const walk = (folder: string, isQuestionFolder: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(fileDiagnostic(folder, `cannot be read: ${(error as Error).message}`));
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".git")) continue;
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        diagnostics.push(symlinkDiagnostic(full));
        continue;
      }
      const skipped =
        entry.name.startsWith(".") || entry.name.startsWith("_") || entry.name === "node_modules";
      if (entry.isDirectory()) walk(full, isQuestionFolder && !skipped);
      else if (entry.isFile()) {
        if (folder === dir && entry.name === "pack.yaml") continue;
        files++;
        const isQuestion =
          isQuestionFolder &&
          !skipped &&
          entry.name.endsWith(".md") &&
          entry.name.toLowerCase() !== "readme.md";
        if (isQuestion) questionFiles.push(full);
      }
    }
  };
  walk(dir, true);
  if (files > MAX_PACK_FILES) {
    // Refused whole: reading part of an oversized pack would hide the problem.
    questionFiles.length = 0;
    diagnostics.push(
      fileDiagnostic(
        path.join(dir, "pack.yaml"),
        `the pack holds ${files} files besides pack.yaml; a pack may hold at most ${MAX_PACK_FILES}`,
        "size",
      ),
    );
  }
  return { questionFiles: questionFiles.sort(), diagnostics };
}

/** An exception the checks did not foresee, as a finding about the file (the message, not the stack). */
export function unreadable(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return {
    file,
    line: 1,
    column: 1,
    severity: "error",
    field: "file",
    message: `cannot be read: ${message}`,
  };
}

function symlinkDiagnostic(file: string): Diagnostic {
  return fileDiagnostic(
    file,
    "symbolic links are not allowed in a pack: it could point outside the pack; put the file itself here",
    "path",
  );
}

function fileDiagnostic(file: string, message: string, field = "file"): Diagnostic {
  return { file, line: 1, column: 1, severity: "error", field, message };
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
