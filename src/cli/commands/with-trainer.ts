/** Runs a command's work on an open trainer, closed afterwards; a damaged or locked progress file is one error line. */
import { asStoreError, progressDbPath, StoreError } from "../../store/index.js";
import { Trainer } from "../../trainer.js";
import { EXIT, type CommandContext } from "../command.js";

export async function withTrainer(
  ctx: CommandContext,
  command: string,
  work: (trainer: Trainer) => number | Promise<number>,
): Promise<number> {
  try {
    const trainer = await Trainer.open(ctx.home);
    try {
      return await work(trainer);
    } finally {
      trainer.close();
    }
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, progressDbPath(ctx.home));
    if (!failure) throw error;
    ctx.err(`ccaak-train ${command}: ${failure.message}`);
    return EXIT.failed;
  }
}
