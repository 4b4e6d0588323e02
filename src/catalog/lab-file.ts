/**
 * A lab file, `labs/<id>/lab.md`: front matter describing the topology, MirrorMaker 2, workload, faults,
 * targets, hints and graded checks, and a markdown briefing. Every problem is a diagnostic with file,
 * line and field; check names and their parameters come from the grader's registry.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SAFE_ID, SAFE_ID_RULE } from "../ids.js";
import { CHECK_NAMES, findCheck } from "../lab/checks/registry.js";
import { didYouMean } from "./diagnostics.js";
import { readFrontMatterFile } from "./front-matter.js";
import { issuesToDiagnostics, keysAt } from "./schema.js";
import { DIFFICULTIES, type Diagnostic } from "./types.js";
import type { YamlSource } from "./yaml-source.js";

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(SAFE_ID, SAFE_ID_RULE);
const topicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, "a Kafka topic name: letters, digits, '.', '_', '-'");
const region = z.enum(["A", "B"]);
const settings = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
const seconds = z.number().positive();

const regionSchema = z.strictObject({
  nodes: z.int().min(1).max(3),
  racks: z.array(slug).optional(),
  brokerConfigs: settings.optional(),
});

const topicSchema = z.strictObject({
  name: topicName,
  partitions: z.int().min(1).max(50),
  replicationFactor: z.int().min(1).max(3),
  configs: settings.optional(),
});

const mm2Schema = z.strictObject({
  policy: z.enum(["default", "identity"]).default("default"),
  topics: text,
  topicsExclude: text.optional(),
  groups: text.default(".*"),
  groupsExclude: text.optional(),
  checkpointsIntervalSeconds: seconds.default(5),
  syncGroupOffsets: z.boolean().default(false),
  syncGroupOffsetsIntervalSeconds: seconds.default(5),
  refreshTopicsIntervalSeconds: seconds.default(10),
  refreshGroupsIntervalSeconds: seconds.default(10),
  heartbeatsIntervalSeconds: seconds.default(1),
  offsetLagMax: z.int().min(0).default(10),
  offsetFlushIntervalMs: z.int().min(100).default(5000),
});

const workloadSchema = z.strictObject({
  topic: topicName,
  group: text,
  rate: z.number().positive().max(1000).default(10),
  keys: z.int().min(1).default(12),
  consumerTopics: z.strictObject({ A: z.array(topicName).min(1), B: z.array(topicName).min(1) }),
  consumerRate: z.number().positive().max(1000).optional(),
  start: z.array(z.enum(["producer", "consumer"])).default(["producer", "consumer"]),
  producerSettings: settings.optional(),
});

const FAULTS = [
  "kill-node",
  "freeze-node",
  "thaw-node",
  "start-node",
  "kill-region",
  "start-region",
  "stop-mm2",
  "start-mm2",
] as const;
const NODE_FAULTS: readonly string[] = FAULTS.slice(0, 4);
const REGION_FAULTS: readonly string[] = FAULTS.slice(4, 6);

const faultsSchema = z.strictObject({
  trigger: z.enum(["ready", "proceed"]),
  steps: z
    .array(
      z.strictObject({
        after: z.number().min(0).max(3600),
        fault: z.enum(FAULTS),
        node: z
          .string()
          .regex(/^[AB]-[1-3]$/, "a node name such as A-2")
          .optional(),
        region: region.optional(),
      }),
    )
    .min(1),
});

const checkSchema = z.strictObject({
  check: z.string().min(1),
  points: z.int().min(0).max(1000),
  title: text.optional(),
  hint: text.optional(),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const labSchema = z.strictObject({
  id: slug,
  title: text,
  summary: text,
  domain: slug,
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.int().min(1).max(600),
  topology: z.strictObject({
    A: regionSchema,
    B: regionSchema,
    eligibleLeaderReplicas: z.boolean().default(true),
    dns: region.default("A"),
  }),
  mirrormaker: mm2Schema.nullable().default(null),
  topics: z
    .strictObject({ A: z.array(topicSchema).default([]), B: z.array(topicSchema).default([]) })
    .default({
      A: [],
      B: [],
    }),
  workload: workloadSchema.nullable().default(null),
  faults: faultsSchema.optional(),
  targets: z
    .strictObject({ rpoRecords: z.int().min(0), rpoSeconds: z.number().min(0), rtoSeconds: seconds })
    .optional(),
  hints: z.array(text).default([]),
  hintCost: z.int().min(0).max(100).default(5),
  passPercent: z.number().min(1).max(100).default(80),
  points: z.int().min(0),
  checks: z.array(checkSchema).default([]),
});

export type LabFrontMatter = z.output<typeof labSchema>;

export interface LabCheckSpec {
  check: string;
  points: number;
  title: string;
  hint: string;
  params: unknown;
}

export interface LabDefinition extends Omit<LabFrontMatter, "checks"> {
  checks: LabCheckSpec[];
  briefing: string;
  file: string;
}

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
    if (NODE_FAULTS.includes(step.fault)) {
      if (!step.node) out.push(source.diagnostic([...at, "node"], `${step.fault} needs a node`));
      else {
        const [r, n] = step.node.split("-") as ["A" | "B", string];
        if (Number(n) > fm.topology[r].nodes)
          out.push(source.diagnostic([...at, "node"], `region ${r} has no node ${step.node}`));
      }
    } else if (REGION_FAULTS.includes(step.fault) && !step.region) {
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
