/** `lab rules load FILE`: the learner's alert rules, checked by promtool as they are, then loaded. */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appendTimeline } from "../attempt/timeline.js";
import { LabUserError } from "../errors.js";
import { findPrometheus, labPrometheusUrl, reloadPrometheus } from "../metrics/prometheus.js";
import { labelRules, rulesDir, rulesetName } from "../metrics/rules.js";
import { requireRunningLab } from "./running.js";

export class RulesError extends LabUserError {}

/**
 * Checks `file` with `promtool check rules` (its report is the error, word for word), labels its alerts
 * with the rule set's name and has Prometheus load it. The other rule sets are removed unless `add`.
 */
export async function loadRules(
  home: string,
  file: string,
  options: { add?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ ruleset: string; alerts: string[]; report: string }> {
  const state = requireRunningLab(home);
  const url = labPrometheusUrl(state);
  const tools = findPrometheus(options.env ?? process.env);
  if (!tools) throw new RulesError("promtool was not found (install Debian's prometheus package)");
  const checked = spawnSync(tools.promtool, ["check", "rules", file], { encoding: "utf8" });
  const report = `${checked.stdout ?? ""}${checked.stderr ?? ""}`.trim();
  if (checked.status !== 0) throw new RulesError(report || `promtool check rules ${file} failed`);

  const ruleset = rulesetName(file);
  const { text, alerts } = labelRules(readFileSync(file, "utf8"), ruleset);
  const dir = rulesDir(state.attemptDir);
  mkdirSync(dir, { recursive: true });
  const replaced = options.add
    ? []
    : readdirSync(dir)
        .filter((f) => f !== `${ruleset}.yml`)
        .map((f) => (rmSync(path.join(dir, f)), f.replace(/\.yml$/, "")));
  writeFileSync(path.join(dir, `${ruleset}.yml`), text);
  await reloadPrometheus(url);
  appendTimeline(state.attemptDir, {
    event: "rules-load",
    detail: { file: path.resolve(file), ruleset, alerts, replaced },
  });
  return { ruleset, alerts, report };
}
