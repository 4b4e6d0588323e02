/** Checks on a switch between regions: the offsets the group resumed at, the lag, writes, DNS and the apps. */
import { z } from "zod";
import type { CheckDefinition } from "./define.js";
import type { CheckpointState } from "./types.js";
import { APPS } from "../spec.js";
import { count, define, fail, name, ok, region } from "./define.js";

export const switchChecks = {
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
      const unset: string[] = [];
      const fromStart: string[] = [];
      const early: string[] = [];
      const late: string[] = [];
      const pastUnskipped: string[] = [];
      const oldNumbering: string[] = [];
      const skippedHere = input.drill.skippedByPartition[p.topic] ?? {};
      for (const c of checkpoints.sort((a, b) => a.partition - b.partition)) {
        const at = resumed[c.partition] ?? committed[c.partition];
        const name = `p${c.partition}`;
        rows.push(`${name} ${at ?? "unset"}/${c.downstreamOffset}`);
        const oldCommit = input.drill.committedOnOld[c.partition];
        if (at === undefined) unset.push(name);
        else if (
          at !== c.downstreamOffset &&
          at === oldCommit &&
          Math.abs(at - c.downstreamOffset) > p.tolerance
        )
          oldNumbering.push(`${name} (${at}, translated ${c.downstreamOffset})`);
        else if (at < c.downstreamOffset - p.tolerance)
          (at === 0 ? fromStart : early).push(`${name} (${at} < ${c.downstreamOffset})`);
        else if (at > c.downstreamOffset + p.tolerance)
          ((skippedHere[c.partition] ?? 0) > 0 ? late : pastUnskipped).push(
            `${name} (${at} > ${c.downstreamOffset})`,
          );
      }
      const observed = `resumed/translated: ${rows.join(", ")}`;
      const wrong: string[] = [];
      if (oldNumbering.length)
        wrong.push(
          `${oldNumbering.join(", ")} resumed at the group's last committed offset on region ${input.from}: that offset numbers region ${input.from}'s log, not the copy on region ${input.to}, whose offsets drift from it wherever MirrorMaker 2 copied records twice or could not copy them`,
        );
      if (fromStart.length)
        wrong.push(
          `${fromStart.join(", ")} started from the beginning: no offset was applied there (the consumer fell back to auto.offset.reset=earliest) or it was reset --to-earliest, and processed records again`,
        );
      if (early.length)
        wrong.push(
          `${early.join(", ")} resumed before the translated offset (an earlier position such as --to-datetime before the last commit) and processed records again`,
        );
      if (late.length)
        wrong.push(
          `${late.join(", ")} resumed past the translated offset (as --to-latest does) and skipped records`,
        );
      if (pastUnskipped.length)
        wrong.push(
          `${pastUnskipped.join(", ")} resumed past the translated offset, though not past what the group had processed: nothing was skipped there, by luck rather than by the translated offsets`,
        );
      if (unset.length)
        wrong.push(
          `${p.group} has no offsets on ${unset.join(", ")} of ${p.topic} in region ${input.to} yet`,
        );
      if (wrong.length === 0) return ok(observed);
      return fail(
        observed,
        `${wrong.join("; ")}. Apply each partition's translated offset (ccaak-train lab checkpoints --group ${p.group}) with kafka-consumer-groups --reset-offsets --topic ${p.topic}:P --to-offset N before the consumer starts there.`,
      );
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
      const lag = d.switchDetail?.lag ?? null;
      if (lag === null) return fail("the lag at the switch could not be measured");
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
      apps: z.array(z.enum(APPS)).default(["producer", "consumer"]),
    }),
    title: (p) => `${p.apps.join(" and ")} running on region ${p.region}`,
    hint: "Applications resolve the DNS record when they start: restart them after the switch (ccaak-train lab app start).",
    run(input, p) {
      const rows = p.apps.map((a) => {
        const app = input.observed.apps[a] ?? { running: false, region: null };
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
} satisfies Record<string, CheckDefinition>;
