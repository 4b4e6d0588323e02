/**
 * The learner's alert rules: each loaded file is one rule set, kept in the attempt's `config/rules/` with
 * a `ruleset` label on every alert, so that its alerts can be told from another set's (pure parts here;
 * `control/rules.ts` checks and loads).
 */
import path from "node:path";
import { parseDocument } from "yaml";
import { attemptPaths } from "../attempt/paths.js";

export const RULESET_LABEL = "ruleset";

export const rulesDir = (attemptDir: string) => path.join(attemptPaths(attemptDir).config, "rules");

/** A rule set's name: the file's name without its extension, in the characters a label value keeps readable. */
export function rulesetName(file: string): string {
  const base = path.basename(file).replace(/\.(ya?ml)$/i, "");
  return base.replace(/[^A-Za-z0-9_.-]/g, "_") || "rules";
}

/** The file as Prometheus loads it: every alerting rule labelled with its rule set; the rest unchanged. */
export function labelRules(text: string, ruleset: string): { text: string; alerts: string[] } {
  const doc = parseDocument(text);
  const alerts: string[] = [];
  const groups = doc.get("groups");
  for (const group of (groups as { items?: unknown[] } | undefined)?.items ?? []) {
    const rules = (group as { get(key: string): unknown }).get("rules") as { items?: unknown[] } | undefined;
    for (const rule of rules?.items ?? []) {
      const r = rule as { get(key: string): unknown; setIn(path: string[], value: string): void };
      const alert = r.get("alert");
      if (typeof alert !== "string") continue;
      alerts.push(alert);
      r.setIn(["labels", RULESET_LABEL], ruleset);
    }
  }
  return { text: doc.toString(), alerts };
}
