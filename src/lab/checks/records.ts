/** Checks on the workload's records: lost, skipped, processed twice, and the downtimes (RPO and RTO). */
import { z } from "zod";
import type { CheckDefinition } from "./define.js";
import type { GradeInput } from "./types.js";
import { count, define, fail, ok } from "./define.js";

/** Lost and skipped records are counted on the target region: say so when it could not be read. */
function recordsUnreadable(input: GradeInput): string | null {
  const target = input.observed.regions[input.to];
  if (!target.reachable) return `region ${input.to} is unreachable: its records cannot be counted`;
  const problem = target.problems.find((p) => p.startsWith("records:"));
  return problem ? `the records on region ${input.to} could not be read (${problem.slice(9)})` : null;
}

const sample = (seqs: number[]) => (seqs.length ? ` (sequence numbers ${seqs.join(", ")}…)` : "");

export const recordChecks = {
  "records-lost": define({
    summary:
      "acknowledged records that were never processed and are not on the target region (RPO in records)",
    params: z.strictObject({ max: count.default(0) }),
    title: (p) =>
      p.max === 0 ? "no acknowledged record lost" : `at most ${p.max} acknowledged records lost`,
    hint: "An acknowledged record is lost when the region that took it is gone before it was mirrored: stop writes and let replication drain before switching.",
    run(input, p) {
      const d = input.drill;
      const unreadable = recordsUnreadable(input);
      if (unreadable) return fail(unreadable);
      const observed = `${d.lost} lost over ${d.lostSeconds.toFixed(1)} s${sample(d.lostSeqs)}`;
      return d.lost <= p.max ? ok(observed) : fail(observed);
    },
  }),
  "records-skipped": define({
    summary: "records present on the target region that the group moved past without processing",
    params: z.strictObject({ max: count.default(0) }),
    title: () => "no record skipped",
    hint: "Records were skipped: the group's offsets on the target were set past the translated ones (as --to-latest does).",
    run(input, p) {
      const unreadable = recordsUnreadable(input);
      if (unreadable) return fail(unreadable);
      const d = input.drill;
      const observed = `${d.skipped} skipped${sample(d.skippedSeqs)}; ${d.pending} still ahead of the consumer`;
      return d.skipped <= p.max ? ok(observed) : fail(observed);
    },
  }),
  "records-duplicated": define({
    summary: "records processed more than once, at most max extra processings",
    params: z.strictObject({ max: count.default(0) }),
    title: (p) => `at most ${p.max} records processed twice`,
    hint: "Many records were processed again: the group resumed before its translated offsets (as --to-earliest does).",
    run(input, p) {
      const d = input.drill.duplicates;
      return d <= p.max ? ok(`${d} processed twice`) : fail(`${d} processed twice`);
    },
  }),
  "write-downtime": define({
    summary:
      "seconds from the last write acknowledged on the old region to the first on the new one (RTO for writes)",
    params: z.strictObject({ maxSeconds: z.number().positive() }),
    title: (p) => `writes back within ${p.maxSeconds} s`,
    hint: "Rehearse the runbook so that the producer is back on the new region quickly.",
    run(input, p) {
      const s = input.drill.writeDowntimeSeconds;
      if (s === null) return fail("the producer has not written to the new region yet");
      return s <= p.maxSeconds ? ok(`${s.toFixed(1)} s`) : fail(`${s.toFixed(1)} s`);
    },
  }),
  "consumer-downtime": define({
    summary: "seconds from the last record processed on the old region to the first on the new one (RTO)",
    params: z.strictObject({ maxSeconds: z.number().positive() }),
    title: (p) => `processing back within ${p.maxSeconds} s`,
    hint: "Rehearse the runbook so that the consumer is back on the new region quickly.",
    run(input, p) {
      const s = input.drill.consumerDowntimeSeconds;
      if (s === null) return fail("the consumer has not processed a record on the new region yet");
      return s <= p.maxSeconds ? ok(`${s.toFixed(1)} s`) : fail(`${s.toFixed(1)} s`);
    },
  }),
} satisfies Record<string, CheckDefinition>;
