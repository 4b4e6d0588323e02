/**
 * Checks for both regions taking writes (active-active): every region's group reads its own topic and
 * the other region's mirror of it, and no record comes back again and again (a replication loop).
 */
import { z } from "zod";
import { enabledFlows } from "../mirror.js";
import type { CheckDefinition } from "./define.js";
import type { GradeInput } from "./types.js";
import { count, define, fail, name, ok, region } from "./define.js";

/** The consumer that reads on a region: region B's own in a lab with a second site, else the one following DNS. */
const consumerOn = (input: GradeInput, r: "A" | "B") =>
  r === "B" && input.workload?.siteB ? "consumer-b" : "consumer";

function multipliedHint(input: GradeInput): string {
  const props = input.observed.mm2.properties;
  const flows = props ? enabledFlows(props) : [];
  return flows.length === 2 && flows.every((f) => f.identity)
    ? "MirrorMaker 2 replicates both ways under IdentityReplicationPolicy: a mirrored record keeps its topic's name, so the other flow takes it for an original and sends it back, again and again. Stop MirrorMaker 2 now, and run both flows with the DefaultReplicationPolicy, whose region prefix (A.orders, B.orders) lets it skip what came from the other side."
    : "Records were written to one topic more than once without a replication loop: a producer retried a write that had landed, or a tool wrote records again.";
}

export const siteChecks = {
  "records-multiplied": define({
    summary:
      "no sequence number appears more than once in one workload topic of the target region (a replication loop copies records round and round)",
    params: z.strictObject({ max: count.default(0) }),
    title: () => "no record multiplied",
    hint: "The same records are in one topic several times: find what writes them again.",
    run(input, p) {
      const tally = input.tally;
      if (!tally?.repeated) {
        // Too many to read: a topic holding more records than the producers ever tried to write is
        // multiplied all the same.
        const target = input.observed.regions[input.to];
        const held = (tally?.topics ?? []).reduce(
          (s, t) => s + (target.topics[t]?.endOffsets.reduce((a, b) => a + b, 0) ?? 0),
          0,
        );
        const extra = held - input.drill.produced;
        const observed = `the records on region ${input.to} could not be read; its workload topics hold ${held} records for ${input.drill.produced} writes attempted`;
        return extra > p.max ? fail(observed, multipliedHint(input)) : fail(observed);
      }
      const rows = Object.entries(tally.repeated).filter(([, r]) => r.seqs > 0);
      const total = rows.reduce((s, [, r]) => s + r.seqs, 0);
      const observed =
        rows.length === 0
          ? `every record once per topic on region ${input.to}`
          : rows
              .map(
                ([topic, r]) =>
                  `${topic}: ${r.seqs} sequence numbers more than once, up to ${r.mostCopies} copies (${r.examples.join(", ")}…)`,
              )
              .join("; ");
      return total <= p.max ? ok(observed) : fail(observed, multipliedHint(input));
    },
  }),
  "topics-consumed": define({
    summary:
      "the group processed records of each listed topic on a region (from the consumers' ledgers, so a region that is gone still counts)",
    params: z.strictObject({ region, topics: z.array(name).min(1) }),
    title: (p) => `region ${p.region} processed ${p.topics.join(" and ")}`,
    hint: "Each region's consumer must read its own topic and the other region's mirror of it.",
    run(input, p) {
      const processed = input.tally?.processed[p.region] ?? {};
      const observed = `on region ${p.region}: ${p.topics.map((t) => `${t} ${processed[t] ?? 0}`).join(", ")} processed`;
      const missed = p.topics.filter((t) => !processed[t]);
      if (missed.length === 0) return ok(observed);
      const app = consumerOn(input, p.region);
      return fail(
        observed,
        `The group on region ${p.region} never processed ${missed.join(", ")}: the orders there were never handled on ${p.region}. List every topic in the consumer's subscription ($CCAAK_LAB_DIR/apps/${app}.properties: topics = ${p.topics.join(", ")}) and restart it (ccaak-train lab app stop ${app}, then start ${app}).`,
      );
    },
  }),
} satisfies Record<string, CheckDefinition>;
