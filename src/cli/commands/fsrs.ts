import { parseArgs } from "node:util";
import type { Fit } from "../../study/index.js";
import { loadOptimizer, optimizeParameters, platformName } from "../../study/fsrs-optimizer.js";
import type { Trainer } from "../../trainer.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";
import { withTrainer } from "./with-trainer.js";

/** `fsrs optimize|reset [--json]`: FSRS parameters fitted to the learner's review log, or the defaults. */
export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const [action, ...extra] = positionals;
  if ((action !== "optimize" && action !== "reset") || extra.length > 0) {
    throw new UsageError("use `fsrs optimize` or `fsrs reset`");
  }
  return withTrainer(ctx, "fsrs", (trainer) =>
    action === "reset" ? reset(ctx, trainer, values.json) : optimize(ctx, trainer, values.json),
  );
}

function reset(ctx: CommandContext, trainer: Trainer, json: boolean): number {
  const had = trainer.store.fsrsParameters() !== null;
  if (had) trainer.store.setFsrsParameters(null);
  if (json)
    ctx.out(JSON.stringify({ reset: had, parameters: trainer.store.scheduler().parameters }, null, 2));
  else
    ctx.out(
      had
        ? "FSRS parameters reset to the defaults; cards rebuilt from the log."
        : "FSRS already uses its default parameters.",
    );
  return EXIT.ok;
}

async function optimize(ctx: CommandContext, trainer: Trainer, json: boolean): Promise<number> {
  const binding = loadOptimizer();
  if (!binding) {
    ctx.err(
      `ccaak-train fsrs: the FSRS optimizer is not available for this platform (${platformName()}); nothing changed`,
    );
    return EXIT.failed;
  }
  const report = await trainer.optimizeFsrs((histories, prefixes) =>
    optimizeParameters(binding, histories, prefixes),
  );
  if (report.outcome === "too-few") {
    const message = `the log holds ${report.reviews} reviews; fitting needs at least ${report.reviews + report.needed}, so ${report.needed} more`;
    if (json) ctx.out(JSON.stringify(report, null, 2));
    else ctx.err(`ccaak-train fsrs: ${message}; nothing changed`);
    return EXIT.failed;
  }
  if (json) {
    ctx.out(JSON.stringify({ ...report, parameters: trainer.store.scheduler().parameters }, null, 2));
    return EXIT.ok;
  }
  const fit = (f: Fit) => `log loss ${f.logLoss.toFixed(4)}, RMSE ${(f.rmse * 100).toFixed(2)}%`;
  ctx.out(
    `Fit on your ${report.after.reviews} reviews a day or more apart (of ${report.reviews} in the log):`,
  );
  ctx.out(`  in use: ${fit(report.before)}`);
  ctx.out(`  fitted: ${fit(report.after)}`);
  ctx.out(
    report.outcome === "stored"
      ? "The fitted parameters predict your reviews better: stored, and every card rebuilt with them."
      : "The fitted parameters do not predict your reviews better: the ones in use are kept.",
  );
  return EXIT.ok;
}
