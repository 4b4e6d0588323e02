import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
import { formatBankFigures, formatPackStats, packStats } from "../../catalog/stats.js";
import { lintDiagnostics, lintPack } from "../../catalog/lint.js";
import { findingLocator } from "../../catalog/lint-locate.js";
import { loadLessons, type Lesson } from "../../catalog/lesson.js";
import { isLabsPath, loadLabPath } from "../../lab/definition/parse.js";
import { factChecker, type ConfigDump } from "../../catalog/facts.js";
import { labsDir, lessonsDir } from "../../paths.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals: given } = parseArgsOrUsage(ctx.args);
  // A lab folder, a folder of labs, or a lab.md file: checked as labs, not as packs.
  const labPath = (p: string) =>
    isLabsPath(path.resolve(p)) || (path.basename(p) === "lab.md" && existsSync(path.resolve(p)));
  const labPaths =
    given.length === 0
      ? [labsDir]
      : given.filter(labPath).map((p) => path.resolve(p).replace(/\/lab\.md$/, ""));
  const positionals = given.filter((p) => !labPath(p));
  if (given.length > 0 && positionals.length === 0 && labPaths.length > 0)
    return reportLabsOnly(ctx, labPaths, values.json);
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
  const domains = catalog.packs.flatMap((p) => p.manifest.blueprint.domains.map((d) => d.id));
  const labResults = labPaths.map((dir) => loadLabPath(dir, domains));
  const labs = labResults.reduce((n, r) => n + r.labs.length, 0);
  const lint = catalog.packs.map(lintPack);
  const diagnostics = [
    ...catalog.diagnostics,
    ...lessonResults.flatMap((r) => r.diagnostics),
    ...labResults.flatMap((r) => r.diagnostics),
    ...lintDiagnostics(
      lint.flatMap((l) => l.findings),
      "warning",
      findingLocator(),
    ),
  ];
  let facts: { kafkaVersion: string } | undefined;
  if (values.facts) {
    const dump = await configDump(ctx);
    if (!dump) return EXIT.failed;
    facts = { kafkaVersion: dump.kafkaVersion };
    diagnostics.push(
      ...checkFacts(
        dump,
        catalog,
        lessonResults.flatMap((r) => r.lessons),
      ),
    );
  }
  // --strict: every warning is an error, as a compiler's -Werror.
  if (values.strict) for (const d of diagnostics) d.severity = "error";
  diagnostics.sort(compareDiagnostics);
  const { errors, warnings } = countBySeverity(diagnostics);
  const questions = catalog.packs.reduce((sum, p) => sum + p.questions.length, 0);
  const stats = values.stats
    ? catalog.packs.map((p, i) => ({ ...packStats(p), items: lint[i]!.figures }))
    : undefined;

  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          ok: errors === 0,
          summary: { packs: catalog.packs.length, questions, lessons, labs, errors, warnings },
          ...(facts ? { facts } : {}),
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
    if (stats)
      stats.forEach((s, i) =>
        ctx.out(`${formatPackStats(s)}\n${formatBankFigures(s.items, catalog.packs[i]!.dir)}`),
      );
    ctx.out(
      `${plural(catalog.packs.length, "pack")}, ${plural(questions, "valid question")}` +
        `${lessons > 0 ? `, ${plural(lessons, "lesson")}` : ""}` +
        `${labs > 0 ? `, ${plural(labs, "valid lab")}` : ""}` +
        `${facts ? ` (configuration facts checked against Kafka ${facts.kafkaVersion})` : ""}: ` +
        `${plural(errors, "error")}, ${plural(warnings, "warning")}`,
    );
  }
  return errors === 0 ? EXIT.ok : EXIT.failed;
}

/** Only lab paths were given: check them against the bundled packs' exam domains. */
async function reportLabsOnly(ctx: CommandContext, dirs: string[], json: boolean): Promise<number> {
  const packs = (await loadPacks({ home: ctx.home })).packs;
  const domains = packs.flatMap((p) => p.manifest.blueprint.domains.map((d) => d.id));
  const results = dirs.map((dir) => loadLabPath(dir, domains));
  const labs = results.reduce((n, r) => n + r.labs.length, 0);
  const diagnostics = results.flatMap((r) => r.diagnostics).sort(compareDiagnostics);
  const { errors, warnings } = countBySeverity(diagnostics);
  if (json) {
    const summary = { packs: 0, questions: 0, lessons: 0, labs, errors, warnings };
    ctx.out(JSON.stringify({ ok: errors === 0, summary, packs: [], diagnostics }, null, 2));
  } else {
    for (const d of diagnostics) ctx.out(formatDiagnostic(d));
    ctx.out(`${plural(labs, "valid lab")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  }
  return errors === 0 ? EXIT.ok : EXIT.failed;
}

function parseArgsOrUsage(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      stats: { type: "boolean", default: false },
      facts: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
    },
  });
}

/** The Kafka jars' configuration dump, or undefined after saying what to install. */
async function configDump(ctx: CommandContext): Promise<ConfigDump | undefined> {
  const { loadConfigDump } = await import("../../lab/runtime/config-dump.js");
  const { ToolchainError } = await import("../../lab/runtime/toolchain.js");
  try {
    return loadConfigDump(ctx.env, ctx.home, ctx.err);
  } catch (error) {
    if (!(error instanceof ToolchainError)) throw error;
    ctx.err(`ccaak-train validate --facts needs Java 17+ and the Kafka jars: ${error.message}`);
    return undefined;
  }
}

/** Configuration names and stated defaults in every loaded question and lesson, against the jars. */
function checkFacts(dump: ConfigDump, catalog: Catalog, lessons: readonly Lesson[]): Diagnostic[] {
  const check = factChecker(dump);
  return [
    ...catalog.packs.flatMap((p) =>
      p.questions.map((q) => ({ file: q.file, kind: "question" as const, defaults: q.defaults })),
    ),
    ...lessons.map((l) => ({ file: l.file, kind: "lesson" as const, defaults: l.defaults })),
  ].flatMap((c) => check({ ...c, text: readFileSync(c.file, "utf8") }));
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
