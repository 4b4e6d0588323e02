/**
 * Checks on the learner's alert rules, judged from what the lab's Prometheus did with them: a rule is
 * loaded and labelled, stays quiet while nothing is wrong, fires within its allowed delay after a fault,
 * and resolves after the recovery. Every time is the timeline's (faults, rules loaded) against the
 * spans Prometheus recorded in `ALERTS`.
 */
import { z } from "zod";
import { isEvent, type TimelineEvent } from "../attempt/timeline.js";
import { FAULT_KINDS } from "../fault.js";
import type { CheckDefinition } from "./define.js";
import { define, fail, name, ok } from "./define.js";
import type { AlertHistory, CheckOutcome, GradeInput } from "./types.js";

/** A fault as the lab file names it: `kill-node A-3`, `start-mm2`. */
const faultRef = z
  .string()
  .regex(
    new RegExp(`^(${FAULT_KINDS.join("|")})( [AB](-[1-3])?)?$`),
    "a fault such as `kill-node A-3` or `start-mm2`",
  );

/** When the first fault of that kind on that target happened (ms), or null. */
function faultTime(timeline: TimelineEvent[], ref: string): number | null {
  const [kind, target] = ref.split(" ");
  const found = timeline.find((e) => {
    if (e.event !== `fault:${kind}`) return false;
    if (!target) return true;
    const detail = (e as { detail?: { node?: string; region?: string } }).detail;
    return detail?.node === target || detail?.region === target;
  });
  return found ? Date.parse(found.at) : null;
}

/** The first fault after `t`, any kind: where one fault's aftermath ends. */
function nextFaultAfter(timeline: TimelineEvent[], t: number): number | null {
  const next = timeline.find((e) => e.event.startsWith("fault:") && Date.parse(e.at) > t);
  return next ? Date.parse(next.at) : null;
}

const secondsBetween = (a: number, b: number) => Math.round((b - a) / 1000);

/** The history to judge, or why there is none. */
function history(input: GradeInput): AlertHistory | string {
  const h = input.alerts;
  if (!h) return "this lab runs no Prometheus";
  if (h.problem) return h.problem;
  if (!h.ruleset) return "no rules loaded yet (`ccaak-train lab rules load FILE`)";
  return h;
}

function loadedAt(input: GradeInput, ruleset: string): number | null {
  const loads = input.timeline.filter(isEvent("rules-load")).filter((e) => e.detail.ruleset === ruleset);
  return loads.length ? Date.parse(loads.at(-1)!.at) : null;
}

/** Spans of `alert` that overlap [from, to). */
function firingWithin(h: AlertHistory, alert: string, from: number, to: number) {
  return (h.firing[alert] ?? []).filter((s) => s.from < to && (s.to ?? h.readAt) >= from);
}

function withRule(h: AlertHistory, alert: string, run: () => CheckOutcome): CheckOutcome {
  if (!h.rules.some((r) => r.name === alert)) {
    const names = h.rules.map((r) => r.name);
    return fail(
      `rule set ${h.ruleset} has no alert ${alert}${names.length ? ` (it has ${names.join(", ")})` : ""}`,
      `Name the alert exactly ${alert} (\`alert: ${alert}\`), as the briefing asks.`,
    );
  }
  return run();
}

/** A judgement of what the alert did after a fault: `t` is the fault, `deadline` its allowance's end. */
function afterFault(
  input: GradeInput,
  p: { alert: string; after: string; withinSeconds: number },
  judge: (h: AlertHistory, t: number, deadline: number) => CheckOutcome,
): CheckOutcome {
  const h = history(input);
  if (typeof h === "string") return fail(h);
  return withRule(h, p.alert, () => {
    const t = faultTime(input.timeline, p.after);
    if (t === null) return fail(`${p.after} has not happened yet`);
    return judge(h, t, t + p.withinSeconds * 1000);
  });
}

const alertParam = z.strictObject({ alert: name });
const afterParam = z.strictObject({
  alert: name,
  after: faultRef,
  withinSeconds: z.number().positive().max(3600),
});

