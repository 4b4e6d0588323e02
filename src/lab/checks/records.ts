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

/** Repeats are counted from the records and from the group's position: both must have been read. */
function repeatsUnknown(input: GradeInput): string | null {
  const problem = input.observed.regions[input.to].problems.find((p) => p.startsWith("groups:"));
  return (
    recordsUnreadable(input) ??
    (problem ? `the groups on region ${input.to} could not be read (${problem.slice(8)})` : null)
  );
}

/** Target partitions where the consumer started below MirrorMaker 2's translated offset. */
function resumedEarly(input: GradeInput): { partition: string; at: number; translated: number }[] {
  const group = input.workload?.group;
  const committed = group ? input.observed.regions[input.to].groups[group]?.offsets : undefined;
  return input.observed.mm2.checkpoints[input.to].flatMap((c) => {
    const at =
      c.group === group
        ? (input.drill.resumed[c.topic]?.[c.partition] ?? committed?.[c.topic]?.[c.partition])
        : undefined;
    return at !== undefined && at < c.downstreamOffset
      ? [{ partition: `${c.topic} p${c.partition}`, at, translated: c.downstreamOffset }]
      : [];
  });
}

const sample = (seqs: number[]) => (seqs.length ? ` (sequence numbers ${seqs.join(", ")}…)` : "");

export const recordChecks = {
  "records-lost": define({
    summary:
      "acknowledged records that were never processed and are not on the target region (RPO in records); with `withRegion`, those acknowledged on a lost region before it went and never mirrored are not counted",
    params: z.strictObject({ max: count.default(0), withRegion: z.boolean().default(false) }),
    title: (p) =>
      `${p.max === 0 ? "no acknowledged record lost" : `at most ${p.max} acknowledged records lost`}${p.withRegion ? " beyond what went with the region" : ""}`,
    hint: "An acknowledged record is lost when the region that took it is gone before it was mirrored: stop writes and let replication drain before switching.",
    run(input, p) {
      const d = input.drill;
      const unreadable = recordsUnreadable(input);
      if (unreadable) return fail(unreadable);
      const counted = p.withRegion ? d.lost - d.lostWithRegion : d.lost;
      const observed = `${d.lost} lost over ${d.lostSeconds.toFixed(1)} s${sample(d.lostSeqs)}${p.withRegion ? `; ${d.lostWithRegion} went with region ${input.from} unmirrored` : ""}`;
      return counted <= p.max ? ok(observed) : fail(observed);
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
    summary:
      "records processed more than once, counting those the group is certain to read again, at most max beyond what MirrorMaker 2's translated offsets make unavoidable",
    params: z.strictObject({ max: count.default(0) }),
    title: (p) =>
      p.max === 0
        ? "no record processed twice beyond the translation's own"
        : `at most ${p.max} records processed twice beyond the translation's own`,
    hint: "Records were processed again beyond what the translated offsets allow: the group resumed before them.",
    run(input, p) {
      const unknown = repeatsUnknown(input);
      if (unknown) return fail(unknown);
      const d = input.drill;
      const extra = Math.max(0, d.duplicates - d.unavoidableDuplicates);
      const observed = `${d.duplicates} processed twice (${d.duplicatesAhead} of them still ahead of the consumer), ${d.unavoidableDuplicates} unavoidable from the checkpoints: ${extra} extra`;
      if (extra <= p.max) return ok(observed);
      const early = resumedEarly(input);
      if (early.length === 0) return fail(observed);
      const how = early.every((e) => e.at === 0)
        ? "from the beginning, as --to-earliest or no offsets at all do"
        : "at an earlier position, such as --to-datetime before the last commit gives";
      return fail(
        observed,
        `The group resumed before the translated offsets (${how}) on ${early.map((e) => `${e.partition} (${e.at} < ${e.translated})`).join(", ")}: everything from there to the checkpoint had been processed on region ${input.from} already. Apply the checkpoints' offsets per partition.`,
      );
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
