/**
 * The learner's Kafka commands as the lab's `kafka-*` wrappers record them: the arguments with secrets
 * masked, and the region whose cluster the command addressed. Pure: the recorder
 * (`lab/record-command.ts`) does the I/O.
 */
import type { LabLayout } from "../layout.js";
import { REGIONS, type Region } from "../spec.js";
import { isEvent, type EventOf, type TimelineEvent } from "./timeline.js";

export const MASK = "***";

/** Options whose value is a file path: kept as written, the file is not the secret's place here. */
const FILE_OPTIONS = new Set([
  "--command-config",
  "--consumer.config",
  "--producer.config",
  "--admin.config",
  "--config-file",
  "--add-config-file",
  "--from-file",
]);

/** Options naming the cluster a tool talks to. */
const ADDRESS_OPTIONS = ["--bootstrap-server", "--bootstrap-controller", "--broker-list"];

const SECRET_KEY = /password|passwd|secret|jaas|credential|token|scram|keystore\.key|private\.key/i;
const PASSWORD_VALUE = /(password\s*[=:]\s*)("[^"]*"?|'[^']*'?|[^\s,;\]"']*)/gi;

/** Splits `a=1,b=[x,y],c=3` at the commas outside brackets, as `kafka-configs --add-config` reads it. */
function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      entries.push(text.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(text.slice(start));
  return entries;
}

/** One argument with the values of secret-looking `key=value` entries and any `password=` masked. */
export function maskValue(text: string): string {
  const settings = splitEntries(text).map((entry) => {
    const eq = entry.indexOf("=");
    return eq > 0 && SECRET_KEY.test(entry.slice(0, eq)) ? `${entry.slice(0, eq + 1)}${MASK}` : entry;
  });
  return settings.join(",").replace(PASSWORD_VALUE, `$1${MASK}`);
}

/** The arguments as they may be shown and stored: file paths kept, secrets masked. */
export function maskArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const option = arg.startsWith("--") ? (eq > 0 ? arg.slice(0, eq) : arg) : null;
    if (option && eq > 0) {
      const value = arg.slice(eq + 1);
      out.push(`${option}=${FILE_OPTIONS.has(option) ? value : maskSecretOption(option, value)}`);
      continue;
    }
    out.push(maskValue(arg));
    const next = args[i + 1];
    if (option && next !== undefined && !next.startsWith("--")) {
      out.push(FILE_OPTIONS.has(option) ? next : maskSecretOption(option, next));
      i++;
    }
  }
  return out;
}

const maskSecretOption = (option: string, value: string) =>
  SECRET_KEY.test(option) ? MASK : maskValue(value);

/** Every value given to an option, as `--name value` or `--name=value`, in order; none for a flag. */
export function optionValues(args: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === name && next !== undefined && !next.startsWith("--")) values.push(args[++i]!);
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  }
  return values;
}

export const hasOption = (args: readonly string[], name: string) =>
  args.some((a) => a === name || a.startsWith(`${name}=`));

export type RegionAddresses = Record<Region, Set<string>>;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function normalAddress(address: string): string {
  const text = address.trim().toLowerCase();
  const colon = text.lastIndexOf(":");
  if (colon < 0) return text;
  const host = text.slice(0, colon);
  return `${LOOPBACK.has(host) ? "127.0.0.1" : host}:${text.slice(colon + 1)}`;
}

const addressList = (value: string) =>
  value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .map(normalAddress);

/** Each region's client and controller addresses, and what `$A_BOOTSTRAP` and `$B_BOOTSTRAP` hold. */
export function regionAddresses(
  layout: LabLayout,
  env: Record<string, string | undefined> = {},
): RegionAddresses {
  const out = {} as RegionAddresses;
  for (const region of REGIONS) {
    const nodes = layout.regions[region].nodes;
    out[region] = new Set([
      ...nodes.flatMap((n) =>
        [`${n.host}:${n.clientPort}`, `${n.host}:${n.controllerPort}`].map(normalAddress),
      ),
      ...addressList(env[`${region}_BOOTSTRAP`] ?? ""),
    ]);
  }
  return out;
}

/** The address a command was given and the region it belongs to (null when it names none, or both). */
export function addressedCluster(
  args: readonly string[],
  addresses: RegionAddresses,
): { bootstrap: string | null; cluster: Region | null } {
  const bootstrap = ADDRESS_OPTIONS.flatMap((o) => optionValues(args, o)).at(-1) ?? null;
  if (bootstrap === null) return { bootstrap, cluster: null };
  const list = addressList(bootstrap);
  const matching = REGIONS.filter((r) => list.length > 0 && list.every((a) => addresses[r].has(a)));
  return { bootstrap, cluster: matching.length === 1 ? matching[0]! : null };
}

export type CommandDetail = EventOf<"command">["detail"];

/** What the timeline keeps of one command: masked, with the cluster it addressed. */
export function commandDetail(
  tool: string,
  args: readonly string[],
  exit: number,
  seconds: number,
  addresses: RegionAddresses,
): CommandDetail {
  const { bootstrap, cluster } = addressedCluster(args, addresses);
  return {
    tool,
    args: maskArgs(args),
    exit,
    cluster,
    bootstrap: bootstrap === null ? null : maskValue(bootstrap),
    seconds: Math.max(0, Math.round(seconds * 1000) / 1000),
  };
}

/**
 * A time the wrapper took with `date +%s%N`, in milliseconds: nanoseconds where `date` knows `%N`,
 * seconds followed by a literal `N` where it does not (BSD). Null when it is neither.
 */
export function parseStamp(stamp: string): number | null {
  if (/^\d{16,}$/.test(stamp)) return Number(stamp.slice(0, -6));
  const seconds = /^(\d{9,11})N?$/.exec(stamp);
  return seconds ? Number(seconds[1]) * 1000 : null;
}

/** One of the learner's commands as the status and the grade report show it. */
export type CommandRecord = { at: string } & CommandDetail;

export const commandRecords = (timeline: TimelineEvent[]): CommandRecord[] =>
  timeline.filter(isEvent("command")).map((e) => ({ at: e.at, ...e.detail }));

/**
 * A command in a line, cut to `width` characters: the tool and its masked arguments, without the
 * address when it names a region (the line shows the region).
 */
export function shortCommand(
  detail: Pick<CommandDetail, "tool" | "args" | "cluster" | "bootstrap">,
  width = 100,
): string {
  const { cluster, bootstrap } = detail;
  const args: string[] = [];
  for (let i = 0; i < detail.args.length; i++) {
    const arg = detail.args[i]!;
    const known = cluster !== null && bootstrap !== null;
    if (known && ADDRESS_OPTIONS.includes(arg) && detail.args[i + 1] === bootstrap) i++;
    else if (!(known && ADDRESS_OPTIONS.some((o) => arg === `${o}=${bootstrap}`))) args.push(arg);
  }
  const text = [detail.tool, ...args].join(" ");
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
