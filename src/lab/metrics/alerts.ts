/**
 * What the lab's Prometheus says its alerts did: when each alert of a rule set was firing, from the
 * `ALERTS` series it keeps, and the rules as it loaded them. `firingIntervals` is pure.
 */
import path from "node:path";
import type { AlertHistory } from "../checks/types.js";
import { loadedRules, rangeQuery, SCRAPE_SECONDS, type Series } from "./prometheus.js";
import { RULESET_LABEL, rulesDir } from "./rules.js";

/**
 * Per alert name, the spans it was firing: consecutive samples of any of its series (one per label
 * set) joined when at most one and a half steps apart. A span still firing at the last step has no end.
 */
export function firingIntervals(series: Series[], stepMs: number, endMs: number): AlertHistory["firing"] {
  const times = new Map<string, Set<number>>();
  for (const s of series) {
    const name = s.metric.alertname ?? "";
    const set = times.get(name) ?? new Set<number>();
    for (const [t] of s.values) set.add(Math.round(t * 1000));
    times.set(name, set);
  }
  const out: AlertHistory["firing"] = {};
  for (const [name, set] of times) {
    const sorted = [...set].sort((a, b) => a - b);
    const spans: { from: number; to: number | null }[] = [];
    for (const t of sorted) {
      const last = spans.at(-1);
      if (last && last.to !== null && t - last.to <= stepMs * 1.5) last.to = t;
      else spans.push({ from: t, to: t });
    }
    const last = spans.at(-1);
    if (last && last.to !== null && endMs - last.to <= stepMs * 1.5) last.to = null;
    out[name] = spans;
  }
  return out;
}

/** The rule set's alerts from `fromMs` until now, as the lab's Prometheus at `url` recorded them. */
export async function readAlertHistory(
  url: string,
  attemptDir: string,
  ruleset: string | null,
  fromMs: number,
): Promise<AlertHistory> {
  const stepMs = SCRAPE_SECONDS * 1000;
  const readAt = Date.now();
  const empty: AlertHistory = { ruleset, rules: [], firing: {}, stepMs, readAt, problem: null };
  if (!ruleset) return empty;
  try {
    const file = path.join(rulesDir(attemptDir), `${ruleset}.yml`);
    const [rules, series] = await Promise.all([
      loadedRules(url),
      rangeQuery(url, `ALERTS{alertstate="firing",${RULESET_LABEL}="${ruleset}"}`, fromMs, readAt),
    ]);
    return {
      ...empty,
      rules: rules
        .filter((r) => r.type === "alerting" && path.resolve(r.file) === path.resolve(file))
        .map((r) => ({
          name: r.name,
          query: r.query,
          forSeconds: r.duration,
          labels: r.labels,
          annotations: r.annotations,
          health: r.health,
          lastError: r.lastError ?? null,
        })),
      firing: firingIntervals(series, stepMs, readAt),
    };
  } catch (error) {
    return { ...empty, problem: `Prometheus: ${error instanceof Error ? error.message : String(error)}` };
  }
}
