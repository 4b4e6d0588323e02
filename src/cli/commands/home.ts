import { countBySeverity, loadPacks } from "../../catalog/index.js";
import { EXIT, type CommandContext } from "../command.js";

/** Until the study screens exist, the trainer's front door lists what it has loaded. */
export async function run(ctx: CommandContext): Promise<number> {
  const catalog = await loadPacks({ home: ctx.home });
  const total = catalog.packs.reduce((sum, p) => sum + p.questions.length, 0);
  ctx.out(
    `ccaak-train: ${total} questions in ${catalog.packs.length} pack${catalog.packs.length === 1 ? "" : "s"}`,
  );
  for (const pack of catalog.packs) {
    ctx.out(
      `  ${pack.manifest.id} ${pack.manifest.version} (${pack.source}): ${pack.questions.length} questions`,
    );
    for (const domain of pack.manifest.blueprint.domains) {
      const count = pack.questions.filter((q) => q.domain === domain.id).length;
      ctx.out(`    ${domain.name.padEnd(28)} ${String(count).padStart(4)}  (exam weight ${domain.weight}%)`);
    }
  }
  const { errors, warnings } = countBySeverity(catalog.diagnostics);
  if (errors + warnings > 0)
    ctx.out(`${errors} errors, ${warnings} warnings: run "ccaak-train validate" for details.`);
  ctx.out('Run "ccaak-train --help" for every command.');
  return EXIT.ok;
}
