/**
 * Every check a lab may name, with the schema of its parameters: the lab-file validator and the grader
 * both read this one table, so a lab that validates is a lab that grades. Each check is a pure
 * function of what was observed; `hint` is what the learner reads when it fails. The checks live by
 * family in the files beside this one.
 */
import { alertChecks } from "./alerts.js";
import { commandChecks } from "./commands.js";
import type { CheckDefinition } from "./define.js";
import { durabilityChecks } from "./durability.js";
import { gapChecks } from "./gaps.js";
import { mm2Checks } from "./mm2.js";
import { recordChecks } from "./records.js";
import { siteChecks } from "./sites.js";
import { switchChecks } from "./switch.js";
import { syncChecks } from "./sync.js";
import { topicChecks } from "./topics.js";

export type { CheckDefinition } from "./define.js";

export const CHECKS = {
  ...topicChecks,
  ...switchChecks,
  ...recordChecks,
  ...mm2Checks,
  ...durabilityChecks,
  ...commandChecks,
  ...siteChecks,
  ...gapChecks,
  ...syncChecks,
  ...alertChecks,
} satisfies Record<string, CheckDefinition>;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

export function findCheck(checkName: string): CheckDefinition | undefined {
  return (CHECKS as Record<string, CheckDefinition>)[checkName];
}
