import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { bundledPacksDir, installedPacksDir, packageRoot } from "../paths.js";
import { ParseCache } from "./parse-cache.js";
import { isPackDir, loadPack, type PackResult } from "./pack.js";
import type { Diagnostic, LoadedPack, PackSource } from "./types.js";

export * from "./types.js";
export { formatDiagnostic, countBySeverity, compareDiagnostics, displayPath } from "./diagnostics.js";
export { loadPack, isPackDir, readManifest, MANIFEST } from "./pack.js";
export { stripUnsafe } from "./terminal-safety.js";

export interface Catalog {
  packs: LoadedPack[];
  diagnostics: Diagnostic[];
}

/** Pack folders directly inside `root` (each with a manifest), sorted by name. */
export function packDirsIn(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => path.join(root, e.name))
    .filter(isPackDir)
    .sort();
}

/**
 * The bundled packs and those installed under CCAAK_HOME. A broken pack or question is reported
 * in `diagnostics` and never stops the others from loading. An installed pack may not shadow a
 * bundled one.
 */
export async function loadPacks(options: {
  home: string;
  bundledDir?: string;
  cache?: boolean;
}): Promise<Catalog> {
  const sources: [string, PackSource][] = [
    ...packDirsIn(options.bundledDir ?? bundledPacksDir).map((dir): [string, PackSource] => [dir, "bundled"]),
    ...packDirsIn(installedPacksDir(options.home)).map((dir): [string, PackSource] => [dir, "installed"]),
  ];
  const version = programVersion();
  const cache =
    options.cache === false
      ? undefined
      : ParseCache.open(path.join(options.home, "cache", "questions.json"), version);
  const catalog = collect(sources.map(([dir, source]) => loadPack(dir, source, undefined, cache)));
  cache?.save(version);
  return catalog;
}

/**
 * The package version and this build's stamp, so that a cache written by another version
 * or build of the parser is not trusted.
 */
function programVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
    version: string;
  };
  return `${version}:${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
}

export function collect(results: readonly PackResult[]): Catalog {
  const packs: LoadedPack[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    diagnostics.push(...result.diagnostics);
    if (!result.pack) continue;
    const clash = packs.find((p) => p.manifest.id === result.pack!.manifest.id);
    if (clash) {
      diagnostics.push({
        file: path.join(result.pack.dir, "pack.yaml"),
        line: 1,
        column: 1,
        severity: "error",
        field: "id",
        message: `pack id "${clash.manifest.id}" is already used by ${clash.dir}; this copy is not loaded`,
      });
      continue;
    }
    packs.push(result.pack);
  }
  return { packs, diagnostics };
}
