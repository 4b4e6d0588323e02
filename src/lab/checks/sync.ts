/**
 * Checks on how MirrorMaker 2 carried the group's position across the switch: the properties it ran
 * with at that moment, whether its checkpoints had caught up with the commit, and whether the group
 * resumed on the target exactly where its commit on the source translates to (offset sync into the
 * target group included). They read what the `dns-set` event recorded at the switch.
 */
import { z } from "zod";
import { isEvent, type TimelineEvent } from "../attempt/timeline.js";
import type { CheckDefinition } from "./define.js";
import type { GradeInput } from "./types.js";
import { define, fail, name, ok } from "./define.js";
import { mm2Property } from "./mm2.js";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Why a property that is too large makes the translation trail the commit. */
const WHY: Record<string, string> = {
  "offset.lag.max":
    "an offset sync is written only once the mirror has moved that many records past the last one, so a commit translates through a sync up to that far back",
  "emit.checkpoints.interval.seconds": "a checkpoint is emitted only that often",
  "offset.flush.interval.ms":
    "the offset syncs of the last records wait for the worker's offset flush, so the checkpoint that covers a commit at the end of the log waits for it too",
};

/** A property as MirrorMaker 2 reads it; a worker setting for one cluster (`B.offset.flush.interval.ms`) falls back to the unprefixed key. */
function property(props: Record<string, string>, flow: string | undefined, key: string): string | null {
  const cluster = /^[AB]\.(.+)$/.exec(key);
  return (
    (flow ? props[`${flow}.${key}`] : undefined) ??
    props[key] ??
    (cluster ? mm2Property(props, flow, cluster[1]!) : mm2Property(props, flow, key))
  );
}

const bare = (key: string) => key.replace(/^[AB]\./, "");

interface Translation {
  partition: number;
  committed: number;
  /** Where the commit translates to exactly, or why that is not known. */
  exact: number | string;
}

/**
 * The exact translation of the group's commit on the source, per partition. A partition the group read
 * to the end (its commit is the source's end offset) translates to the end of its mirror once every
 * record is there; a commit inside the log translates exactly only through an offset sync of its own
 * record, which the grade cannot see, so the latest checkpoint that has the commit as its upstream
 * offset stands for it.
 */
function translations(
  input: GradeInput,
  group: string,
  sourceTopic: string,
  topic: string,
): Translation[] | string {
  const source = input.observed.regions[input.from];
  const target = input.observed.regions[input.to];
  if (!source.reachable) return `region ${input.from} is unreachable: ${group}'s commit there cannot be read`;
  const offsets = source.groups[group]?.offsets[sourceTopic];
  if (!offsets || Object.keys(offsets).length === 0)
    return `${group} has no committed offsets on ${sourceTopic} in region ${input.from}`;
  const checkpoints = input.observed.mm2.checkpoints[input.to];
  return Object.entries(offsets).map(([key, committed]) => {
    const partition = Number(key);
    const sourceEnd = source.topics[sourceTopic]?.endOffsets[partition];
    const targetEnd = target.topics[topic]?.endOffsets[partition];
    const checkpoint = checkpoints.find(
      (c) =>
        c.group === group && c.topic === topic && c.partition === partition && c.upstreamOffset === committed,
    );
    const exact =
      committed === sourceEnd && targetEnd !== undefined && targetEnd >= sourceEnd
        ? targetEnd
        : committed === sourceEnd
          ? `p${partition} is not all mirrored to ${topic} yet`
          : (checkpoint?.downstreamOffset ??
            `MirrorMaker 2 has no checkpoint of ${group}'s commit ${committed} on p${partition} (of ${sourceEnd ?? "?"}) yet`);
    return { partition, committed, exact };
  });
}

/** Whether an application was running at a moment, from its start and stop events. */
function runningAt(timeline: TimelineEvent[], app: string, at: number): boolean {
  let running = false;
  for (const e of timeline) {
    if (Date.parse(e.at) > at) break;
    if (isEvent("app-start")(e) && e.detail.app === app) running = true;
    if (isEvent("app-stop")(e) && e.detail.app === app) running = false;
  }
  return running;
}

const lastBefore = (timeline: TimelineEvent[], at: number, match: (e: TimelineEvent) => boolean) =>
  timeline.filter((e) => Date.parse(e.at) <= at && match(e)).at(-1);
const firstAfter = (timeline: TimelineEvent[], at: number, match: (e: TimelineEvent) => boolean) =>
  timeline.find((e) => Date.parse(e.at) > at && match(e));
const isApp = (app: string, kind: "app-start" | "app-stop") => (e: TimelineEvent) =>
  e.event === kind && e.detail.app === app;

const sourceTopicParam = name.optional();

