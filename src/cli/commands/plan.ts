import { parseArgs } from "node:util";
import { asStoreError, progressDbPath, StoreError } from "../../store/index.js";
import { formatPlan } from "../../study/index.js";
import { Trainer } from "../../trainer.js";
import { EXIT, type CommandContext } from "../command.js";

/** `plan [--json]`: the day-by-day plan to the exam date and the forecast it leads to. */
export async function run(ctx: CommandContext): Promise<number> {
  const { json } = parseArgs({
    args: ctx.args,
    options: { json: { type: "boolean", default: false } },
  }).values;
  try {
    const trainer = await Trainer.open(ctx.home);
    try {
      const plan = trainer.plan();
      if (!plan) {
        ctx.err(
          "ccaak-train plan: no exam date is set; set one with `ccaak-train config set exam-date YYYY-MM-DD`",
        );
        return EXIT.failed;
      }
      const passPercent = trainer.passPercent();
      if (json) ctx.out(JSON.stringify({ passPercent, ...plan }, null, 2));
      else ctx.out(formatPlan(plan, passPercent));
      return EXIT.ok;
    } finally {
      trainer.close();
    }
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, progressDbPath(ctx.home));
    if (!failure) throw error;
    ctx.err(`ccaak-train plan: ${failure.message}`);
    return EXIT.failed;
  }
}
