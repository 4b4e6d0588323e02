/**
 * Checks on the learner's own Kafka commands, as the lab's `kafka-*` wrappers recorded them on the
 * timeline: what `kafka-consumer-groups` was asked to do, to which group, on which cluster, and when.
 */
import { z } from "zod";
import { hasOption, optionValues } from "../attempt/commands.js";
import { isEvent, type EventOf, type TimelineEvent } from "../attempt/timeline.js";
import type { Region } from "../spec.js";
import type { CheckDefinition } from "./define.js";
import { define, fail, name, ok } from "./define.js";

type CommandEvent = EventOf<"command">;

const GROUPS_TOOL = "kafka-consumer-groups";
const RESET_TARGETS = [
  "--to-offset",
  "--to-earliest",
  "--to-latest",
  "--to-current",
  "--shift-by",
  "--to-datetime",
  "--by-duration",
  "--from-file",
];

export interface GroupCommand {
  at: string;
  startMs: number;
  endMs: number;
  exit: number;
  cluster: Region | null;
  bootstrap: string | null;
  /** The groups named, or `*` for `--all-groups`. */
  groups: string[];
}

export interface OffsetReset extends GroupCommand {
  /** Kafka's tool plans without changing anything unless `--execute` is given (`--dry-run` is the default). */
  execute: boolean;
  /** The topics and partitions, normalized: `A.orders:0,1` and `A.orders:1,0` are one scope. */
  scope: string;
  /** Where the offsets go: `--to-offset 42`, `--to-earliest`... */
  target: string;
  /** The reset as the learner would recognise it. */
  text: string;
}

function groupCommand(e: CommandEvent): GroupCommand {
  const args = e.detail.args;
  const startMs = Date.parse(e.at);
  return {
    at: e.at,
    startMs,
    endMs: startMs + e.detail.seconds * 1000,
    exit: e.detail.exit,
    cluster: e.detail.cluster,
    bootstrap: e.detail.bootstrap,
    groups: hasOption(args, "--all-groups") ? ["*"] : optionValues(args, "--group"),
  };
}

function topicScope(args: readonly string[]): string {
  if (hasOption(args, "--all-topics")) return "all topics";
  return optionValues(args, "--topic")
    .map((spec) => {
      const [topic, partitions] = spec.split(":");
      if (partitions === undefined) return topic!;
      const sorted = partitions
        .split(",")
        .map(Number)
        .sort((a, b) => a - b);
      return `${topic}:${sorted.join(",")}`;
    })
    .sort()
    .join(" ");
}

function resetTarget(args: readonly string[]): string {
  const parts: string[] = [];
  for (const option of RESET_TARGETS) {
    if (!hasOption(args, option)) continue;
    const values = optionValues(args, option);
    parts.push(values.length ? `${option} ${values.join(" ")}` : option);
  }
  return parts.join(" ");
}

const groupCommands = (timeline: TimelineEvent[]) =>
  timeline.filter(isEvent("command")).filter((e) => e.detail.tool === GROUPS_TOOL);

/** Every `kafka-consumer-groups --reset-offsets` the learner ran that the tool accepted (exit 0). */
export function offsetResets(timeline: TimelineEvent[]): OffsetReset[] {
  return groupCommands(timeline)
    .filter((e) => e.detail.exit === 0 && hasOption(e.detail.args, "--reset-offsets"))
    .map((e) => {
      const args = e.detail.args;
      const base = groupCommand(e);
      const execute = hasOption(args, "--execute") && !hasOption(args, "--dry-run");
      const scope = topicScope(args);
      const target = resetTarget(args);
      const text = `${base.groups.join(",")} ${scope} ${target}`.replace(/\s+/g, " ").trim();
      return { ...base, execute, scope, target, text };
    });
}

/** Every `kafka-consumer-groups --describe` that ended without error. */
export function groupDescribes(timeline: TimelineEvent[]): GroupCommand[] {
  return groupCommands(timeline)
    .filter((e) => e.detail.exit === 0 && hasOption(e.detail.args, "--describe"))
    .map(groupCommand);
}

const names = (c: GroupCommand, group: string) => c.groups.includes(group) || c.groups.includes("*");
const clock = (iso: string) => iso.slice(11, 19);
const clusterText = (c: GroupCommand) =>
  c.cluster ? `region ${c.cluster}` : `${c.bootstrap ?? "no --bootstrap-server"}, neither region's cluster`;
const sameReset = (a: OffsetReset, b: OffsetReset) =>
  a.groups.join(",") === b.groups.join(",") &&
  a.scope === b.scope &&
  a.target === b.target &&
  a.cluster === b.cluster;

