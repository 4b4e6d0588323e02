/** Checks on topics: existence, configuration, rack spread and which topics are mirrored. */
import { z } from "zod";
import type { CheckDefinition } from "./define.js";
import { define, fail, name, ok, region, settings, topicOn } from "./define.js";

export const topicChecks = {
  "topic-exists": define({
    summary: "a topic exists on a region, optionally with a partition count and replication factor",
    params: z.strictObject({
      region,
      topic: name,
      partitions: z.int().min(1).optional(),
      replicationFactor: z.int().min(1).optional(),
    }),
    title: (p) => `${p.topic} exists on region ${p.region}`,
    hint: "Create the topic with kafka-topics --create, giving --partitions and --replication-factor.",
    run(input, p) {
      const t = topicOn(input, p.region, p.topic);
      if (typeof t === "string") return fail(t);
      const rf = Math.min(...t.partitions.map((x) => x.replicas.length));
      const seen = `${t.partitions.length} partitions, replication factor ${rf}`;
      if (p.partitions !== undefined && t.partitions.length !== p.partitions)
        return fail(`${seen}; wanted ${p.partitions} partitions`);
      if (p.replicationFactor !== undefined && rf !== p.replicationFactor)
        return fail(`${seen}; wanted replication factor ${p.replicationFactor}`);
      return ok(seen);
    },
  }),
  "topic-config": define({
    summary: "a topic's effective configuration values (override or default) equal the given ones",
    params: z.strictObject({ region, topic: name, configs: settings }),
    title: (p) =>
      `${p.topic} on ${p.region}: ${Object.entries(p.configs)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`,
    hint: "Set topic configuration with kafka-configs --alter --entity-type topics --add-config.",
    run(input, p) {
      const t = topicOn(input, p.region, p.topic);
      if (typeof t === "string") return fail(t);
      const wrong = Object.entries(p.configs).filter(([k, v]) => t.configs[k] !== v);
      const shown = Object.keys(p.configs)
        .map((k) => `${k}=${t.configs[k] ?? "(unset)"}`)
        .join(", ");
      if (wrong.length === 0) return ok(shown);
      const fix = wrong.map(([k, v]) => `${k}=${v}`).join(",");
      return fail(
        shown,
        `Not as required on ${p.topic} (region ${p.region}): ${wrong.map(([k, v]) => `${k} is ${t.configs[k] ?? "unset"}, want ${v}`).join("; ")}. Set it with kafka-configs --alter --entity-type topics --entity-name ${p.topic} --add-config ${fix}.`,
      );
    },
  }),
  "rack-spread": define({
    summary: "every partition of a topic has its replicas on different racks",
    params: z.strictObject({ region, topic: name }),
    title: (p) => `${p.topic} replicas spread across racks on ${p.region}`,
    hint: "With broker.rack set, Kafka spreads new replicas across racks; reassign partitions that share a rack.",
    run(input, p) {
      const t = topicOn(input, p.region, p.topic);
      if (typeof t === "string") return fail(t);
      const racks = new Map(input.observed.regions[p.region].brokers.map((b) => [b.id, b.rack]));
      const bad = t.partitions.filter((x) => {
        const used = x.replicas.map((id) => racks.get(id) ?? `node-${id}`);
        return new Set(used).size < used.length;
      });
      return bad.length === 0
        ? ok(`${t.partitions.length} partitions, each on distinct racks`)
        : fail(`partitions ${bad.map((x) => x.partition).join(", ")} have two replicas on one rack`);
    },
  }),
  "topics-mirrored": define({
    summary: "topics that must exist on a region (mirrored) and topics that must not",
    params: z.strictObject({
      region,
      present: z.array(name).default([]),
      absent: z.array(name).default([]),
    }),
    title: (p) => `the right topics are mirrored to region ${p.region}`,
    hint: "Check the flow's topics and topics.exclude filters and the replication policy, which decides the names.",
    run(input, p) {
      const state = input.observed.regions[p.region];
      if (!state.reachable) return fail(`region ${p.region} is unreachable`);
      const missing = p.present.filter((t) => !state.topics[t]);
      const extra = p.absent.filter((t) => state.topics[t]);
      const parts = [
        missing.length ? `missing ${missing.join(", ")}` : "",
        extra.length ? `should not be there: ${extra.join(", ")}` : "",
      ].filter(Boolean);
      return parts.length === 0 ? ok(`present: ${p.present.join(", ") || "-"}`) : fail(parts.join("; "));
    },
  }),
} satisfies Record<string, CheckDefinition>;
