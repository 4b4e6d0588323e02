/**
 * Every check a lab may name, with the schema of its parameters: the lab-file validator and the grader
 * both read this one table, so a lab that validates is a lab that grades. Each check is a pure
 * function of what was observed; `hint` is what the learner reads when it fails.
 */
import { z } from "zod";
import type { TimelineEvent } from "../runtime/state.js";
import type { CheckOutcome, CheckpointState, GradeInput, TopicState } from "./types.js";

const region = z.enum(["A", "B"]);
const count = z.int().min(0);
const name = z.string().min(1);
const settings = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

export interface CheckDefinition<S extends z.ZodType = z.ZodType> {
  /** One line for the authoring guide. */
  summary: string;
  params: S;
  /** The title shown when the lab gives none. */
  title(params: z.output<S>): string;
  hint: string;
  run(input: GradeInput, params: z.output<S>): CheckOutcome;
}

const define = <S extends z.ZodType>(definition: CheckDefinition<S>) => definition;

const ok = (observed: string): CheckOutcome => ({ passed: true, observed });
const fail = (observed: string, hint?: string): CheckOutcome => ({
  passed: false,
  observed,
  ...(hint ? { hint } : {}),
});

function topicOn(input: GradeInput, r: "A" | "B", topic: string): TopicState | string {
  const state = input.observed.regions[r];
  if (!state.reachable) return `region ${r} is unreachable`;
  return state.topics[topic] ?? `no topic ${topic} on region ${r}`;
}

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
};

function mm2Property(props: Record<string, string>, flow: string | undefined, key: string): string | null {
  return (flow ? props[`${flow}.${key}`] : undefined) ?? props[key] ?? MM2_DEFAULTS[key] ?? null;
}

/** Brokers of a region down at time `t`, replayed from the fault events of the timeline. */
function downAt(timeline: TimelineEvent[], regionName: string, nodes: number, t: number): number {
  const down = new Set<string>();
  for (const e of timeline) {
    if (Date.parse(e.at) > t) break;
    const node = typeof e.detail?.node === "string" ? e.detail.node.toUpperCase() : null;
    const r = e.detail?.region;
    if (e.event === "fault:kill-node" && node?.startsWith(`${regionName}-`)) down.add(node);
    if (e.event === "fault:start-node" && node) down.delete(node);
    if (e.event === "fault:kill-region" && r === regionName)
      for (let i = 1; i <= nodes; i++) down.add(`${regionName}-${i}`);
    if (e.event === "fault:start-region" && r === regionName) down.clear();
  }
  return down.size;
}

/** Lost and skipped records are counted on the target region: say so when it could not be read. */
function recordsUnreadable(input: GradeInput): string | null {
  const target = input.observed.regions[input.to];
  if (!target.reachable) return `region ${input.to} is unreachable: its records cannot be counted`;
  const problem = target.problems.find((p) => p.startsWith("records:"));
  return problem ? `the records on region ${input.to} could not be read (${problem.slice(9)})` : null;
}

const sample = (seqs: number[]) => (seqs.length ? ` (sequence numbers ${seqs.join(", ")}…)` : "");

