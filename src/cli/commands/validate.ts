import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  collect,
  compareDiagnostics,
  countBySeverity,
  formatDiagnostic,
  isPackDir,
  loadPack,
  loadPacks,
  packDirsIn,
  type Catalog,
  type Diagnostic,
} from "../../catalog/index.js";
import type { PackResult } from "../../catalog/pack.js";
import { formatPackStats, packStats } from "../../catalog/stats.js";
import { loadLessons } from "../../catalog/lesson.js";
import { labsDir, lessonsDir } from "../../paths.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgsOrUsage(ctx.args);
  const lessonDirs =
    positionals.length === 0 ? [lessonsDir] : positionals.map((p) => path.resolve(p)).filter(isLessonsDir);
  const catalog =
    positionals.length === 0
      ? await loadPacks({ home: ctx.home })
      : loadPaths(positionals.filter((p) => !isLessonsDir(path.resolve(p))));
  // Lessons link to questions by tag, so they are checked against every pack there is.
  const linkTargets = lessonDirs.length > 0 ? (await loadPacks({ home: ctx.home })).packs : [];
  const lessonResults = lessonDirs.map((dir) =>
    loadLessons(dir, [...linkTargets, ...catalog.packs], labsDir),
  );
  const lessons = lessonResults.reduce((n, r) => n + r.lessons.length, 0);
  const diagnostics = [...catalog.diagnostics, ...lessonResults.flatMap((r) => r.diagnostics)].sort(
    compareDiagnostics,
  );
  const { errors, warnings } = countBySeverity(diagnostics);
  const questions = catalog.packs.reduce((sum, p) => sum + p.questions.length, 0);
  const stats = values.stats ? catalog.packs.map(packStats) : undefined;

  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          ok: errors === 0,
          summary: { packs: catalog.packs.length, questions, lessons, errors, warnings },
          packs: catalog.packs.map((p) => ({
            id: p.manifest.id,
            version: p.manifest.version,
            dir: p.dir,
            source: p.source,
            questions: p.questions.length,
          })),
          diagnostics,
          ...(stats ? { stats } : {}),
        },
        null,
        2,
      ),
    );
  } else {
    for (const d of diagnostics) ctx.out(formatDiagnostic(d));
    if (stats) for (const s of stats) ctx.out(formatPackStats(s));
    ctx.out(
      `${plural(catalog.packs.length, "pack")}, ${plural(questions, "valid question")}` +
        `${lessons > 0 ? `, ${plural(lessons, "lesson")}` : ""}: ` +
        `${plural(errors, "error")}, ${plural(warnings, "warning")}`,
    );
  }
  return errors === 0 ? EXIT.ok : EXIT.failed;
}

function parseArgsOrUsage(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, stats: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Each path may be a pack, a folder of packs, or a single question file inside a pack. */
function loadPaths(paths: string[]): Catalog {
  const results: PackResult[] = [];
  const problems: Diagnostic[] = [];
  for (const given of paths) {
    const target = path.resolve(given);
    if (!existsSync(target)) throw new UsageError(`no such file or folder: ${given}`);
    if (statSync(target).isFile()) {
      const packDir = enclosingPack(target);
      if (!packDir) {
        problems.push(fileProblem(target, "this file is not inside a pack folder (no pack.yaml above it)"));
        continue;
      }
      results.push(
        target.endsWith("pack.yaml") ? loadPack(packDir, "path", []) : loadPack(packDir, "path", [target]),
      );
    } else if (isPackDir(target)) {
      results.push(loadPack(target, "path"));
    } else {
      const dirs = packDirsIn(target);
      if (dirs.length === 0)
        problems.push(fileProblem(target, "no pack.yaml here or in the folders directly inside"));
      results.push(...dirs.map((dir) => loadPack(dir, "path")));
    }
  }
  const catalog = collect(results);
  return { packs: catalog.packs, diagnostics: [...problems, ...catalog.diagnostics] };
}

/** A folder of lesson files: markdown, and no pack manifest in it or directly below it. */
function isLessonsDir(dir: string): boolean {
  if (!existsSync(dir) || !statSync(dir).isDirectory() || isPackDir(dir) || packDirsIn(dir).length > 0)
    return false;
  return readdirSync(dir).some((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md");
}

function enclosingPack(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (isPackDir(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function fileProblem(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: "error", field: "path", message };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
