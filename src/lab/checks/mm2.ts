/** Checks on MirrorMaker 2 itself: its properties, its connectors and the checkpoints it emits. */
import { z } from "zod";
import type { CheckDefinition } from "./define.js";
import { enabledFlows } from "../mirror.js";
import { define, fail, name, ok, region, settings } from "./define.js";

const listValue = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)
    .sort()
    .join(",");

/** MirrorMaker 2's defaults for the properties labs grade, so a learner may rely on a default. */
const MM2_DEFAULTS: Record<string, string> = {
  "replication.policy.class": "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
  "emit.checkpoints.enabled": "true",
  "emit.heartbeats.enabled": "true",
  "sync.topic.configs.enabled": "true",
  "sync.topic.acls.enabled": "true",
  "sync.group.offsets.enabled": "false",
  "offset-syncs.topic.location": "source",
  "offset.lag.max": "100",
  "emit.checkpoints.interval.seconds": "60",
  "sync.group.offsets.interval.seconds": "60",
  "offset.flush.interval.ms": "60000",
};

export function mm2Property(
  props: Record<string, string>,
  flow: string | undefined,
  key: string,
): string | null {
  return (flow ? props[`${flow}.${key}`] : undefined) ?? props[key] ?? MM2_DEFAULTS[key] ?? null;
}

/** Whether a flow's topic filter (a comma-separated list of regular expressions, `.*` by default) takes a topic. */
function matchesTopics(props: Record<string, string>, flow: string, topic: string): boolean {
  const filter = props[`${flow}.topics`] ?? props.topics ?? ".*";
  return filter
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean)
    .some((r) => {
      try {
        return new RegExp(`^(?:${r})$`).test(topic);
      } catch {
        return false;
      }
    });
}

export const mm2Checks = {
  "mm2-config": define({
    summary: "MirrorMaker 2 properties (a flow's own key first, then the top-level key, then the default)",
    params: z.strictObject({
      flow: z
        .string()
        .regex(/^[AB]->[AB]$/)
        .optional(),
      properties: settings,
    }),
    title: () => "MirrorMaker 2 configuration",
    hint: "Compare your mm2.properties with the requirements in the briefing, key by key.",
    run(input, p) {
      const props = input.observed.mm2.properties;
      if (!props) return fail("MirrorMaker 2 was not started");
      const wrong: string[] = [];
      for (const [key, want] of Object.entries(p.properties)) {
        const have = mm2Property(props, p.flow, key);
        const same =
          have !== null &&
          (key.endsWith("topics") || key.endsWith("groups")
            ? listValue(have) === listValue(want)
            : have.toLowerCase() === want.toLowerCase());
        if (!same) wrong.push(`${key}=${have ?? "(unset)"}`);
      }
      return wrong.length === 0
        ? ok(`${Object.keys(p.properties).length} properties as required`)
        : fail(`not as required: ${wrong.join(", ")}`);
    },
  }),
  "mm2-no-loop": define({
    summary:
      "no topic is replicated both ways under its own name (A->B and B->A with the identity policy), which would copy every record round and round",
    params: z.strictObject({ topics: z.array(name).min(1).optional() }),
    title: () => "no replication loop",
    hint: "With IdentityReplicationPolicy a mirrored topic keeps its name, so MirrorMaker 2 cannot tell a copy from an original: replicate each topic in one direction only, or use the default policy, whose prefix stops the cycle.",
    run(input, p) {
      const props = input.observed.mm2.properties;
      if (!props) return ok("MirrorMaker 2 was not started");
      const flows = enabledFlows(props);
      const topics = p.topics ?? (input.workload ? [input.workload.topic] : []);
      const both = flows.length === 2 && flows.every((f) => f.identity);
      const looping = both
        ? topics.filter((t) => flows.every((f) => matchesTopics(props, `${f.source}->${f.target}`, t)))
        : [];
      const shown = flows.map((f) => `${f.source}->${f.target}${f.identity ? " (identity)" : ""}`).join(", ");
      return looping.length === 0
        ? ok(`flows: ${shown || "none"}`)
        : fail(`flows: ${shown}; ${looping.join(", ")} replicated both ways under the same name`);
    },
  }),
  "mm2-running": define({
    summary: "MirrorMaker 2 runs and the named connectors report RUNNING",
    params: z.strictObject({ connectors: z.array(name).min(1) }),
    title: () => "MirrorMaker 2 is running",
    hint: "Start MirrorMaker 2 with ccaak-train lab mm2 start FILE and read its log if a connector fails.",
    run(input, p) {
      const { running, connectors } = input.observed.mm2;
      if (!running) return fail("MirrorMaker 2 is not running");
      const states = p.connectors.map((c) => {
        const s = connectors.find((x) => x.connector === c && x.task === null)?.state ?? "absent";
        return { c, s };
      });
      const observed = states.map(({ c, s }) => `${c} ${s}`).join(", ");
      return states.every((x) => x.s === "RUNNING") ? ok(observed) : fail(observed);
    },
  }),
  "checkpoints-emitted": define({
    summary: "checkpoints for a group exist on the cluster that holds them",
    params: z.strictObject({ region, group: name }),
    title: (p) => `checkpoints for ${p.group} on region ${p.region}`,
    hint: "Checkpoints need emit.checkpoints.enabled=true and the group matched by the flow's groups filter.",
    run(input, p) {
      const found = input.observed.mm2.checkpoints[p.region].filter((c) => c.group === p.group);
      return found.length > 0
        ? ok(`${found.length} partitions checkpointed`)
        : fail(`no checkpoint for ${p.group}`);
    },
  }),
} satisfies Record<string, CheckDefinition>;
