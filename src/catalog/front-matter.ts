import matter from "gray-matter";
import { findUnsafeCharacters } from "./terminal-safety.js";
import type { Diagnostic } from "./types.js";
import { YamlSource } from "./yaml-source.js";

/** gray-matter only splits the file; YamlSource parses the front matter so that it knows positions. */
const SPLIT_ONLY = { engines: { yaml: () => ({}), js: () => ({}), javascript: () => ({}) } };

export interface FrontMatterFile {
  /** The front matter, with positions; undefined when the file has none or it does not parse. */
  source?: YamlSource;
  /** The parsed front matter when it is a mapping. */
  data?: Record<string, unknown>;
  body: string;
  /** File line the body starts on. */
  bodyLine: number;
  /** Maps an offset in the body to its file line. */
  bodyLineAt: (bodyOffset: number) => number;
  diagnostics: Diagnostic[];
}

/**
 * Reads a markdown file with YAML front matter, as every content file is written. Reports a missing
 * or broken front matter and every character that could drive a terminal; `bodyField` names the
 * field a body offset belongs to, for those reports.
 */
export function readFrontMatterFile(
  file: string,
  text: string,
  kind: string,
  bodyField: (body: string, offset: number) => string,
): FrontMatterFile {
  const diagnostics: Diagnostic[] = [];
  // Lines and columns are the same with LF endings; a lone CR stays and is reported below.
  const src = text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const lineOf = lineIndex(src);

  if (!/^---[ \t]*\n/.test(src)) {
    for (const unsafe of findUnsafeCharacters(src)) {
      diagnostics.push({
        file,
        ...lineOf(unsafe.offset),
        severity: "error",
        field: "text",
        message: unsafe.description,
      });
    }
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      severity: "error",
      field: "front matter",
      message: `a ${kind} file starts with front matter between two '---' lines`,
    });
    return { body: src, bodyLine: 1, bodyLineAt: (o) => lineOf(o).line, diagnostics };
  }

  const parsed = matter(src, SPLIT_ONLY);
  // gray-matter's raw front matter starts right after the opening "---", so its line 1 is the file's line 1.
  const matterOffset = 3;
  const bodyOffset = src.length - parsed.content.length;
  const source = new YamlSource(file, parsed.matter, 1);

  for (const unsafe of findUnsafeCharacters(src)) {
    const inMatter = unsafe.offset >= matterOffset && unsafe.offset < matterOffset + parsed.matter.length;
    const field = inMatter
      ? source.fieldAt(unsafe.offset - matterOffset)
      : unsafe.offset < bodyOffset
        ? "front matter"
        : bodyField(parsed.content, unsafe.offset - bodyOffset);
    diagnostics.push({
      file,
      ...lineOf(unsafe.offset),
      severity: "error",
      field,
      message: unsafe.description,
    });
  }
  // Text written as YAML escapes ("\e[31m") only shows its control characters once parsed.
  for (const s of source.strings()) {
    const escaped = findUnsafeCharacters(s.value);
    if (escaped.length > 0 && findUnsafeCharacters(s.raw).length === 0) {
      diagnostics.push(source.diagnostic(s.path, `${escaped[0]!.description} (written as an escape)`));
    }
  }

  const base = {
    source,
    body: parsed.content,
    bodyLine: lineOf(bodyOffset).line,
    bodyLineAt: (o: number) => lineOf(bodyOffset + o).line,
  };
  if (source.syntaxErrors.length > 0)
    return { ...base, diagnostics: [...diagnostics, ...source.syntaxErrors] };
  const data = source.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    diagnostics.push(source.diagnostic([], "front matter must be a mapping of fields (`id: ...`)"));
    return { ...base, diagnostics };
  }
  return { ...base, data: data as Record<string, unknown>, diagnostics };
}

/** Maps an offset in `text` to a 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
