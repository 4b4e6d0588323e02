import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { visible } from "../../catalog/terminal-safety.js";
import {
  asStoreError,
  ImportError,
  openStore,
  progressDbPath,
  StoreError,
  type Store,
} from "../../store/index.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, format: { type: "string" } },
  });
  const [action, file, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  if (action !== "export" && action !== "import") {
    throw new UsageError(action ? `unknown action "${action}": use export or import` : "export or import?");
  }
  if (!file)
    throw new UsageError(
      `"progress ${action}" needs a FILE ("-" for standard ${action === "export" ? "output" : "input"})`,
    );
  const format = parsed.values.format ?? (file.toLowerCase().endsWith(".csv") ? "csv" : "json");
  if (format !== "json" && format !== "csv") throw new UsageError(`--format must be json or csv`);
  if (action === "import" && format === "csv") {
    throw new UsageError("import reads the JSON that export writes; the CSV is for FSRS optimizers");
  }

  const dbFile = progressDbPath(ctx.home);
  try {
    // An export must not copy damage out, and an import must not merge into (or leave) a damaged file.
    const store = openStore(dbFile, { verify: true });
    try {
      return action === "export"
        ? exportTo(ctx, store, file, format)
        : importFrom(ctx, store, file, parsed.values.json);
    } finally {
      store.close();
    }
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, dbFile);
    if (!failure) throw error;
    ctx.err(`ccaak-train progress: ${failure.message}`);
    return EXIT.failed;
  }
}

/** Writes to a temporary file beside the target and renames it, so a failed export never leaves half a file. */
function writeAtomically(file: string, write: (fd: number) => void): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, "w");
  try {
    write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function exportTo(ctx: CommandContext, store: Store, file: string, format: "json" | "csv"): number {
  const emit = (write: (chunk: string) => void) => {
    if (format === "json") {
      write(`${JSON.stringify(store.exportProgress(Date.now()), null, 1)}\n`);
      return;
    }
    // Batches of lines keep memory flat for a long log.
    let batch: string[] = [];
    for (const line of store.reviewLogCsv()) {
      batch.push(line);
      if (batch.length === 5000) {
        write(`${batch.join("\n")}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) write(`${batch.join("\n")}\n`);
  };
  if (file === "-") {
    emit((chunk) => fs.writeSync(1, visible(chunk)));
    return EXIT.ok;
  }
  const target = path.resolve(file);
  writeAtomically(target, (fd) => emit((chunk) => fs.writeSync(fd, chunk)));
  const reviews = store.totalReviews();
  ctx.err(`Exported ${reviews} review${reviews === 1 ? "" : "s"} as ${format.toUpperCase()} to ${target}`);
  return EXIT.ok;
}

function importFrom(ctx: CommandContext, store: Store, file: string, json: boolean): number {
  let data: unknown;
  try {
    const text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(path.resolve(file), "utf8");
    data = JSON.parse(text);
  } catch (error) {
    ctx.err(`ccaak-train progress import: cannot read ${file}: ${(error as Error).message}`);
    return EXIT.failed;
  }
  try {
    const backup = store.backupIfStale(Date.now(), 0);
    const report = store.importProgress(data);
    store.assertIntact();
    if (json) {
      ctx.out(JSON.stringify({ ...report, backup }, null, 2));
    } else {
      ctx.out(
        `Imported ${report.reviewsAdded} new review${report.reviewsAdded === 1 ? "" : "s"} (${report.reviewsAlreadyThere} already there), ${report.examsAdded} exam${report.examsAdded === 1 ? "" : "s"}; settings applied: ${report.settingsApplied.join(", ") || "none"}.`,
      );
      if (report.settingsIgnored.length > 0)
        ctx.out(`Settings ignored: ${report.settingsIgnored.join(", ")}.`);
      if (backup) ctx.out(`The database as it was before is in ${backup}.`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ImportError) {
      ctx.err(`ccaak-train progress import: ${file}: ${error.message}`);
      return EXIT.failed;
    }
    throw error;
  }
}
