/**
 * Checks on what the mirror is missing inside, not only at its end: the gap left when the source deleted
 * records (retention) before MirrorMaker 2 copied them, as the learner reports it.
 */
import { z } from "zod";
import { isEvent } from "../attempt/timeline.js";
import type { CheckDefinition } from "./define.js";
import { count, define, fail, ok } from "./define.js";

export const gapChecks = {
  "gap-declared": define({
    summary:
      "the learner's `ccaak-train lab declare gap N` is within a tolerance of the acknowledged records missing on the target below the last record mirrored from their partition (deleted on the source before MirrorMaker 2 copied them)",
    params: z.strictObject({ tolerance: count.default(0) }),
    title: () => "the gap in the mirror reported",
    hint: "For each partition, the acknowledged records (producer's ledger: partition and offset) that are missing on the target although later records of that partition reached it form the gap: count them, then run ccaak-train lab declare gap N.",
    run(input, p) {
      const d = input.drill;
      const declared = input.timeline
        .filter(isEvent("declared"))
        .reverse()
        .find((e) => e.detail.name === "gap")?.detail.value;
      const afterLast = d.missing - d.gap;
      const observed = `declared ${declared ?? "nothing"}; ${d.gap} acknowledged records missing inside the mirror, ${afterLast} after its last copied record`;
      if (declared !== undefined && Math.abs(declared - d.gap) <= p.tolerance) return ok(observed);
      if (declared === undefined)
        return fail(
          observed,
          d.gap > 0
            ? `Region ${input.to}'s copy has a gap you have not reported: records are missing between records that did reach it. Find where, per partition (the log start offsets on region ${input.from}, kafka-get-offsets --time earliest, or the producer's ledger against the seq values on ${input.to}), then ccaak-train lab declare gap N.`
            : "Nothing reported: if the mirror has no gap, declare gap 0.",
        );
      if (declared === d.missing && afterLast > 0)
        return fail(
          observed,
          `You counted every missing record as the gap, ${afterLast} of them acknowledged after the last record MirrorMaker 2 copied from their partition: those went with region ${input.from} and belong to the loss only. The gap is what is missing below the last copied record of each partition.`,
        );
      return fail(
        observed,
        declared < d.gap
          ? `You reported ${d.gap - declared} fewer than the gap holds: per partition, count every acknowledged offset that is missing on ${input.to} below the last one that reached it, not only the span of one partition.`
          : `You reported ${declared - d.gap} more than the gap holds: a record region ${input.from} deleted after MirrorMaker 2 had copied it is not missing, so the log start offsets alone overstate the gap.`,
      );
    },
  }),
} satisfies Record<string, CheckDefinition>;
