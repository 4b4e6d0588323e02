/**
 * Facts about configuration, checked against a dump of the real Kafka jars (`kafka/ConfigDump.java`):
 * every configuration name written in code style must exist, and every declared default must match.
 * Pure: the caller reads the files and obtains the dump. The rules are described for authors in
 * `questions/README.md`, section "Configuration names and defaults".
 */
import { closest } from "./diagnostics.js";
import { lineIndex, readFrontMatterFile, type FrontMatterFile } from "./front-matter.js";
import { EXPLANATION_HEADING } from "./question-file.js";
import { CONFIG_COMPONENTS, type ConfigComponent, type Diagnostic, type StatedDefault } from "./types.js";
import { dotted, type YamlSource } from "./yaml-source.js";

/** Every configuration name of each component with its default as Kafka prints it (null: none). */
export interface ConfigDump {
  kafkaVersion: string;
  components: Record<ConfigComponent, Record<string, string | null>>;
}

/** A configuration name written in the text, where it is written. */
export interface Mention {
  name: string;
  field: string;
  line: number;
  column: number;
}

export interface ContentFile {
  file: string;
  text: string;
  kind: "question" | "lesson";
  /** The `defaults:` the front matter declares. */
  defaults: readonly StatedDefault[];
}

/** Front-matter fields whose strings are shown to the learner. */
const TEXT_FIELDS = new Set(["options", "pairs", "distractors", "items"]);
/** Fenced code blocks with these info strings hold `name=value` lines; other blocks are not read. */
const PROPERTIES_BLOCKS = new Set(["properties"]);
const FILE_ENDINGS = new Set(
  "sh bat properties conf cfg json yaml yml xml jar class java log md txt jks p12 pem crt key keytab index timeindex snapshot checkpoint cleaned deleted swap".split(
    " ",
  ),
);
/** Java package roots: class names and system properties (`com.sun.management.jmxremote.port`). */
const JAVA_ROOTS = new Set(["org", "com", "io", "java", "javax", "sun", "jdk"]);
/** `<mechanism>.sasl.jaas.config` after a listener prefix. */
const SASL_MECHANISM = /^(?!sasl\.)[^.]+\.(sasl\..+)$/;
/** SourceConnectorConfig's per-group topic creation settings besides topic configurations. */
const TOPIC_CREATION_KEYS = new Set(["replication.factor", "partitions", "include", "exclude"]);
const CONFIG_NAME = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;
const COMPONENT_WORDS: Record<ConfigComponent, string> = {
  broker: "broker",
  topic: "topic",
  producer: "producer",
  consumer: "consumer",
  admin: "admin client",
  connect: "Connect",
  mirrormaker: "MirrorMaker 2",
};

type Verdict = "ok" | "skip" | { checked: string; components: readonly ConfigComponent[] };

