/** What the lab's subcommands share: reading their arguments, finding the lab, the lab's environment. */
import type { LabState } from "../../../lab/attempt/state.js";
import { listLabDefinitions, loadLabDefinition } from "../../../lab/definition/bundled.js";
import type { LabDefinition } from "../../../lab/definition/schema.js";
import { requireRunningLab } from "../../../lab/control/running.js";
import { DEFAULT_BASE_PORT } from "../../../lab/layout.js";
import { prometheusUrl } from "../../../lab/metrics/prometheus.js";
import type { Region } from "../../../lab/spec.js";
import { requireSafeId, UsageError } from "../../command.js";

export function region(value: string | undefined): Region {
  const upper = value?.toUpperCase();
  if (upper !== "A" && upper !== "B")
    throw new UsageError(`expected a region, A or B (got ${value ?? "nothing"})`);
  return upper;
}

export function portBase(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = value ?? env.CCAAK_LAB_PORT_BASE;
  if (raw === undefined) return DEFAULT_BASE_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65_000) throw new UsageError(`bad port base ${raw}`);
  return port;
}

export function labEnv(state: LabState): Record<string, string> {
  return {
    A_BOOTSTRAP: state.layout.regions.A.bootstrap,
    B_BOOTSTRAP: state.layout.regions.B.bootstrap,
    CCAAK_LAB_DIR: state.attemptDir,
    ...(state.spec.prometheus ? { PROMETHEUS_URL: prometheusUrl(state.layout) } : {}),
  };
}

export function findLab(id: string): LabDefinition {
  const lab = loadLabDefinition(requireSafeId("lab", id));
  if (!lab) {
    const ids = listLabDefinitions().map((l) => l.id);
    throw new UsageError(`no lab "${id}"; labs: ${ids.join(", ")}`);
  }
  return lab;
}

/** The running drill's lab file, which grading and hints follow. */
export function runningLab(home: string): { state: LabState; lab: LabDefinition } {
  const state = requireRunningLab(home);
  return { state, lab: findLab(state.labId) };
}
