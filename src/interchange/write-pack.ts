/** The edge of an import: drafts written as question files into a pack folder, then checked by the pack loader. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import {
  isPackDir,
  loadPack,
  MANIFEST,
  readManifest,
  type Diagnostic,
  type Domain,
} from "../catalog/index.js";
import { bundledPacksDir } from "../paths.js";
import { assignIds, questionFile, slug, type Draft, type Report } from "./draft.js";

export interface ImportOptions {
  into: string;
  packId?: string;
  domain?: string;
  /** Category (as written after `$CATEGORY:`) to domain id. */
  domainMap: Record<string, string>;
}

export interface ImportOutcome {
  written: string[];
  reports: Report[];
  /** What the pack loader found in the result: the files that need an author's hand. */
  diagnostics: Diagnostic[];
  createdManifest: boolean;
}

/** A domain map file: YAML or JSON, an object of category to domain id. */
export function readDomainMap(file: string): Record<string, string> {
  const data: unknown = parseYaml(readFileSync(file, "utf8"));
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new Error(`${file}: expected category: domain pairs`);
  const map: Record<string, string> = {};
  for (const [category, domain] of Object.entries(data)) {
    if (typeof domain !== "string") throw new Error(`${file}: the domain of "${category}" is not a string`);
    map[category] = domain;
  }
  return map;
}

/** The domain of a category: the map, else the category's last part when it is a domain id, else `--domain`. */
export function domainFor(
  category: string | undefined,
  options: Pick<ImportOptions, "domain" | "domainMap">,
  domains: readonly Domain[],
): string | undefined {
  if (category !== undefined) {
    const mapped = options.domainMap[category];
    if (mapped) return mapped;
    const last = category.split("/").pop()!.trim();
    if (domains.some((d) => d.id === last)) return last;
  }
  return options.domain;
}

export const UNASSIGNED_DOMAIN = "unassigned";

export function writePack(drafts: readonly Draft[], options: ImportOptions): ImportOutcome {
  const dir = path.resolve(options.into);
  const reports: Report[] = [];
  let createdManifest = false;
  if (!isPackDir(dir)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, MANIFEST), manifestFor(options.packId ?? slug(path.basename(dir))));
    createdManifest = true;
  }
  const manifest = readManifest(path.join(dir, MANIFEST)).manifest;
  const domains = manifest?.blueprint.domains ?? [];
  const existing = loadPack(dir, "path");
  const taken = [
    ...(existing.pack?.questions ?? []).map((q) => q.id.slice(q.pack.length + 1)),
    ...fileIds(dir),
  ];
  const ids = assignIds(drafts, taken);
  const written = drafts.map((draft, i) => {
    let domain = domainFor(draft.category, options, domains);
    if (!domain) {
      reports.push({
        file: draft.file,
        line: draft.line,
        message: `no domain for ${draft.category === undefined ? "a question without $CATEGORY" : `category "${draft.category}"`}: give --domain or map it in --domain-map; written as "${UNASSIGNED_DOMAIN}"`,
      });
      domain = UNASSIGNED_DOMAIN;
    }
    const file = path.join(dir, `${ids[i]}.md`);
    writeFileSync(file, questionFile(draft, ids[i]!, domain));
    return file;
  });
  const checked = loadPack(dir, "path", written);
  return {
    written,
    reports,
    diagnostics: checked.diagnostics.filter((d) => d.severity === "error"),
    createdManifest,
  };
}

/** Names of the markdown files already in the folder, so an import never overwrites one. */
function fileIds(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".md"))
        .map((f) => f.slice(0, -3))
    : [];
}

/** A new pack's manifest, with the blueprint of the bundled ccaak-core pack. */
function manifestFor(id: string): string {
  const core = readFileSync(path.join(bundledPacksDir, "ccaak-core", MANIFEST), "utf8");
  const blueprint = core.slice(core.indexOf("\nblueprint:") + 1);
  return [
    `id: "${id}"`,
    `title: "Imported questions (${id})"`,
    `version: "0.1.0"`,
    `author: "unknown"`,
    `licence: "unknown"`,
    blueprint,
  ].join("\n");
}
