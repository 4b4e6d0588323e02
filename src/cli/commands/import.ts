import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { compareDiagnostics, displayPath, formatDiagnostic } from "../../catalog/index.js";
import { readAiken } from "../../interchange/aiken.js";
import type { ReadResult } from "../../interchange/draft.js";
import { readGift } from "../../interchange/gift-import.js";
import { readDomainMap, writePack } from "../../interchange/write-pack.js";
import { EXIT, requireSafeId, UsageError, type CommandContext } from "../command.js";

const READERS: Record<string, (text: string, file: string) => ReadResult> = {
  gift: readGift,
  aiken: readAiken,
};

export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: {
      into: { type: "string" },
      "pack-id": { type: "string" },
      domain: { type: "string" },
      "domain-map": { type: "string" },
    },
  });
  const [format, ...files] = positionals;
  const reader = format ? READERS[format] : undefined;
  if (!reader) throw new UsageError(`import needs a format: gift or aiken`);
  if (files.length === 0) throw new UsageError(`import ${format} needs at least one file`);
  if (!values.into) throw new UsageError(`import ${format} needs --into DIR, the pack folder to write`);
  if (values["pack-id"]) requireSafeId("pack", values["pack-id"]);
  for (const file of files) if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const mapFile = values["domain-map"];
  if (mapFile && !existsSync(mapFile)) throw new UsageError(`no such file: ${mapFile}`);
  let domainMap: Record<string, string> = {};
  try {
    if (mapFile) domainMap = readDomainMap(mapFile);
  } catch (error) {
    throw new UsageError(`--domain-map: ${(error as Error).message}`);
  }

  const read = files.map((file) => reader(readFileSync(file, "utf8"), displayPath(path.resolve(file))));
  const outcome = writePack(
    read.flatMap((r) => r.drafts),
    {
      into: values.into,
      ...(values["pack-id"] ? { packId: values["pack-id"] } : {}),
      ...(values.domain ? { domain: values.domain } : {}),
      domainMap,
    },
  );
  const reports = [...read.flatMap((r) => r.reports), ...outcome.reports].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  for (const r of reports) ctx.err(`${r.file}:${r.line}: ${r.message}`);
  const into = displayPath(path.resolve(values.into));
  if (values["pack-id"] && !outcome.createdManifest)
    ctx.err(`--pack-id is not used: ${into} is already a pack and keeps the id in its pack.yaml`);
  const manifest = outcome.createdManifest
    ? ` (a new pack: edit ${into}/pack.yaml for its title, author and licence)`
    : "";
  ctx.out(`imported ${outcome.written.length} questions into ${into}${manifest}`);
  if (outcome.diagnostics.length === 0) {
    ctx.out(`the imported questions pass validate`);
    return EXIT.ok;
  }
  for (const d of [...outcome.diagnostics].sort(compareDiagnostics)) ctx.err(formatDiagnostic(d));
  const needing = [...new Set(outcome.diagnostics.map((d) => displayPath(d.file)))].sort();
  ctx.out(
    `${needing.length} ${needing.length === 1 ? "file needs" : "files need"} an author's hand before the pack passes validate:`,
  );
  for (const file of needing) ctx.out(`  ${file}`);
  return EXIT.failed;
}
