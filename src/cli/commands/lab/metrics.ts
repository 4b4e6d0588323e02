/** `lab metrics [QUERY]` and `lab rules load FILE`: the lab's Prometheus, for labs that run one. */
import { parseArgs } from "node:util";
import { loadRules } from "../../../lab/control/rules.js";
import { requireRunningLab } from "../../../lab/control/running.js";
import {
  instantQuery,
  labPrometheusUrl,
  MM2_LATENCY_QUERY,
  type Sample,
} from "../../../lab/metrics/prometheus.js";
import { EXIT, UsageError, type CommandContext } from "../../command.js";
import { toJson } from "./format.js";

/** The health figures `lab metrics` prints with no query: what a DR runbook's last third watches. */
export const HEALTH_QUERIES: { label: string; query: string }[] = [
  { label: "brokers up", query: 'sum by (region) (up{job="kafka"})' },
  {
    label: "active controllers",
    query: "sum by (region) (kafka_controller_kafkacontroller_activecontrollercount)",
  },
  {
    label: "under-replicated partitions",
    query: "sum by (region) (kafka_server_replicamanager_underreplicatedpartitions)",
  },
  {
    label: "offline partitions",
    query: "sum by (region) (kafka_controller_kafkacontroller_offlinepartitionscount)",
  },
  { label: "MirrorMaker 2 up", query: 'up{job="mirrormaker"}' },
  {
    label: "MirrorMaker 2 replication latency, max ms",
    query: MM2_LATENCY_QUERY,
  },
  {
    label: "MirrorMaker 2 record age, max ms",
    query: "max(kafka_connect_mirror_mirrorsourceconnector_record_age_ms_max)",
  },
  { label: "alerts firing", query: 'count by (alertname) (ALERTS{alertstate="firing"})' },
];

function labelsOf(sample: Sample): string {
  const entries = Object.entries(sample.metric).filter(([k]) => k !== "__name__");
  const name = sample.metric.__name__ ?? "";
  return entries.length ? `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : name;
}

export async function metrics(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  if (positionals.length > 1) throw new UsageError("lab metrics [QUERY] [--json] (quote the query)");
  const url = labPrometheusUrl(requireRunningLab(ctx.home));
  const query = positionals[0];
  if (query) {
    const samples = await instantQuery(url, query);
    if (values.json) ctx.out(toJson(samples));
    else if (samples.length === 0) ctx.out("(no data: nothing matches, or the metric does not exist)");
    else for (const s of samples) ctx.out(`${labelsOf(s) || query} ${s.value}`);
    return EXIT.ok;
  }
  const figures = await Promise.all(
    HEALTH_QUERIES.map(async (h) => ({ ...h, samples: await instantQuery(url, h.query).catch(() => []) })),
  );
  if (values.json) {
    ctx.out(toJson(figures));
    return EXIT.ok;
  }
  for (const f of figures) {
    const shown = f.samples.length
      ? f.samples
          .map((s) => {
            const key = s.metric.region ?? s.metric.alertname ?? "";
            return key ? `${key} ${s.value}` : String(s.value);
          })
          .join(", ")
      : "none";
    ctx.out(`${f.label.padEnd(44)} ${shown}`);
  }
  ctx.out(`\nAny PromQL: ccaak-train lab metrics '<query>'   Prometheus: ${url}`);
  return EXIT.ok;
}

export async function rules(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { add: { type: "boolean" } },
  });
  const [action, file, ...extra] = positionals;
  if (action !== "load" || !file || extra.length) throw new UsageError("lab rules load FILE [--add]");
  const loaded = await loadRules(ctx.home, file, { add: values.add === true, env: ctx.env });
  ctx.out(loaded.report);
  ctx.out(
    `Rule set ${loaded.ruleset} loaded: ${loaded.alerts.length ? loaded.alerts.join(", ") : "no alerts"}. ` +
      "Prometheus evaluates it every 2 s; `ccaak-train lab metrics` shows what fires.",
  );
  return EXIT.ok;
}