export const alertChecks = {
  "alert-rule": define({
    summary:
      "the graded rule set has an alerting rule of that name, healthy, with a `severity` label and a `summary` annotation",
    params: alertParam,
    title: (p) => `${p.alert} loaded, with a severity label and a summary`,
    hint: "Give every alert a `severity` label (who is paged) and a `summary` annotation (what the page says).",
    run(input, p) {
      const h = history(input);
      if (typeof h === "string") return fail(h);
      return withRule(h, p.alert, () => {
        const rule = h.rules.find((r) => r.name === p.alert)!;
        if (rule.health === "err") return fail(`${p.alert} does not evaluate: ${rule.lastError ?? "error"}`);
        const missing = [
          ...(rule.labels.severity ? [] : ["no severity label"]),
          ...(rule.annotations.summary ? [] : ["no summary annotation"]),
        ];
        const observed = `${p.alert}: for ${rule.forSeconds} s, severity ${rule.labels.severity ?? "none"}, summary ${rule.annotations.summary ? `"${rule.annotations.summary}"` : "none"}`;
        return missing.length === 0 ? ok(observed) : fail(`${observed}: ${missing.join(" and ")}`);
      });
    },
  }),
  "alert-quiet": define({
    summary:
      "the alert did not fire between the rules' loading and the fault named in `before`: no false page while all is well",
    params: z.strictObject({ alert: name, before: faultRef }),
    title: (p) => `${p.alert} quiet while nothing is wrong`,
    hint: "The alert fired with nothing wrong: its expression is true on a healthy lab. Try it with `ccaak-train lab metrics '<expr>'` and make it false while all is well (sum per region, compare with the right value).",
    run(input, p) {
      const h = history(input);
      if (typeof h === "string") return fail(h);
      return withRule(h, p.alert, () => {
        const fault = faultTime(input.timeline, p.before);
        const loaded = loadedAt(input, h.ruleset!);
        if (fault === null) return fail(`the faults have not begun (\`ccaak-train lab proceed\`)`);
        if (loaded === null || loaded > fault)
          return fail(`rule set ${h.ruleset} was loaded after ${p.before}: the quiet period was not watched`);
        const early = firingWithin(h, p.alert, loaded, fault);
        if (early.length > 0)
          return fail(
            `${p.alert} fired ${secondsBetween(loaded, Math.max(loaded, early[0]!.from))} s after the rules were loaded, before ${p.before}: a page with nothing wrong`,
          );
        return ok(`quiet for the ${secondsBetween(loaded, fault)} s from loading the rules to ${p.before}`);
      });
    },
  }),
  "alert-fires": define({
    summary: "the alert was firing within `withinSeconds` after the fault named in `after`",
    params: afterParam,
    title: (p) => `${p.alert} fires within ${p.withinSeconds} s of ${p.after}`,
    hint: "The alert did not page in time.",
    run(input, p) {
      return afterFault(input, p, (h, t, deadline) => {
        const rule = h.rules.find((r) => r.name === p.alert)!;
        const inTime = firingWithin(h, p.alert, t, deadline);
        if (inTime.length > 0)
          return ok(
            `fired ${secondsBetween(t, Math.max(t, inTime[0]!.from))} s after ${p.after} (allowed ${p.withinSeconds} s)`,
          );
        if (h.readAt < deadline)
          return fail(
            `not yet: ${p.after} was ${secondsBetween(t, h.readAt)} s ago, and ${p.alert} has ${p.withinSeconds} s`,
          );
        const late = (h.firing[p.alert] ?? []).find((s) => s.from >= deadline);
        const observed = late
          ? `fired ${secondsBetween(t, late.from)} s after ${p.after}, later than the ${p.withinSeconds} s allowed`
          : `did not fire after ${p.after}`;
        if (rule.forSeconds > p.withinSeconds)
          return fail(
            observed,
            `Its \`for: ${rule.forSeconds}s\` alone is longer than the ${p.withinSeconds} s the page may take: the fault can be over before it fires. Scale \`for:\` to the briefing's.`,
          );
        return fail(
          observed,
          `It never became true during the fault. Run its expression while the fault lasts (\`ccaak-train lab metrics '${rule.query}'\`): a metric name that does not exist, or a threshold the fault does not cross, gives nothing.`,
        );
      });
    },
  }),
  "alert-resolves": define({
    summary:
      "after it fired, the alert stopped firing within `withinSeconds` of the recovery named in `after` (and stayed quiet until the next fault)",
    params: afterParam,
    title: (p) => `${p.alert} resolves within ${p.withinSeconds} s of ${p.after}`,
    hint: "An alert that keeps firing after the recovery hides the next incident.",
    run(input, p) {
      return afterFault(input, p, (h, t, deadline) => {
        const spans = h.firing[p.alert] ?? [];
        if (!spans.some((s) => s.from < deadline))
          return fail(`${p.alert} never fired, so it never resolved`);
        if (h.readAt < deadline)
          return fail(
            `not known yet: grade again in ${secondsBetween(h.readAt, deadline)} s (${p.withinSeconds} s after ${p.after})`,
          );
        const until = nextFaultAfter(input.timeline, t) ?? h.readAt;
        if (firingWithin(h, p.alert, deadline, Math.max(deadline, until)).length > 0)
          return fail(`still firing ${p.withinSeconds} s after ${p.after}`);
        const last = firingWithin(h, p.alert, t, deadline).at(-1);
        const resolved = last?.to ?? t;
        return ok(`resolved ${secondsBetween(t, Math.max(t, resolved))} s after ${p.after}`);
      });
    },
  }),
} satisfies Record<string, CheckDefinition>;