/** Returns a function that checks one content file against the dump. */
export function factChecker(dump: ConfigDump): (content: ContentFile) => Diagnostic[] {
  const names = Object.fromEntries(
    CONFIG_COMPONENTS.map((c) => [c, new Set(Object.keys(dump.components[c] ?? {}))]),
  ) as Record<ConfigComponent, Set<string>>;
  const all = new Set(CONFIG_COMPONENTS.flatMap((c) => [...names[c]]));
  const version = `Kafka ${dump.kafkaVersion}`;

  const known = (name: string, components: readonly ConfigComponent[]) =>
    components.some((c) => names[c].has(name));

  const judge = (name: string): Verdict => {
    if (all.has(name)) return "ok";
    // A prefix (`producer.override.`) or one of MirrorMaker 2's internal topics.
    if (name.endsWith(".") || name.endsWith(".internal")) return "skip";
    const prefixed = stripPrefix(name);
    if (prefixed === "skip") return "skip";
    if (prefixed?.components === "any") return judge(prefixed.rest);
    if (prefixed) {
      const { rest, components } = prefixed;
      if (components.includes("topic") && TOPIC_CREATION_KEYS.has(rest)) return "ok";
      return known(rest, components) ? "ok" : { checked: rest, components };
    }
    if (!isConfigLike(name)) return "skip";
    return { checked: name, components: CONFIG_COMPONENTS };
  };

  const mentionDiagnostic = (file: string, m: Mention): Diagnostic | undefined => {
    const verdict = judge(m.name);
    if (verdict === "ok" || verdict === "skip") return undefined;
    const { checked, components } = verdict;
    const anyComponent = components.length === CONFIG_COMPONENTS.length;
    const what = anyComponent
      ? `a configuration of any ${version} component`
      : `a ${components.map((c) => COMPONENT_WORDS[c]).join("/")} configuration of ${version}`;
    const of = checked === m.name ? `"${m.name}"` : `"${checked}" (in "${m.name}")`;
    const elsewhere = anyComponent ? undefined : CONFIG_COMPONENTS.filter((c) => names[c].has(checked));
    const candidates = anyComponent ? [...all] : components.flatMap((c) => [...names[c]]);
    const guess = closest(checked, candidates);
    const suggestion =
      elsewhere && elsewhere.length > 0
        ? `it is a ${elsewhere.map((c) => COMPONENT_WORDS[c]).join("/")} configuration`
        : guess
          ? `did you mean "${m.name.slice(0, m.name.length - checked.length)}${guess}"?`
          : undefined;
    return {
      file,
      line: m.line,
      column: m.column,
      severity: "error",
      field: m.field,
      message: `${of} is not ${what}`,
      ...(suggestion ? { suggestion } : {}),
    };
  };

  const defaultDiagnostics = (source: YamlSource, defaults: readonly StatedDefault[]): Diagnostic[] =>
    defaults.flatMap((d, i): Diagnostic[] => {
      const word = COMPONENT_WORDS[d.component];
      if (!names[d.component].has(d.config)) {
        const elsewhere = CONFIG_COMPONENTS.filter((c) => names[c].has(d.config));
        const guess = closest(d.config, [...names[d.component]]);
        const suggestion =
          elsewhere.length > 0
            ? `it is a ${elsewhere.map((c) => COMPONENT_WORDS[c]).join("/")} configuration: write component: ${elsewhere[0]}`
            : guess
              ? `did you mean "${guess}"?`
              : undefined;
        return [
          source.diagnostic(
            ["defaults", i, "config"],
            `"${d.config}" is not a ${word} configuration of ${version}`,
            suggestion ? { suggestion } : {},
          ),
        ];
      }
      const actual = dump.components[d.component][d.config] ?? null;
      if (sameDefault(actual, d.value)) return [];
      const shown = actual === null ? "null (no default)" : `"${actual}"`;
      return [
        source.diagnostic(
          ["defaults", i, "value"],
          `the ${word} default of ${d.config} is ${shown} in ${version}, not "${d.value}"`,
          { suggestion: `write value: "${actual ?? "null"}" and correct the text if it states the default` },
        ),
      ];
    });

  return (content) => {
    const read = readFrontMatterFile(content.file, content.text, content.kind, () => "body");
    const mentions = mentionsOf(read, content.kind);
    const found = mentions.flatMap((m) => mentionDiagnostic(content.file, m) ?? []);
    if (read.source) found.push(...defaultDiagnostics(read.source, content.defaults));
    return found;
  };
}

/** `a, b` and `a,b` are the same list; a missing default is written `null`. */
function sameDefault(actual: string | null, stated: string): boolean {
  const normal = (s: string) =>
    s
      .trim()
      .split(",")
      .map((part) => part.trim())
      .join(",");
  return actual === null ? stated.trim() === "null" : normal(actual) === normal(stated);
}

/**
 * Prefixes that carry a configuration of some component: the rest is checked against it. "skip":
 * the rest belongs to a plugin (converter, transformation, predicate, config provider). "any": a
 * MirrorMaker 2 cluster or flow prefix (`B.`, `A->B.`): the rest is judged like a name of its own.
 */
function stripPrefix(
  name: string,
): { rest: string; components: readonly ConfigComponent[] | "any" } | "skip" | undefined {
  let match = /^listener\.name\.[^.]+\.(.+)$/.exec(name);
  if (match) {
    const rest = match[1]!;
    return { rest: SASL_MECHANISM.exec(rest)?.[1] ?? rest, components: ["broker"] };
  }
  match = /^(?:(?:source|target)\.)?(producer|consumer|admin)\.(?:override\.)?(.+)$/.exec(name);
  if (match) return { rest: match[2]!, components: [match[1] as ConfigComponent] };
  match = /^(?:source|target)\.cluster\.(.+)$/.exec(name);
  if (match) return { rest: match[1]!, components: ["producer", "consumer", "admin"] };
  if (/^(?:key|value|header)\.converter\../.test(name)) return "skip";
  if (/^(?:transforms|predicates|config\.providers)\.[^.]+\../.test(name)) return "skip";
  match = /^topic\.creation\.[^.]+\.(.+)$/.exec(name);
  if (match) return { rest: match[1]!, components: ["topic"] };
  match = /^([^.]*[A-Z][^.]*|[^.]+->[^.]+)\.(.+)$/.exec(name);
  if (match) return { rest: match[2]!, components: "any" };
  return undefined;
}

