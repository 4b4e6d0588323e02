import { parseArgs } from "node:util";
import { asStoreError, progressDbPath, StoreError } from "../../store/index.js";
import { Trainer } from "../../trainer.js";
import { formatStats } from "../../study/index.js";
import { EXIT, type CommandContext } from "../command.js";

export async function run(ctx: CommandContext): Promise<number> {
  const { json } = parseArgs({
    args: ctx.args,
    options: { json: { type: "boolean", default: false } },
  }).values;

  const file = progressDbPath(ctx.home);
  try {
    return await report(ctx, json);
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, file);
    if (!failure) throw error;
    ctx.err(`ccaak-train stats: ${failure.message}`);
    return EXIT.failed;
  }
}

async function report(ctx: CommandContext, json: boolean): Promise<number> {
  // Figures from a damaged file would look normal; the whole file is checked first.
  const trainer = await Trainer.open(ctx.home, Date.now, { verify: true });
  try {
    const stats = trainer.stats();
    const context = trainer.statsContext();
    if (json) ctx.out(JSON.stringify({ ...context, ...stats }, null, 2));
    else ctx.out(formatStats(stats, context));
    return EXIT.ok;
  } finally {
    trainer.close();
  }
}
