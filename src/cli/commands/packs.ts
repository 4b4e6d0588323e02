import { cpSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  compareDiagnostics,
  countBySeverity,
  formatDiagnostic,
  isPackDir,
  loadPack,
  loadPacks,
  type LoadedPack,
} from "../../catalog/index.js";
import { MANIFEST, readManifest } from "../../catalog/pack.js";
import { didYouMean } from "../../catalog/diagnostics.js";
import { installedPacksDir } from "../../paths.js";
import { EXIT, requireSafeId, UsageError, type CommandContext } from "../command.js";

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const [action, target, ...extra] = parsed.positionals;
  const json = parsed.values.json;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  switch (action) {
    case "list":
    case undefined:
      if (target) throw new UsageError(`"packs list" takes no argument`);
      return list(ctx, json);
    case "add":
      if (!target) throw new UsageError(`"packs add" needs the pack's folder`);
      return add(ctx, target, json);
    case "remove":
      if (!target) throw new UsageError(`"packs remove" needs the pack's id`);
      return remove(ctx, target, json);
    default:
      throw new UsageError(`unknown action "${action}": use list, add or remove`);
  }
}

async function list(ctx: CommandContext, json: boolean): Promise<number> {
  const catalog = await loadPacks({ home: ctx.home });
  const { errors, warnings } = countBySeverity(catalog.diagnostics);
  if (json) {
    ctx.out(JSON.stringify({ packs: catalog.packs.map(describe), errors, warnings }, null, 2));
    return EXIT.ok;
  }
  if (catalog.packs.length === 0) ctx.out("No packs found.");
  for (const pack of catalog.packs) {
    const m = pack.manifest;
    ctx.out(`${m.id} ${m.version}  ${m.title}  (${pack.questions.length} questions, ${pack.source})`);
  }
  if (errors + warnings > 0) {
    ctx.out(
      `${errors} errors and ${warnings} warnings in the packs: run "ccaak-train validate" for details.`,
    );
  }
  return EXIT.ok;
}

async function add(ctx: CommandContext, dir: string, json: boolean): Promise<number> {
  const source = path.resolve(dir);
  if (!existsSync(source)) throw new UsageError(`no such folder: ${dir}`);
  if (!isPackDir(source)) {
    return refuse(ctx, json, `${dir} is not a pack: it has no pack.yaml (see questions/README.md)`);
  }
  const result = loadPack(source, "path");
  const diagnostics = [...result.diagnostics].sort(compareDiagnostics);
  const { errors } = countBySeverity(diagnostics);
  if (errors > 0 || !result.pack) {
    if (!json) for (const d of diagnostics) ctx.err(formatDiagnostic(d));
    return refuse(
      ctx,
      json,
      `not installed: the pack has ${errors} error${errors === 1 ? "" : "s"}; fix them and add it again`,
      {
        diagnostics,
      },
    );
  }

  const id = result.pack.manifest.id;
  const catalog = await loadPacks({ home: ctx.home });
  const existing = catalog.packs.find((p) => p.manifest.id === id);
  if (existing?.source === "bundled") {
    return refuse(ctx, json, `not installed: "${id}" is the id of a bundled pack; give your pack another id`);
  }

  const root = installedPacksDir(ctx.home);
  const destination = path.join(root, id);
  const staging = path.join(root, `.${id}.adding-${process.pid}`);
  mkdirSync(root, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  // Validation refused links already; the filter makes sure nothing a link points to is copied.
  cpSync(source, staging, {
    recursive: true,
    filter: (from) =>
      !path.basename(from).startsWith(".git") && (from === source || !lstatSync(from).isSymbolicLink()),
  });
  // Swap in whole, so a pack is never half-copied under its real name.
  const previous = existsSync(destination) ? `${destination}.replaced-${process.pid}` : undefined;
  if (previous) renameSync(destination, previous);
  renameSync(staging, destination);
  if (previous) rmSync(previous, { recursive: true, force: true });

  const verb = existing ? `updated ${existing.manifest.version} to` : "installed";
  const message = `${verb} ${id} ${result.pack.manifest.version} (${result.pack.questions.length} questions) in ${destination}`;
  if (json)
    ctx.out(
      JSON.stringify(
        {
          ok: true,
          pack: { ...describe({ ...result.pack, dir: destination, source: "installed" }) },
          message,
        },
        null,
        2,
      ),
    );
  else ctx.out(message);
  return EXIT.ok;
}

async function remove(ctx: CommandContext, id: string, json: boolean): Promise<number> {
  requireSafeId("pack", id);
  const catalog = await loadPacks({ home: ctx.home });
  const pack = catalog.packs.find((p) => p.manifest.id === id);
  if (pack?.source === "bundled") return refuse(ctx, json, `"${id}" is a bundled pack and cannot be removed`);
  const dir = path.join(installedPacksDir(ctx.home), id);
  if (!isRealFolder(dir)) {
    const suggestion = didYouMean(
      id,
      catalog.packs.filter((p) => p.source === "installed").map((p) => p.manifest.id),
    );
    return refuse(ctx, json, `no installed pack "${id}"${suggestion ? ` (${suggestion})` : ""}`);
  }
  // Only a folder whose own manifest names this id is an installed pack; anything else is not ours.
  if (readManifest(path.join(dir, MANIFEST)).manifest?.id !== id) {
    return refuse(
      ctx,
      json,
      `not removed: ${dir} has no valid ${MANIFEST} with id "${id}", so it is not an installed pack; remove it by hand if it is yours`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  const message = `removed ${id}; your progress on its questions is kept`;
  if (json) ctx.out(JSON.stringify({ ok: true, message }, null, 2));
  else ctx.out(message);
  return EXIT.ok;
}

/** A folder itself, not a link to one. */
function isRealFolder(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function refuse(ctx: CommandContext, json: boolean, message: string, extra: object = {}): number {
  if (json) ctx.out(JSON.stringify({ ok: false, message, ...extra }, null, 2));
  else ctx.err(message);
  return EXIT.failed;
}

function describe(pack: LoadedPack) {
  const m = pack.manifest;
  return {
    id: m.id,
    title: m.title,
    version: m.version,
    author: m.author,
    licence: m.licence,
    source: pack.source,
    dir: pack.dir,
    questions: pack.questions.length,
  };
}