/**
 * Whether a name written in code style is meant as a configuration: lower case with at least one
 * dot, no wildcard or placeholder, not a prefix (`producer.override.`), not a file, not a Java class
 * or system property.
 */
function isConfigLike(name: string): boolean {
  if (!CONFIG_NAME.test(name)) return false;
  const parts = name.split(".");
  return parts.length > 1 && !FILE_ENDINGS.has(parts.at(-1)!) && !JAVA_ROOTS.has(parts[0]!);
}

/**
 * Configuration names written in code style in the text a learner sees: the body (stem and
 * explanation, or a lesson's text) and the options, whys, pairs, distractors and items of the
 * front matter. Inline code is read as `name` or `name=value`; fenced blocks only when they are
 * `properties` blocks, one `name=value` per line.
 */
export function extractMentions(file: string, text: string, kind: "question" | "lesson"): Mention[] {
  return mentionsOf(
    readFrontMatterFile(file, text, kind, () => "body"),
    kind,
  );
}

function mentionsOf(read: FrontMatterFile, kind: "question" | "lesson"): Mention[] {
  const found: Mention[] = [];
  for (const s of read.source?.strings() ?? []) {
    if (!TEXT_FIELDS.has(String(s.path[0]))) continue;
    found.push(...mentionsIn(s.raw, { line: s.line, column: s.column }, dotted(s.path)));
  }
  const bodyStart = { line: read.bodyLine, column: 1 };
  const heading = kind === "question" ? EXPLANATION_HEADING.exec(read.body) : null;
  if (!heading) {
    found.push(...mentionsIn(read.body, bodyStart, kind === "question" ? "stem" : "body"));
  } else {
    found.push(...mentionsIn(read.body.slice(0, heading.index), bodyStart, "stem"));
    const at = lineIndex(read.body)(heading.index);
    found.push(
      ...mentionsIn(
        read.body.slice(heading.index),
        { line: read.bodyLine + at.line - 1, column: at.column },
        "explanation",
      ),
    );
  }
  return found;
}

/** Mentions in one piece of markdown that starts at `start` in its file. */
function mentionsIn(text: string, start: { line: number; column: number }, field: string): Mention[] {
  const position = lineIndex(text);
  const at = (offset: number) => {
    const p = position(offset);
    return p.line === 1
      ? { line: start.line, column: start.column + p.column - 1 }
      : { line: start.line + p.line - 1, column: p.column };
  };
  const found: Mention[] = [];
  const add = (raw: string, offset: number) => {
    const name = raw.split("=")[0]!;
    const lead = name.length - name.trimStart().length;
    const trimmed = name.trim();
    if (!trimmed || /\s/.test(trimmed)) return;
    found.push({ name: trimmed, field, ...at(offset + lead) });
  };

  // Fenced blocks: properties lines are read, then every fenced line is blanked for the inline scan.
  let inline = "";
  let fence: { marker: string; properties: boolean } | undefined;
  let offset = 0;
  for (const line of text.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!fence && marker) {
      fence = { marker: marker[1]!, properties: PROPERTIES_BLOCKS.has(marker[2]!.toLowerCase()) };
    } else if (fence && marker && marker[1]!.startsWith(fence.marker) && line.trim() === marker[1]) {
      fence = undefined;
    } else if (fence?.properties && /^\s*[^\s#!][^=]*=/.test(line)) {
      add(line, offset);
    }
    inline += (fence || marker ? " ".repeat(line.length) : line) + "\n";
    offset += line.length + 1;
  }

  // Inline code: a run of backticks up to the next run of the same length.
  const spans = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  for (let match = spans.exec(inline); match; match = spans.exec(inline)) {
    if (match.index > 0 && inline[match.index - 1] === "`") continue;
    add(match[2]!, match.index + match[1]!.length);
  }
  return found;
}