export const CHECKS = {
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
      return wrong.length === 0 ? ok(shown) : fail(shown);
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

  "group-offsets-translated": define({
    summary:
      "the group resumed on the target region at MirrorMaker 2's translated offsets (checkpoints), within a tolerance",
    params: z.strictObject({ group: name, topic: name, tolerance: count.default(0) }),
    title: (p) => `${p.group} resumed on ${p.topic} at the translated offsets`,
    hint: "Read the translated offsets (ccaak-train lab checkpoints --group G) and apply them on the target with kafka-consumer-groups --reset-offsets --to-offset, partition by partition, before the consumer starts there.",
    run(input, p) {
      const target = input.observed.regions[input.to];
      const checkpoints = input.observed.mm2.checkpoints[input.to].filter(
        (c: CheckpointState) => c.group === p.group && c.topic === p.topic,
      );
      if (checkpoints.length === 0)
        return fail(`no checkpoint for ${p.group} on ${p.topic} in region ${input.to}`);
      const committed = target.groups[p.group]?.offsets[p.topic] ?? {};
      const resumed = input.drill.resumed[p.topic] ?? {};
      const rows: string[] = [];
      let early = false;
      let late = false;
      let unset = false;
      for (const c of checkpoints) {
        const at = resumed[c.partition] ?? committed[c.partition];
        rows.push(`p${c.partition} ${at ?? "unset"}/${c.downstreamOffset}`);
        if (at === undefined) unset = true;
        else if (at < c.downstreamOffset - p.tolerance) early = true;
        else if (at > c.downstreamOffset + p.tolerance) late = true;
      }
      const observed = `resumed/translated: ${rows.join(", ")}`;
      if (unset) return fail(observed, `${p.group} has no offsets on ${p.topic} in region ${input.to} yet.`);
      if (early)
        return fail(
          observed,
          "The group started before the translated offsets (as --to-earliest does) and processed records again.",
        );
      if (late)
        return fail(
          observed,
          "The group started past the translated offsets (as --to-latest does) and skipped records.",
        );
      return ok(observed);
    },
  }),

  "mm2-caught-up": define({
    summary: "MirrorMaker 2's lag on the workload topic was at most maxLag when the DNS record was switched",
    params: z.strictObject({ maxLag: count.default(0) }),
    title: () => "replication had caught up before the switch",
    hint: "Before switching, compare the end offsets of the source topic and its mirror (ccaak-train lab status shows the lag) and wait for 0.",
    run(input, p) {
      const d = input.drill;
      if (d.switchAt === null) return fail("the DNS record has not been switched yet");
      const lag = d.switchDetail?.lag;
      if (typeof lag !== "number") return fail("the lag at the switch could not be measured");
      return lag <= p.maxLag ? ok(`lag ${lag} at the switch`) : fail(`lag ${lag} at the switch`);
    },
  }),

  "writes-stopped-before-switch": define({
    summary: "the producer was stopped, and the old region took no writes, before the DNS switch",
    params: z.strictObject({}),
    title: () => "writes stopped before the switch",
    hint: "Stop the producer (ccaak-train lab app stop producer) before anything else, so no write lands on the old region after it.",
    run(input) {
      const d = input.drill;
      if (d.switchAt === null) return fail("the DNS record has not been switched yet");
      const running = d.switchDetail?.producerRunning === true;
      const observed = `producer ${running ? "running" : "stopped"} at the switch; ${d.acksOnOldAfterSwitch} writes acknowledged on region ${input.from} after it`;
      return !running && d.acksOnOldAfterSwitch === 0 ? ok(observed) : fail(observed);
    },
  }),

  "dns-points-to": define({
    summary: "the applications' DNS record points at a region",
    params: z.strictObject({ region }),
    title: (p) => `DNS points to region ${p.region}`,
    hint: "Point the applications at the new region with ccaak-train lab dns set.",
    run(input, p) {
      const r = input.observed.dns;
      return r === p.region ? ok(`region ${r}`) : fail(`region ${r ?? "none"}`);
    },
  }),

  "apps-running-on": define({
    summary: "the workload applications run against a region",
    params: z.strictObject({
      region,
      apps: z.array(z.enum(["producer", "consumer"])).default(["producer", "consumer"]),
    }),
    title: (p) => `${p.apps.join(" and ")} running on region ${p.region}`,
    hint: "Applications resolve the DNS record when they start: restart them after the switch (ccaak-train lab app start).",
    run(input, p) {
      const rows = p.apps.map((a) => {
        const app = input.observed.apps[a];
        return {
          a,
          good: app.running && app.region === p.region,
          text: `${a} ${app.running ? `on ${app.region}` : "stopped"}`,
        };
      });
      const observed = rows.map((r) => r.text).join(", ");
      return rows.every((r) => r.good) ? ok(observed) : fail(observed);
    },
  }),

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

  "action-order": define({
    summary: "lab actions (timeline events) happened in this order",
    params: z.strictObject({
      steps: z
        .array(
          z.strictObject({
            event: z.enum(["app-stop", "app-start", "dns-set", "mm2-start", "mm2-stop"]),
            app: z.enum(["producer", "consumer"]).optional(),
            region: region.optional(),
          }),
        )
        .min(2),
    }),
    title: () => "the runbook's steps in order",
    hint: "Follow the runbook's order: stop writes, let replication drain, move the consumer's offsets, switch, restart.",
    run(input, p) {
      const describe = (s: (typeof p.steps)[number]) => [s.event, s.app, s.region].filter(Boolean).join(" ");
      let from = 0;
      const done: string[] = [];
      for (const step of p.steps) {
        const index = input.timeline.findIndex(
          (e, i) =>
            i >= from &&
            e.event === step.event &&
            (step.app === undefined || e.detail?.app === step.app) &&
            (step.region === undefined || e.detail?.region === step.region),
        );
        if (index < 0) return fail(`${done.length ? `${done.join(", ")}, then ` : ""}no ${describe(step)}`);
        done.push(describe(step));
        from = index + 1;
      }
      return ok(done.join(", "));
    },
  }),

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
      const window = input.timeline.some((e) => e.event.startsWith("fault:"));
      if (!window) return fail("no broker has been stopped yet (run ccaak-train lab proceed)");
      const observed = `${acks.length} writes acknowledged with ${p.down} down`;
      return (p.expect === "some") === acks.length > 0 ? ok(observed) : fail(observed);
    },
  }),

  "rpo-declared": define({
    summary: "the learner declared the records lost (ccaak-train lab declare lost N), within a tolerance",
    params: z.strictObject({ tolerance: count.default(0) }),
    title: () => "lost records reported",
    hint: "Count the acknowledged sequence numbers in the producer's ledger that never reached the new region, then run ccaak-train lab declare lost N.",
    run(input, p) {
      const declared = [...input.timeline]
        .reverse()
        .find((e) => e.event === "declared" && e.detail?.name === "lost");
      const value = declared?.detail?.value;
      if (typeof value !== "number") return fail("nothing declared yet");
      const observed = `declared ${value}, measured ${input.drill.lost}`;
      return Math.abs(value - input.drill.lost) <= p.tolerance ? ok(observed) : fail(observed);
    },
  }),
} satisfies Record<string, CheckDefinition>;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

export function findCheck(checkName: string): CheckDefinition | undefined {
  return (CHECKS as Record<string, CheckDefinition>)[checkName];
}
