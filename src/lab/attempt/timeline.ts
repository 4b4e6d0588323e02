/**
 * The attempt's timeline, `timeline.jsonl`: one event a line, written when it happens. Every event is
 * one of the shapes below, the same schema writes and reads it; the checks, the grade and the
 * commands read the events by type, never by parsing text.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  isMm2Fault,
  isNodeFault,
  isRegionFault,
  MM2_FAULTS,
  NODE_FAULTS,
  REGION_FAULTS,
  regionName,
  type Fault,
} from "../fault.js";
import { APPS } from "../spec.js";
import { attemptPaths } from "./paths.js";

const at = z.string();
const app = z.enum(APPS);
const event = <E extends string, D extends z.ZodRawShape>(name: E, detail: D) =>
  z.object({ at, event: z.literal(name), detail: z.object(detail) });
const bare = <E extends string>(name: E) => z.object({ at, event: z.literal(name) });
const faultEvents = <K extends string>(kinds: readonly K[]) => kinds.map((k) => `fault:${k}` as const);

export const timelineEventSchema = z.discriminatedUnion("event", [
  event("lab-starting", {
    lab: z.string(),
    runtime: z.enum(["local", "docker"]).optional(),
    basePort: z.number().optional(),
    kafka: z.string().optional(),
    reset: z.boolean().optional(),
    drill: z.number().optional(),
  }),
  event("lab-ready", { lab: z.string(), drill: z.number(), secondsToReady: z.number() }),
  event("lab-cleaned-up", { processes: z.number() }),
  bare("lab-stop"),
  bare("proceed"),
  z.object({ at, event: z.literal(faultEvents(NODE_FAULTS)), detail: z.object({ node: z.string() }) }),
  z.object({ at, event: z.literal(faultEvents(REGION_FAULTS)), detail: z.object({ region: regionName }) }),
  z.object({ at, event: z.literal(faultEvents(MM2_FAULTS)) }),
  event("app-start", { app, pid: z.number().nullable() }),
  event("app-stop", { app, pid: z.number().nullable() }),
  event("mm2-start", { file: z.string(), clusters: z.array(z.string()) }),
  bare("mm2-stop"),
  /** A rule set the learner loaded into the lab's Prometheus (`lab rules load`), with its alerts' names. */
  event("rules-load", {
    file: z.string(),
    ruleset: z.string(),
    alerts: z.array(z.string()),
    replaced: z.array(z.string()),
  }),
  /** The DNS switch, with what it found: the replication lag into the new region and the apps' state. */
  event("dns-set", {
    name: z.string(),
    region: regionName,
    bootstrap: z.string(),
    from: regionName.nullable(),
    lag: z.number().nullable(),
    producerRunning: z.boolean(),
    consumerRunning: z.boolean(),
    /** The properties MirrorMaker 2 ran with at the switch, null when it was not running. */
    mm2Properties: z.record(z.string(), z.string()).nullable().optional(),
    /** The workload group's latest checkpoints kept on the new region at the switch. */
    checkpoints: z
      .array(
        z.object({
          topic: z.string(),
          partition: z.number(),
          upstreamOffset: z.number(),
          downstreamOffset: z.number(),
        }),
      )
      .optional(),
    /**
     * MirrorMaker 2's replication latency at the switch as the lab's Prometheus saw it (the slowest
     * partition's `replication-latency-ms-max`); null when MirrorMaker 2 reported none. Labs with Prometheus.
     */
    mm2LatencyMs: z.number().nullable().optional(),
    /** The workload group's committed offsets on the new region at the switch: topic -> partition -> offset. */
    groupOffsets: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  }),
  /** A figure the learner reports (`lab declare lost N`, `lab declare gap N`). */
  event("declared", { name: z.string(), value: z.number() }),
  event("hint", { index: z.number() }),
  event("graded", { score: z.number(), passed: z.boolean() }),
  /**
   * A Kafka tool the learner ran through the lab's wrappers, recorded when it ends with the time it
   * started: masked arguments, exit code, the region whose cluster it addressed.
   */
  event("command", {
    tool: z.string(),
    args: z.array(z.string()),
    exit: z.int(),
    cluster: regionName.nullable(),
    bootstrap: z.string().nullable(),
    seconds: z.number().min(0),
  }),
]);

export type TimelineEvent = z.output<typeof timelineEventSchema>;
export type EventName = TimelineEvent["event"];
export type EventOf<E extends EventName> = Extract<TimelineEvent, { event: E }>;
/** An event as the code records it: the time is added when it is written. */
export type NewEvent = TimelineEvent extends infer T ? (T extends unknown ? Omit<T, "at"> : never) : never;

export function appendTimeline(attemptDir: string, entry: NewEvent, now = new Date()): void {
  const written = timelineEventSchema.parse({ at: now.toISOString(), ...entry });
  appendFileSync(attemptPaths(attemptDir).timeline, `${JSON.stringify(written)}\n`);
}

/** The marker a tool wrapper leaves in the attempt's run folder while its command is being recorded. */
export const PENDING_COMMAND = { prefix: "command-", suffix: ".pending" } as const;

/**
 * Waits (a few seconds at most) for the commands still being recorded: a wrapper returns before its
 * recorder has written the command down. A marker older than that is a recorder that died.
 */
function awaitRecordedCommands(attemptDir: string, timeoutMs = 3000): void {
  const run = attemptPaths(attemptDir).run;
  const pending = () => {
    if (!existsSync(run)) return false;
    return readdirSync(run).some((name) => {
      if (!name.startsWith(PENDING_COMMAND.prefix) || !name.endsWith(PENDING_COMMAND.suffix)) return false;
      const age = Date.now() - (statSync(path.join(run, name), { throwIfNoEntry: false })?.mtimeMs ?? 0);
      return age < timeoutMs;
    });
  };
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (pending() && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
}

/**
 * Every event of the attempt, oldest first. A command is written when it ends but dated when it
 * started, so the events are put in time order. A line that is not an event (cut short by a crash)
 * is left out rather than failing the status or the grade.
 */
export function readTimeline(attemptDir: string): TimelineEvent[] {
  awaitRecordedCommands(attemptDir);
  const file = attemptPaths(attemptDir).timeline;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return toTimelineEvents([JSON.parse(l)]);
      } catch {
        return [];
      }
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The events among stored values (a graded attempt's timeline), leaving out what is not one. */
export function toTimelineEvents(values: unknown[]): TimelineEvent[] {
  return values.flatMap((v) => {
    const parsed = timelineEventSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

export const isEvent =
  <E extends EventName>(name: E) =>
  (e: TimelineEvent): e is EventOf<E> =>
    e.event === name;

/** The event a fault is recorded as. */
export function faultEvent(fault: Fault): NewEvent {
  if ("node" in fault) return { event: `fault:${fault.fault}`, detail: { node: fault.node } };
  if ("region" in fault) return { event: `fault:${fault.fault}`, detail: { region: fault.region } };
  return { event: `fault:${fault.fault}` };
}

/** The fault an event records, or null for any other event. */
export function eventFault(e: TimelineEvent): Fault | null {
  if (!e.event.startsWith("fault:")) return null;
  const kind = e.event.slice("fault:".length);
  if (isNodeFault(kind) && "detail" in e && "node" in e.detail) return { fault: kind, node: e.detail.node };
  if (isRegionFault(kind) && "detail" in e && "region" in e.detail)
    return { fault: kind, region: e.detail.region };
  return isMm2Fault(kind) ? { fault: kind } : null;
}
