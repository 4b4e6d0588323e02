import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ParsedQuestion } from "./question-file.js";

/**
 * Parsed question files kept between runs under CCAAK_HOME, so that opening the trainer or `stats`
 * does not parse every YAML front matter again. An entry is used only while its key matches: the
 * pack, its manifest's stamp and the file's own modification time and size.
 */
export class ParseCache {
  private readonly used: Record<string, { key: string; parsed: ParsedQuestion }> = {};
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stored: Record<string, { key: string; parsed: ParsedQuestion }>,
  ) {}

  /** `version` ties the cache to the program that wrote it: a new version parses afresh. */
  static open(file: string, version: string): ParseCache {
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as {
        version?: string;
        entries?: ParseCache["stored"];
      };
      if (data.version === version && data.entries) return new ParseCache(file, data.entries);
    } catch {
      // Missing or unreadable: start empty; the cache only ever saves work.
    }
    return new ParseCache(file, {});
  }

  get(file: string, key: string): ParsedQuestion | undefined {
    const entry = this.stored[file];
    if (entry?.key !== key) return undefined;
    this.used[file] = entry;
    return entry.parsed;
  }

  set(file: string, key: string, parsed: ParsedQuestion): void {
    this.used[file] = { key, parsed };
    this.changed = true;
  }

  /** Writes what this run used (entries of files no longer read are dropped), atomically. */
  save(version: string): void {
    if (!this.changed && Object.keys(this.used).length === Object.keys(this.stored).length) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version, entries: this.used }));
      renameSync(temporary, this.file);
    } catch {
      // A read-only home only costs speed.
    }
  }
}
