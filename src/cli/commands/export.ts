import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { countBySeverity, isPackDir, loadPack, loadPacks, type LoadedPack } from "../../catalog/index.js";
import { renderAnki } from "../../interchange/anki.js";
import { renderGift } from "../../interchange/gift-export.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

const RENDERERS: Record<string, (pack: LoadedPack) => string> = {
  gift: (pack) => renderGift(pack.manifest.id, pack.questions),
  anki: (pack) => renderAnki(pack.manifest.title, pack.questions),
};

export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { out: { type: "string" } },
  });
  const [format, target, ...extra] = positionals;
  const render = format ? RENDERERS[format] : undefined;
  if (!render) throw new UsageError(`export needs a format: gift or anki`);
  if (!target) throw new UsageError(`export ${format} needs a pack: its id or its folder`);
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  const pack = await findPack(ctx, target);
  const text = render(pack);
  if (!values.out) {
    ctx.out(text.replace(/\n$/, ""));
    return EXIT.ok;
  }
  writeFileSync(values.out, text);
  ctx.err(`exported ${pack.questions.length} questions of ${pack.manifest.id} to ${values.out}`);
  return EXIT.ok;
}

/** A folder with a manifest, or the id of a bundled or installed pack. */
async function findPack(ctx: CommandContext, target: string): Promise<LoadedPack> {
  const dir = path.resolve(target);
  if (existsSync(dir) && isPackDir(dir)) {
    const result = loadPack(dir, "path");
    if (!result.pack)
      throw new UsageError(
        `${target}: the pack's manifest is not valid; run "ccaak-train validate ${target}"`,
      );
    const { errors } = countBySeverity(result.diagnostics);
    if (errors > 0)
      ctx.err(`${errors} errors in ${target}: questions with errors are left out; run validate for details`);
    return result.pack;
  }
  const catalog = await loadPacks({ home: ctx.home });
  const pack = catalog.packs.find((p) => p.manifest.id === target);
  if (!pack) throw new UsageError(`no pack "${target}": give an installed pack's id or a pack folder`);
  return pack;
}
