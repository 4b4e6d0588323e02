import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { asStoreError, openStore, progressDbPath, StoreError, type QuestionFlag } from "../../store/index.js";
import { EXIT, requireSafeId, UsageError, type CommandContext } from "../command.js";

/** `flags list|export`: the questions learners flagged as doubtful, for the pack's author. */
export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, pack: { type: "string" } },
  });
  const [action = "list", file, ...extra] = positionals;
  if (extra.length > 0 || (action === "list" && file))
    throw new UsageError(`unexpected argument: ${extra[0] ?? file}`);
  if (action !== "list" && action !== "export")
    throw new UsageError(`unknown action "${action}": use list or export`);
  const pack = values.pack === undefined ? undefined : requireSafeId("pack", values.pack);

  const dbFile = progressDbPath(ctx.home);
  let flags: QuestionFlag[];
  try {
    const store = openStore(dbFile);
    try {
      flags = store.flags(pack);
    } finally {
      store.close();
    }
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, dbFile);
    if (!failure) throw error;
    ctx.err(`ccaak-train flags: ${failure.message}`);
    return EXIT.failed;
  }

  const data = { flags: flags.map(describe) };
  if (action === "export") {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    if (!file || file === "-") ctx.out(text);
    else {
      fs.writeFileSync(path.resolve(file), text);
      ctx.err(`Exported ${flags.length} flag${flags.length === 1 ? "" : "s"} to ${path.resolve(file)}`);
    }
    return EXIT.ok;
  }
  if (values.json) ctx.out(JSON.stringify(data, null, 2));
  else if (flags.length === 0) ctx.out("No flagged questions.");
  else for (const f of data.flags) ctx.out(formatFlag(f));
  return EXIT.ok;
}

function describe(flag: QuestionFlag) {
  return { ...flag, at: new Date(flag.at).toISOString() };
}

function formatFlag(f: ReturnType<typeof describe>): string {
  const revision = f.revision ? ` (revision ${f.revision.slice(0, 8)})` : "";
  const answer = f.answer === null ? "" : `\n    answered: ${JSON.stringify(f.answer)}`;
  return `${f.at.slice(0, 16).replace("T", " ")}  ${f.questionId}${revision}\n    ${f.note || "(no note)"}${answer}`;
}
