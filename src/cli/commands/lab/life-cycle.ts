/** `lab list`, `start`, `reset` and `stop`: which labs there are, and a lab's life. */
import { parseArgs } from "node:util";
import { listLabDefinitions } from "../../../lab/definition/bundled.js";
import { toTopology } from "../../../lab/definition/topology.js";
import { resetLab, startLab, stopLab } from "../../../lab/control/life-cycle.js";
import { requireRunningLab } from "../../../lab/control/running.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { toJson } from "./format.js";
import { findLab, labEnv, portBase } from "./shared.js";

export function list(ctx: CommandContext, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const labs = listLabDefinitions();
  if (values.json) {
    const rows = labs.map((l) => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      domain: l.domain,
      difficulty: l.difficulty,
      minutes: l.minutes,
      graded: l.checks.length > 0,
    }));
    ctx.out(toJson(rows));
    return EXIT.ok;
  }
  const graded = labs.filter((l) => l.checks.length > 0);
  const sections = [
    { heading: `Graded drills (${graded.length})`, labs: graded },
    { heading: "To explore, not graded", labs: labs.filter((l) => l.checks.length === 0) },
  ];
  for (const [i, section] of sections.filter((s) => s.labs.length > 0).entries()) {
    if (i > 0) ctx.out("");
    ctx.out(section.heading);
    for (const l of section.labs) {
      ctx.out(
        `  ${l.id.padEnd(20)} ${l.difficulty.padEnd(7)} ~${String(l.minutes).padStart(2)} min  ${l.title}`,
      );
      ctx.out(`  ${"".padEnd(20)} ${l.summary}`);
    }
  }
  return EXIT.ok;
}

export async function start(ctx: CommandContext, args: string[], reset = false): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "port-base": { type: "string" }, runtime: { type: "string" }, json: { type: "boolean" } },
  });
  const labId = reset ? (positionals[0] ?? requireRunningLab(ctx.home).labId) : positionals[0];
  if (!labId || positionals.length > 1)
    throw new UsageError(
      reset ? "lab reset [LAB]" : "lab start LAB (for example: lab start planned-failover)",
    );
  const lab = findLab(labId);
  const spec = toTopology(lab);
  const runtime = values.runtime ?? "local";
  if (runtime !== "local" && runtime !== "docker") throw new UsageError(`--runtime is local or docker`);
  if (runtime === "docker" && lab.id !== "sandbox")
    throw new UsageError("--runtime docker runs the sandbox only");
  const log = values.json ? ctx.err : ctx.out;
  const options = {
    home: ctx.home,
    env: ctx.env,
    basePort: portBase(values["port-base"], ctx.env),
    runtime,
    log,
  } as const;
  const result = reset ? await resetLab(spec, options) : await startLab(spec, options);
  const { state } = result;
  if (values.json) {
    ctx.out(
      toJson({
        lab: state.labId,
        attemptDir: state.attemptDir,
        secondsToReady: result.secondsToReady,
        ...labEnv(state),
      }),
    );
    return EXIT.ok;
  }
  ctx.out(
    [
      `Lab ${state.labId} is ready in ${result.secondsToReady.toFixed(1)} s (Kafka ${state.kafkaVersion}, ${state.runtime} runtime).`,
      `  region A: ${state.layout.regions.A.bootstrap}`,
      `  region B: ${state.layout.regions.B.bootstrap}`,
      `  files:    ${state.attemptDir}`,
      "",
      "Next:",
      '  eval "$(ccaak-train lab env)"   # A_BOOTSTRAP, B_BOOTSTRAP and kafka-* tools on PATH',
      "  ccaak-train lab status",
      ...(lab.checks.length > 0
        ? ["  ccaak-train lab grade          # any time: what passes and what is left"]
        : []),
      "  ccaak-train lab stop",
      "",
      lab.briefing,
    ].join("\n"),
  );
  return EXIT.ok;
}

export async function stop(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const result = await stopLab(ctx.home);
  const clean = result.leftoverPids.length === 0 && result.leftoverPorts.length === 0;
  if (values.json) ctx.out(toJson({ ...result, clean }));
  else if (!result.stopped) ctx.out("No lab was running.");
  else if (clean) ctx.out(`Lab stopped in ${result.seconds.toFixed(1)} s; no process or port left.`);
  else {
    ctx.err(
      `Lab stopped, but processes ${result.leftoverPids.join(", ") || "none"} and ports ${result.leftoverPorts.join(", ") || "none"} remain.`,
    );
  }
  return clean ? EXIT.ok : EXIT.failed;
}
