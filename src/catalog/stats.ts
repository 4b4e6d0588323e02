import path from "node:path";
import { LINT_RULES, type BankFigures } from "./lint.js";
import { DIFFICULTIES, QUESTION_TYPES, type LoadedPack } from "./types.js";

export interface PackStats {
  pack: string;
  questions: number;
  domains: { id: string; name: string; count: number; percent: number; weight: number; delta: number }[];
  types: Record<string, { count: number; percent: number }>;
  difficulties: Record<string, { count: number; percent: number }>;
}

/** How a pack's questions spread over its blueprint's domains, the question types and difficulties. */
export function packStats(pack: LoadedPack): PackStats {
  const total = pack.questions.length;
  const share = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 1000) / 10);
  const countBy = <K extends string>(
    keys: readonly K[],
    keyOf: (q: LoadedPack["questions"][number]) => string,
  ) =>
    Object.fromEntries(
      keys.map((key) => {
        const count = pack.questions.filter((q) => keyOf(q) === key).length;
        return [key, { count, percent: share(count) }];
      }),
    );
  return {
    pack: pack.manifest.id,
    questions: total,
    domains: pack.manifest.blueprint.domains.map((d) => {
      const count = pack.questions.filter((q) => q.domain === d.id).length;
      const percent = share(count);
      return {
        id: d.id,
        name: d.name,
        count,
        percent,
        weight: d.weight,
        delta: Math.round((percent - d.weight) * 10) / 10,
      };
    }),
    types: countBy(QUESTION_TYPES, (q) => q.type),
    difficulties: countBy(DIFFICULTIES, (q) => q.difficulty),
  };
}

export function formatPackStats(stats: PackStats): string {
  const lines = [
    `${stats.pack}: ${stats.questions} questions`,
    "  domain              count  share  blueprint  delta",
  ];
  for (const d of stats.domains) {
    const delta = `${d.delta > 0 ? "+" : ""}${d.delta}`;
    lines.push(
      `  ${d.id.padEnd(18)} ${String(d.count).padStart(6)} ${`${d.percent}%`.padStart(6)} ${`${d.weight}%`.padStart(10)} ${delta.padStart(6)}`,
    );
  }
  const row = (title: string, counts: Record<string, { count: number; percent: number }>) =>
    `  ${title}: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.count} (${v.percent}%)`)
      .join(", ")}`;
  lines.push(row("types", stats.types), row("difficulty", stats.difficulties));
  return lines.join("\n");
}

/** The bank-level item-writing figures of `validate --stats`, as text. */
export function formatBankFigures(figures: BankFigures, packDir: string): string {
  const s = figures.single;
  const lines = [
    `  single choice: right option longest in ${s.rightLongest} of ${s.questions} (${s.rightLongestPercent}%), ` +
      `right/longest distractor ${s.meanRatioToLongestDistractor}, right/mean distractor ${s.meanRatioToMeanDistractor}`,
    `  multiple select: right options exactly the longest in ${figures.multiple.rightLongest} of ` +
      `${figures.multiple.questions} (${figures.multiple.rightLongestPercent}%)`,
    `  near-duplicate pairs: ${figures.nearDuplicates.length}`,
    ...figures.nearDuplicates.map(
      (p) =>
        `    ${p.similarity.toFixed(2)}  ${path.relative(packDir, p.a.file)}  ${path.relative(packDir, p.b.file)}`,
    ),
    `  lint findings: ${LINT_RULES.map((rule) => `${rule.slice(5)} ${figures.findings[rule]}`).join(", ")}`,
  ];
  return lines.join("\n");
}