export const commandChecks = {
  "dry-run-before-execute": define({
    summary:
      "every kafka-consumer-groups --reset-offsets --execute was first run as a dry run: same group, topics and partitions, target offsets and cluster",
    params: z.strictObject({}),
    title: () => "every offset reset was dry-run before it was executed",
    hint: "Run each kafka-consumer-groups --reset-offsets first with --dry-run (or without --execute: a dry run is the tool's default), read the NEW-OFFSET column, then run the same command with --execute.",
    run(input) {
      const resets = offsetResets(input.timeline);
      const executed = resets.filter((r) => r.execute);
      if (executed.length === 0) return fail("no offset reset was executed yet");
      const blind = executed.filter(
        (x) => !resets.some((d) => !d.execute && d.endMs <= x.startMs && sameReset(d, x)),
      );
      const observed = `${executed.length - blind.length} of ${executed.length} executed resets had a dry run first`;
      if (blind.length === 0) return ok(observed);
      const first = blind[0]!;
      return fail(
        `${observed}; not: ${blind.map((b) => `${b.text} at ${clock(b.at)}`).join("; ")}`,
        `The reset ${first.text} on ${clusterText(first)} at ${clock(first.at)} ran with --execute and no dry run of the same reset before it. Run it with --dry-run first (same --group, --topic, --to-... and --bootstrap-server), check NEW-OFFSET, then --execute.`,
      );
    },
  }),
  "group-described-before-switch": define({
    summary:
      "kafka-consumer-groups --describe showed the group on the source region's cluster before the DNS switch",
    params: z.strictObject({ group: name }),
    title: (p) => `${p.group} was described on the source region before the switch`,
    hint: "Before the switch, run kafka-consumer-groups --describe --group G against the region the group runs on: its state, committed offsets and lag are what the translated offsets must match.",
    run(input, p) {
      const switchAt = input.drill.switchAt;
      if (switchAt === null) return fail("the DNS record has not been switched yet");
      const describes = groupDescribes(input.timeline).filter((c) => names(c, p.group));
      const before = describes.filter((c) => c.endMs <= switchAt);
      const done = before.find((c) => c.cluster === input.from);
      const switched = clock(new Date(switchAt).toISOString());
      if (done) return ok(`described on region ${input.from} at ${clock(done.at)}, switch at ${switched}`);
      const source = `$${input.from}_BOOTSTRAP`;
      const elsewhere = before.find((c) => c.cluster !== input.from);
      if (elsewhere)
        return fail(
          `described on ${clusterText(elsewhere)} at ${clock(elsewhere.at)}, switch at ${switched}`,
          `That describe addressed ${clusterText(elsewhere)}; the group ran on region ${input.from}: describe it there (--bootstrap-server "${source}") before switching.`,
        );
      const late = describes[0];
      if (late)
        return fail(
          `described only at ${clock(late.at)}, after the switch at ${switched}`,
          `Describe ${p.group} on region ${input.from} (--bootstrap-server "${source}") before the switch, while its committed offsets are still the ones the consumer left.`,
        );
      return fail(`no kafka-consumer-groups --describe of ${p.group} before the switch at ${switched}`);
    },
  }),
  "reset-ran-against-target": define({
    summary:
      "every executed offset reset of the group addressed the target region's cluster, and at least one ran",
    params: z.strictObject({ group: name }),
    title: (p) => `${p.group}'s offsets were reset on the target region`,
    hint: "Reset the group's offsets where it will run after the switch: kafka-consumer-groups --bootstrap-server with the target region's address.",
    run(input, p) {
      const executed = offsetResets(input.timeline).filter((r) => r.execute && names(r, p.group));
      if (executed.length === 0) return fail(`no offset reset of ${p.group} was executed yet`);
      const wrong = executed.filter((r) => r.cluster !== input.to);
      const observed = `${executed.length - wrong.length} of ${executed.length} executed resets on region ${input.to}`;
      if (wrong.length === 0) return ok(observed);
      const first = wrong[0]!;
      return fail(
        `${observed}; ${wrong.map((w) => `${w.text} on ${clusterText(w)} at ${clock(w.at)}`).join("; ")}`,
        `The reset ${first.text} at ${clock(first.at)} ran against ${clusterText(first)} (--bootstrap-server ${first.bootstrap ?? "missing"}). ${p.group} resumes on region ${input.to}: reset it there, with --bootstrap-server "$${input.to}_BOOTSTRAP".`,
      );
    },
  }),
} satisfies Record<string, CheckDefinition>;
