import { parseArgs } from "node:util";
import { formatPlan } from "../../study/index.js";
import { EXIT, type CommandContext } from "../command.js";
import { withTrainer } from "./with-trainer.js";

/** `plan [--json]`: the day-by-day plan to the exam date and the forecast it leads to. */
export async function run(ctx: CommandContext): Promise<number> {
  const { json } = parseArgs({
    args: ctx.args,
    options: { json: { type: "boolean", default: false } },
  }).values;
  return withTrainer(ctx, "plan", (trainer) => {
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
  });
}