export const syncChecks = {
  "mm2-config-at-switch": define({
    summary:
      "the properties MirrorMaker 2 ran with at the DNS switch: each `atMost` property at or below its number, each of `properties` equal to its value (a flow's key first, then the top-level key, then the default)",
    params: z.strictObject({
      flow: z
        .string()
        .regex(/^[AB]->[AB]$/)
        .optional(),
      atMost: z.record(z.string(), z.number()).default({}),
      properties: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
        .default({}),
    }),
    title: () => "MirrorMaker 2 ran with fine-grained translation at the switch",
    hint: "Stop MirrorMaker 2 (ccaak-train lab mm2 stop), start it with your own properties file (ccaak-train lab mm2 start FILE), and switch only while it runs.",
    run(input, p) {
      const d = input.drill;
      if (d.switchAt === null) return fail("the DNS record has not been switched yet");
      const props = d.switchDetail?.mm2Properties;
      if (props === undefined) return fail("the switch did not record MirrorMaker 2's properties");
      if (props === null) return fail("MirrorMaker 2 was not running at the switch");
      const wrong: string[] = [];
      const why: string[] = [];
      for (const [key, max] of Object.entries(p.atMost)) {
        const have = property(props, p.flow, key);
        if (have !== null && Number(have) <= max) continue;
        wrong.push(`${key}=${have ?? "(unset)"} (at most ${max})`);
        const reason = WHY[bare(key)];
        if (reason) why.push(`${bare(key)}: ${reason}`);
      }
      for (const [key, want] of Object.entries(p.properties)) {
        const have = property(props, p.flow, key);
        if (have?.toLowerCase() !== want.toLowerCase())
          wrong.push(`${key}=${have ?? "(unset)"} (${want} wanted)`);
      }
      const count = Object.keys(p.atMost).length + Object.keys(p.properties).length;
      if (wrong.length === 0) return ok(`at the switch: ${count} properties as required`);
      return fail(
        `at the switch: ${wrong.join(", ")}`,
        `At the switch MirrorMaker 2 ran with ${wrong.join(", ")}${why.length ? `. ${why.join("; ")}` : ""}. Stop it (ccaak-train lab mm2 stop), write your own properties file from the lab's ($CCAAK_LAB_DIR/config/mm2.properties) with smaller values, start it (ccaak-train lab mm2 start FILE), and switch while it runs.`,
      );
    },
  }),
  "commit-translated-at-switch": define({
    summary:
      "at the DNS switch, MirrorMaker 2's latest checkpoint for each partition translated the group's commit on the source exactly (a commit at the end of the source partition: to the end of its mirror)",
    params: z.strictObject({ group: name, topic: name, sourceTopic: sourceTopicParam }),
    title: (p) => `the checkpoints covered ${p.group}'s commit at the switch`,
    hint: "Drain the group, then compare ccaak-train lab checkpoints --group G with the end offsets of the mirrored topic, and switch only when every translated offset has reached them.",
    run(input, p) {
      const d = input.drill;
      if (d.switchAt === null) return fail("the DNS record has not been switched yet");
      const checkpoints = d.switchDetail?.checkpoints;
      if (!checkpoints) return fail("the switch did not record the checkpoints");
      const sourceTopic = p.sourceTopic ?? input.workload?.topic ?? p.topic;
      const wanted = translations(input, p.group, sourceTopic, p.topic);
      if (typeof wanted === "string") return fail(wanted);
      const rows: string[] = [];
      const behind: string[] = [];
      for (const t of wanted) {
        const c = checkpoints.find((x) => x.topic === p.topic && x.partition === t.partition);
        const want = typeof t.exact === "number" ? t.exact : "?";
        rows.push(`p${t.partition} ${c ? c.downstreamOffset : "none"}/${want}`);
        if (typeof t.exact === "string") behind.push(t.exact);
        else if (!c || c.upstreamOffset !== t.committed || c.downstreamOffset !== t.exact)
          behind.push(`p${t.partition} ${c ? c.downstreamOffset : "nothing"} instead of ${t.exact}`);
      }
      const observed = `translated at the switch/exact translation of the commit: ${rows.join(", ")}`;
      if (behind.length === 0) return ok(observed);
      const at = d.switchAt;
      const restart = lastBefore(input.timeline, at, (e) => e.event === "mm2-start");
      const props = d.switchDetail?.mm2Properties ?? null;
      const setting = (key: string) => (props ? property(props, undefined, key) : null);
      const cause = restart
        ? `MirrorMaker 2 was started with ${restart.event === "mm2-start" ? restart.detail.file : "your file"} at ${clock(Date.parse(restart.at))} and the switch came ${Math.round((at - Date.parse(restart.at)) / 1000)} s later, before a checkpoint covered the commit: the offsets applied from the checkpoints present then are behind it, and the records between are processed again. With writes stopped and app-g drained, wait until each translated offset in ccaak-train lab checkpoints --group ${p.group} equals the end offset of its partition of ${p.topic} (ccaak-train lab status), then apply them`
        : `MirrorMaker 2 still ran as the lab started it (offset.lag.max=${setting("offset.lag.max") ?? "?"}, emit.checkpoints.interval.seconds=${setting("emit.checkpoints.interval.seconds") ?? "?"}, B.offset.flush.interval.ms=${setting("B.offset.flush.interval.ms") ?? "?"}): its offset syncs and checkpoints trail the commit, so the translated offsets you could read were behind it`;
      return fail(
        observed,
        `At the switch the latest checkpoints translated ${p.group}'s commit on region ${input.from} to ${behind.join(", ")}. ${cause}.`,
      );
    },
  }),
  "resumed-at-source-offsets": define({
    summary:
      "the group started on the target exactly where its commit on the source translates to (the checkpoint whose upstream offset is the commit), per partition, tolerance 0; the hint says whether a member on the target blocked MirrorMaker 2's offset sync, or the switch or the consumer came before it",
    params: z.strictObject({
      group: name,
      topic: name,
      sourceTopic: sourceTopicParam,
      member: name.default("smoke"),
    }),
    title: (p) => `${p.group} resumed on ${p.topic} where its commit on the source said`,
    hint: "Let MirrorMaker 2 write the translated offsets into the group on the target (it does so only while the group has no active member there), check them with kafka-consumer-groups --describe, then start the consumer.",
    run(input, p) {
      const sourceTopic = p.sourceTopic ?? input.workload?.topic ?? p.topic;
      const wanted = translations(input, p.group, sourceTopic, p.topic);
      if (typeof wanted === "string") return fail(wanted);
      const committedOnTarget = input.observed.regions[input.to].groups[p.group]?.offsets[p.topic] ?? {};
      const resumed = input.drill.resumed[p.topic] ?? {};
      const rows: string[] = [];
      const untranslated: string[] = [];
      const off: string[] = [];
      const expected: Record<number, number> = {};
      for (const t of wanted) {
        const at = resumed[t.partition] ?? committedOnTarget[t.partition];
        rows.push(`p${t.partition} ${at ?? "unset"}/${typeof t.exact === "number" ? t.exact : "?"}`);
        if (typeof t.exact === "string") untranslated.push(t.exact);
        else {
          expected[t.partition] = t.exact;
          if (at !== t.exact) off.push(`p${t.partition} ${at ?? "unset"} (not ${t.exact})`);
        }
      }
      const observed = `resumed/translated commit: ${rows.join(", ")}`;
      if (untranslated.length)
        return fail(observed, `${untranslated.join("; ")}: the commit's translation is not known yet.`);
      if (off.length === 0) return ok(observed);

      const switchAt = input.drill.switchAt;
      const started = firstAfter(input.timeline, switchAt ?? 0, isApp("consumer", "app-start"));
      const startedText = started
        ? `, then ${p.group} started there at ${clock(Date.parse(started.at))}`
        : "";
      const after = `${p.group} resumed on ${off.join(", ")}`;
      if (switchAt !== null && runningAt(input.timeline, p.member, switchAt))
        return fail(
          observed,
          `The ${p.member} consumer was still a member of ${p.group} on region ${input.to} at the switch (${clock(switchAt)}): the sync was blocked by an active member, since MirrorMaker 2 writes a group's offsets only while it has no active member on the target. ${after}. Stop it (ccaak-train lab app stop ${p.member}), wait until kafka-consumer-groups --bootstrap-server "$${input.to}_BOOTSTRAP" --describe --group ${p.group} shows the translated offsets, then switch and start the applications.`,
        );
      const atSwitch = input.drill.switchDetail?.groupOffsets?.[p.topic] ?? {};
      const unsynced = Object.entries(expected).filter(([partition, o]) => atSwitch[partition] !== o);
      if (switchAt !== null && unsynced.length > 0) {
        const stopped = lastBefore(input.timeline, switchAt, isApp(p.member, "app-stop"));
        const gap = stopped
          ? ` (${p.member} stopped at ${clock(Date.parse(stopped.at))}, ${Math.round((switchAt - Date.parse(stopped.at)) / 1000)} s before)`
          : "";
        return fail(
          observed,
          `You switched before MirrorMaker 2 synced the offsets: at ${clock(switchAt)}${gap} ${p.group} had ${unsynced.map(([partition]) => `p${partition} ${atSwitch[partition] ?? "no offset"}`).join(", ")} on ${p.topic} in region ${input.to}${startedText}, and once ${p.group} is active on region ${input.to} the sync never writes again: ${after}. Wait for the synced offsets (kafka-consumer-groups --describe on region ${input.to}) before you start the consumer.`,
        );
      }
      return fail(
        observed,
        `${after}: its commit on region ${input.from} translates to ${Object.entries(expected)
          .map(([partition, o]) => `p${partition} ${o}`)
          .join(
            ", ",
          )}${startedText}. Start the consumer on region ${input.to} only once the group's offsets there are the translated ones.`,
      );
    },
  }),
} satisfies Record<string, CheckDefinition>;
