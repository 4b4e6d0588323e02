/**
 * A lab file, `labs/<id>/lab.md`, parsed: front matter by the catalog's reader (positions kept), the
 * lab's schema, then the rules no schema expresses. Every problem is a diagnostic with file, line and
 * field; check names and their parameters come from the grader's registry.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { didYouMean } from "../../catalog/diagnostics.js";
import { readFrontMatterFile } from "../../catalog/front-matter.js";
import { issuesToDiagnostics, keysAt } from "../../catalog/schema.js";
import type { Diagnostic } from "../../catalog/types.js";
import type { YamlSource } from "../../catalog/yaml-source.js";
import { CHECK_NAMES, findCheck } from "../checks/registry.js";
import { isNodeFault, isRegionFault } from "../fault.js";
import { labSchema, type LabCheckSpec, type LabDefinition, type LabFrontMatter } from "./schema.js";

export interface LabFileResult {
  lab?: LabDefinition;
  diagnostics: Diagnostic[];
}

/**
 * Parses one lab file. `folderId` is the name of the folder holding it (the id must match);
 * `domains`, when given, are the exam domains a lab may name.
 */
export function parseLabFile(
  file: string,
  text: string,
  folderId?: string,
  domains?: readonly string[],
): LabFileResult {
  const read = readFrontMatterFile(file, text, "lab", () => "briefing");
  const diagnostics = [...read.diagnostics];
  if (!read.source || !read.data) return { diagnostics };
  const source = read.source;
  const parsed = labSchema.safeParse(read.data, { reportInput: true });
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, source, (p) => keysAt(labSchema, p)));
    return { diagnostics };
  }
  const fm = parsed.data;
  const problems = crossChecks(fm, source, folderId, domains);
  const checks: LabCheckSpec[] = [];
  fm.checks.forEach((entry, i) => {
    const definition = findCheck(entry.check);
    if (!definition) {
      const suggestion = didYouMean(entry.check, CHECK_NAMES);
      problems.push(
        source.diagnostic(
          ["checks", i, "check"],
          `unknown check "${entry.check}"`,
          suggestion ? { suggestion } : {},
        ),
      );
      return;
    }
    const params = definition.params.safeParse(entry.params, { reportInput: true });
    if (!params.success) {
      const prefix = ["checks", i, "params"];
      const issues = params.error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));
      problems.push(
        ...issuesToDiagnostics(issues, source, (p) => keysAt(definition.params, p.slice(prefix.length))),
      );
      return;
    }
    checks.push({
      check: entry.check,
      points: entry.points,
      required: entry.required,
      title: entry.title ?? definition.title(params.data),
      hint: entry.hint ?? definition.hint,
      params: params.data,
    });
  });
  const total = fm.checks.reduce((sum, c) => sum + c.points, 0);
  if (total !== fm.points) {
    problems.push(
      source.diagnostic(["points"], `the checks' points add up to ${total}, not ${fm.points}`, {
        suggestion: `write points: ${total}, or change the checks' points`,
      }),
    );
  }
  if (!read.body.trim()) {
    problems.push({
      file,
      line: read.bodyLine,
      column: 1,
      severity: "error",
      field: "briefing",
      message: "write the learner's briefing below the front matter",
    });
  }
  diagnostics.push(...problems);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  return { lab: { ...fm, checks, briefing: read.body.trim(), file }, diagnostics };
}

function crossChecks(
  fm: LabFrontMatter,
  source: YamlSource,
  folderId: string | undefined,
  domains: readonly string[] | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (folderId !== undefined && fm.id !== folderId)
    out.push(source.diagnostic(["id"], `the id must be the folder's name, "${folderId}"`));
  if (domains && domains.length > 0 && !domains.includes(fm.domain)) {
    const suggestion = didYouMean(fm.domain, domains);
    out.push(
      source.diagnostic(["domain"], `"${fm.domain}" is not an exam domain (${domains.join(", ")})`, {
        ...(suggestion ? { suggestion } : {}),
      }),
    );
  }
  for (const r of ["A", "B"] as const) {
    const { nodes, racks } = fm.topology[r];
    if (racks && racks.length !== nodes)
      out.push(source.diagnostic(["topology", r, "racks"], `give one rack per node (${nodes})`));
    fm.topics[r].forEach((t, i) => {
      if (t.replicationFactor > nodes)
        out.push(
          source.diagnostic(
            ["topics", r, i, "replicationFactor"],
            `region ${r} has ${nodes} node${nodes > 1 ? "s" : ""}, fewer than the replication factor`,
          ),
        );
    });
  }
  fm.faults?.steps.forEach((step, i) => {
    const at = ["faults", "steps", i];
    if (isNodeFault(step.fault)) {
      if (!step.node) out.push(source.diagnostic([...at, "node"], `${step.fault} needs a node`));
      else {
        const [r, n] = step.node.split("-") as ["A" | "B", string];
        if (Number(n) > fm.topology[r].nodes)
          out.push(source.diagnostic([...at, "node"], `region ${r} has no node ${step.node}`));
      }
    } else if (isRegionFault(step.fault) && !step.region) {
      out.push(source.diagnostic([...at, "region"], `${step.fault} needs a region`));
    }
  });
  return out;
}

/** Every `<dir>/<id>/lab.md`, parsed; a folder without `lab.md` is not a lab. */
export function loadLabs(
  dir: string,
  domains?: readonly string[],
): { labs: LabDefinition[]; diagnostics: Diagnostic[] } {
  const labs: LabDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(dir)) return { labs, diagnostics };
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const file = path.join(dir, entry.name, "lab.md");
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const result = parseLabFile(file, readFileSync(file, "utf8"), entry.name, domains);
    diagnostics.push(...result.diagnostics);
    if (result.lab) labs.push(result.lab);
  }
  return { labs, diagnostics };
}

/** A folder that holds `lab.md` or whose sub-folders do. */
export function isLabsPath(target: string): boolean {
  if (existsSync(path.join(target, "lab.md"))) return true;
  if (!existsSync(target)) return false;
  try {
    return readdirSync(target, { withFileTypes: true }).some(
      (e) => e.isDirectory() && existsSync(path.join(target, e.name, "lab.md")),
    );
  } catch {
    return false;
  }
}

/** Loads one lab folder or a folder of labs. */
export function loadLabPath(target: string, domains?: readonly string[]) {
  const file = path.join(target, "lab.md");
  if (existsSync(file)) {
    const result = parseLabFile(file, readFileSync(file, "utf8"), path.basename(target), domains);
    return { labs: result.lab ? [result.lab] : [], diagnostics: result.diagnostics };
  }
  return loadLabs(target, domains);
}
