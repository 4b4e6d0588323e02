/** Checks on durability drills: the producer's settings, writes while brokers were down, the declared loss. */
import { z } from "zod";
import type { CheckDefinition } from "./define.js";
import { eventFault, isEvent, type TimelineEvent } from "../attempt/timeline.js";
import { count, define, fail, ok, region, settings } from "./define.js";

/** Brokers of a region down at time `t`, replayed from the fault events of the timeline. */
function downAt(timeline: TimelineEvent[], regionName: string, nodes: number, t: number): number {
  const down = new Set<string>();
  for (const e of timeline) {
    if (Date.parse(e.at) > t) break;
    const f = eventFault(e);
    if (!f) continue;
    const node = "node" in f ? f.node.toUpperCase() : null;
    const r = "region" in f ? f.region : null;
    if (f.fault === "kill-node" && node?.startsWith(`${regionName}-`)) down.add(node);
    if (f.fault === "start-node" && node) down.delete(node);
    if (f.fault === "kill-region" && r === regionName)
      for (let i = 1; i <= nodes; i++) down.add(`${regionName}-${i}`);
    if (f.fault === "start-region" && r === regionName) down.clear();
  }
  return down.size;
}

export const durabilityChecks = {
  "producer-settings": define({
    summary: "the producer ran with these settings (from its producer.properties)",
    params: z.strictObject({ settings }),
    title: (p) =>
      `producer: ${Object.entries(p.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`,
    hint: "Edit $CCAAK_LAB_DIR/apps/producer.properties, then restart the producer so it reads the file.",
    run(input, p) {
      const have = input.observed.apps.producer.settings;
      const shown = Object.keys(p.settings)
        .map((k) => `${k}=${have[k] ?? "(unset)"}`)
        .join(", ");
      return Object.entries(p.settings).every(([k, v]) => have[k] === v) ? ok(shown) : fail(shown);
    },
  }),
  "acks-while-down": define({
    summary: "whether writes were acknowledged while `down` brokers of a region were down (some or none)",
    params: z.strictObject({
      region,
      nodes: z.int().min(1).max(3),
      down: z.int().min(1).max(3),
      expect: z.enum(["some", "none"]),
    }),
    title: (p) =>
      p.expect === "some"
        ? `writes continued with ${p.down} broker${p.down > 1 ? "s" : ""} down`
        : `writes refused with ${p.down} brokers down`,
    hint: "With acks=all, a write succeeds only while the in-sync replicas number at least min.insync.replicas.",
    run(input, p) {
      const acks = input.drill.ackTimes.filter(
        (t) => downAt(input.timeline, p.region, p.nodes, t) === p.down,
      );
      const window = input.timeline.some((e) => eventFault(e) !== null);
      if (!window) return fail("no broker has been stopped yet (run ccaak-train lab proceed)");
      const observed = `${acks.length} writes acknowledged with ${p.down} down`;
      return (p.expect === "some") === acks.length > 0 ? ok(observed) : fail(observed);
    },
  }),
  "rpo-declared": define({
    summary:
      "the learner declared how many acknowledged records are not on the target region (ccaak-train lab declare lost N), within a tolerance",
    params: z.strictObject({ tolerance: count.default(0) }),
    title: () => "lost records reported",
    hint: "Count the acknowledged sequence numbers in the producer's ledger that never reached the new region, then run ccaak-train lab declare lost N.",
    run(input, p) {
      const declared = input.timeline
        .filter(isEvent("declared"))
        .reverse()
        .find((e) => e.detail.name === "lost");
      const value = declared?.detail.value;
      if (value === undefined) return fail("nothing declared yet");
      const { missing } = input.drill;
      const observed = `declared ${value}; ${missing} acknowledged records are not on region ${input.to}`;
      if (Math.abs(value - missing) <= p.tolerance) return ok(observed);
      const { repeatedOnTarget, gap } = input.drill;
      // Counting records instead of sequence numbers falls short by up to the copies made twice.
      if (value < missing && repeatedOnTarget >= missing - value)
        return fail(
          observed,
          `You declared ${missing - value} fewer than are missing, as counting records rather than sequence numbers does: region ${input.to} holds ${repeatedOnTarget} records twice (MirrorMaker 2 copied them again after a restart), so its record count overstates what arrived. Count the distinct seq values on ${input.to} against the acknowledged ones.`,
        );
      if (gap > 0 && missing - value === gap)
        return fail(
          observed,
          `You left out the ${gap} acknowledged records region ${input.from} deleted before MirrorMaker 2 copied them (the gap in the mirror): they are lost as well.`,
        );
      return fail(
        observed,
        value < missing
          ? `You declared ${missing - value} fewer than are missing: compare every acknowledged sequence number in the producer's ledger with the records on region ${input.to}, all partitions.`
          : `You declared ${value - missing} more than are missing: a record on region ${input.to} under any topic the consumer reads there is not lost.`,
      );
    },
  }),
} satisfies Record<string, CheckDefinition>;
