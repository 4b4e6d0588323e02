import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { bundledTopology } from "../../lab/definition/bundled.js";
import { dockerEngineReachable } from "../../lab/runtime/docker.js";
import { allPorts, computeLayout, DEFAULT_BASE_PORT } from "../../lab/layout.js";
import { takenPorts } from "../../lab/runtime/ports.js";
import { findPrometheus } from "../../lab/metrics/prometheus.js";
import { loadState } from "../../lab/attempt/state.js";
import {
  cdsCheck,
  javaCheck,
  kafkaCacheCheck,
  kafkaSourceCheck,
  type Check,
} from "../../lab/runtime/setup.js";
import { EXIT, type CommandContext } from "../command.js";

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return {
    name: "node",
    status: ok ? "ok" : "fail",
    detail: `Node ${process.versions.node}${ok ? "" : " (needs 20.19 or newer)"}`,
  };
}

function dockerCheck(env: NodeJS.ProcessEnv): Check {
  const cli = spawnSync("docker", ["--version"], { encoding: "utf8", env });
  if (cli.error || cli.status !== 0) {
    return {
      name: "docker",
      status: "warn",
      detail: "not installed (optional: only `--runtime docker` needs it)",
    };
  }
  return dockerEngineReachable(env)
    ? { name: "docker", status: "ok", detail: `${cli.stdout.trim()}, engine reachable` }
    : { name: "docker", status: "warn", detail: `${cli.stdout.trim()}, engine not reachable (optional)` };
}

async function portsCheck(env: NodeJS.ProcessEnv, home: string): Promise<Check> {
  const base = env.CCAAK_LAB_PORT_BASE ? Number(env.CCAAK_LAB_PORT_BASE) : DEFAULT_BASE_PORT;
  const ports = allPorts(computeLayout(bundledTopology("sandbox"), base));
  const taken = await takenPorts(ports);
  const range = `${Math.min(...ports)}-${Math.max(...ports)}`;
  if (taken.length === 0)
    return { name: "ports", status: "ok", detail: `lab ports ${range} are free (base ${base})` };
  const running = loadState(home)?.phase === "running";
  return {
    name: "ports",
    status: running ? "ok" : "warn",
    detail: running
      ? `${taken.join(", ")} in use by the running lab`
      : `${taken.length > 1 ? "ports" : "port"} ${taken.join(", ")} ${taken.length > 1 ? "are" : "is"} in use; start labs with --port-base or CCAAK_LAB_PORT_BASE`,
  };
}

/** Prometheus and promtool, which the labs that grade alerts run; the metrics exporter comes with the jars. */
function prometheusCheck(env: NodeJS.ProcessEnv): Check {
  const found = findPrometheus(env);
  if (!found)
    return {
      name: "prometheus",
      status: "warn",
      detail:
        "not found (only the alerting lab needs it): apt-get install prometheus, or set PROMETHEUS_HOME to a folder with prometheus and promtool",
    };
  const version = spawnSync(found.prometheus, ["--version"], { encoding: "utf8", env });
  const line = `${version.stdout ?? ""}${version.stderr ?? ""}`.split("\n")[0]?.trim() ?? "";
  return { name: "prometheus", status: "ok", detail: `${line || found.prometheus} (${found.prometheus})` };
}

function dataDirCheck(home: string): Check {
  try {
    if (!existsSync(home)) mkdirSync(home, { recursive: true });
    accessSync(home, constants.W_OK);
    return { name: "data-dir", status: "ok", detail: `${home} (writable)` };
  } catch {
    return {
      name: "data-dir",
      status: "fail",
      detail: `${home} is not writable; set CCAAK_HOME to a writable folder`,
    };
  }
}

export async function runChecks(env: NodeJS.ProcessEnv, home: string): Promise<Check[]> {
  return [
    nodeCheck(),
    javaCheck(env),
    kafkaSourceCheck(env, home),
    kafkaCacheCheck(env, home),
    cdsCheck(env, home),
    prometheusCheck(env),
    dockerCheck(env),
    await portsCheck(env, home),
    dataDirCheck(home),
  ];
}

export async function run(ctx: CommandContext): Promise<number> {
  const json = Boolean(parseArgs({ args: ctx.args, options: { json: { type: "boolean" } } }).values.json);
  const checks = await runChecks(ctx.env, ctx.home);
  const healthy = checks.every((c) => c.status !== "fail");
  if (json) {
    ctx.out(JSON.stringify({ healthy, checks }, null, 2));
  } else {
    const mark = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;
    for (const c of checks) ctx.out(`${mark[c.status]}  ${c.name.padEnd(12)} ${c.detail}`);
    ctx.out(healthy ? "\nReady for labs." : "\nFix the FAIL lines above before starting a lab.");
  }
  return healthy ? EXIT.ok : EXIT.failed;
}
