import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractMentions, factChecker, type ConfigDump } from "../../src/catalog/facts.js";
import { loadPack } from "../../src/catalog/index.js";
import type { Diagnostic, Question } from "../../src/catalog/types.js";

const packDir = path.resolve(import.meta.dirname, "../fixtures/facts/pack");

/** A few real names and defaults, enough for the fixture pack. */
const dump: ConfigDump = {
  kafkaVersion: "4.1.2",
  components: {
    broker: {
      "log.retention.hours": "168",
      "log.retention.ms": null,
      "log.segment.bytes": "1073741824",
      "sasl.jaas.config": null,
      "super.users": null,
      "min.insync.replicas": "1",
    },
    topic: { "segment.ms": "604800000", "cleanup.policy": "delete", "min.insync.replicas": "1" },
    producer: { acks: "all", "bootstrap.servers": "" },
    consumer: {
      "auto.offset.reset": "latest",
      "fetch.min.bytes": "1",
      "partition.assignment.strategy":
        "org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
    },
    admin: { "bootstrap.servers": "" },
    connect: { "errors.tolerance": "none", "offset.flush.interval.ms": "60000" },
    mirrormaker: {
      enabled: "false",
      "emit.checkpoints.interval.seconds": "60",
      "offset.flush.interval.ms": "60000",
    },
  },
};

const pack = loadPack(packDir, "path");
const check = factChecker(dump);

function findings(id: string): Diagnostic[] {
  const question = pack.pack!.questions.find((q) => q.id === `facts-pack/${id}`) as Question;
  return check({
    file: question.file,
    text: readFileSync(question.file, "utf8"),
    kind: "question",
    defaults: question.defaults,
  });
}

describe("configuration facts", () => {
  it("loads the fixture pack", () => {
    expect(pack.diagnostics).toEqual([]);
  });

  it("reports unknown names with a suggestion, wrong defaults and names under the wrong prefix", () => {
    const found = findings("wrong").map((d) => [d.line, d.column, d.field, d.message, d.suggestion]);
    expect(found).toEqual([
      [
        15,
        19,
        "options.0.text",
        expect.stringContaining('"log.retention.hour" is not a configuration'),
        'did you mean "log.retention.hours"?',
      ],
      [
        17,
        34,
        "options.0.why",
        '"fetch.min.bytes" (in "producer.override.fetch.min.bytes") is not a producer configuration of Kafka 4.1.2',
        "it is a consumer configuration",
      ],
      [25, 1, "stem", expect.stringContaining('"log.segment.byte"'), 'did you mean "log.segment.bytes"?'],
      [
        10,
        12,
        "defaults.0.value",
        'the topic default of segment.ms is "604800000" in Kafka 4.1.2, not "86400000"',
        expect.stringContaining('write value: "604800000"'),
      ],
      [
        11,
        13,
        "defaults.1.config",
        '"acks" is not a broker configuration of Kafka 4.1.2',
        "it is a producer configuration: write component: producer",
      ],
    ]);
  });

  it("checks prefixed names without the prefix and leaves out what is not a configuration", () => {
    expect(findings("right")).toEqual([]);
  });

  it("finds names in options, the stem and properties blocks, not in shell blocks, with positions", () => {
    const file = path.join(packDir, "wrong.md");
    const mentions = extractMentions(file, readFileSync(file, "utf8"), "question");
    expect(mentions.map((m) => `${m.line}:${m.column} ${m.field} ${m.name}`)).toEqual([
      "15:19 options.0.text log.retention.hour",
      "17:34 options.0.why producer.override.fetch.min.bytes",
      "18:19 options.1.text segment.ms",
      "24:1 stem log.retention.hours",
      "25:1 stem log.segment.byte",
    ]);
  });

  it("reads inline code with double backticks and settings as their name", () => {
    const text = "---\nid: x\n---\n\nSet `` acks=all `` and `min.insync.replicas=2`.\n";
    expect(extractMentions("x.md", text, "lesson")).toEqual([
      { name: "acks", field: "body", line: 5, column: 8 },
      { name: "min.insync.replicas", field: "body", line: 5, column: 25 },
    ]);
  });

  it("compares lists without spaces and a missing default as null", () => {
    const text = readFileSync(path.join(packDir, "right.md"), "utf8");
    expect(text).toContain("RangeAssignor, org.apache");
    expect(findings("right").filter((d) => d.field.startsWith("defaults"))).toEqual([]);
  });
});
