import { describe, expect, it } from "vitest";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { allPorts, computeLayout } from "../../src/lab/layout.js";
import { parseProperties } from "../../src/lab/properties.js";
import {
  renderLog4j2,
  renderMm2Properties,
  renderServerProperties,
  renderToolWrapper,
  shellQuote,
} from "../../src/lab/runtime/render.js";
import { parseJavaVersion } from "../../src/lab/runtime/toolchain.js";
import type { LabTopology } from "../../src/lab/spec.js";

const sandbox = bundledTopology("sandbox");
const layout = computeLayout(sandbox, 19090);

describe("layout", () => {
  it("derives every port and node id from one base", () => {
    expect(layout.regions.A.nodes.map((n) => [n.name, n.id, n.clientPort, n.controllerPort, n.rack])).toEqual(
      [
        ["A-1", 1, 19090, 19100, "az-a"],
        ["A-2", 2, 19091, 19101, "az-b"],
        ["A-3", 3, 19092, 19102, "az-c"],
      ],
    );
    expect(layout.regions.B.nodes.map((n) => [n.name, n.clientPort, n.controllerPort, n.rack])).toEqual([
      ["B-1", 19110, 19120, null],
    ]);
    expect(layout.regions.A.bootstrap).toBe("127.0.0.1:19090,127.0.0.1:19091,127.0.0.1:19092");
    expect(layout.regions.A.nodes.map((n) => n.metricsPort)).toEqual([19130, 19131, 19132]);
    expect(layout.regions.B.nodes.map((n) => n.metricsPort)).toEqual([19140]);
    expect([layout.mm2MetricsPort, layout.prometheusPort]).toEqual([19150, 19160]);
    // Client, controller and metrics port per node, MirrorMaker 2's metrics, Prometheus: all distinct.
    expect(new Set(allPorts(layout)).size).toBe(14);
  });

  it("rejects region sizes outside 1..3 and port bases outside the usable range", () => {
    const four: LabTopology = { ...sandbox, regions: { ...sandbox.regions, B: { nodes: 4 } } };
    expect(() => computeLayout(four, 19090)).toThrow(/1 to 3 nodes/);
    expect(() => computeLayout(sandbox, 80)).toThrow(/port base/);
  });
});

describe("server.properties", () => {
  it("renders a KRaft combined-mode node with a static quorum and its rack", () => {
    const props = parseProperties(
      renderServerProperties(layout.regions.A.nodes[1]!, layout.regions.A, "/d/A-2", "t"),
    );
    expect(props.get("process.roles")).toBe("broker,controller");
    expect(props.get("node.id")).toBe("2");
    expect(props.get("broker.rack")).toBe("az-b");
    expect(props.get("controller.quorum.voters")).toBe(
      "1@127.0.0.1:19100,2@127.0.0.1:19101,3@127.0.0.1:19102",
    );
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:19091,CONTROLLER://127.0.0.1:19101");
    expect(props.get("advertised.listeners")).toBe("PLAINTEXT://127.0.0.1:19091");
    expect(props.get("log.dirs")).toBe("/d/A-2");
    expect(props.get("offsets.topic.replication.factor")).toBe("3");
    expect(props.get("min.insync.replicas")).toBe("2");
  });

  it("gives a one-node cluster replication factor 1 for every internal topic", () => {
    const props = parseProperties(
      renderServerProperties(layout.regions.B.nodes[0]!, layout.regions.B, "/d/B-1", "t"),
    );
    for (const key of [
      "offsets.topic.replication.factor",
      "transaction.state.log.replication.factor",
      "transaction.state.log.min.isr",
      "share.coordinator.state.topic.replication.factor",
      "share.coordinator.state.topic.min.isr",
      "default.replication.factor",
      "min.insync.replicas",
    ]) {
      expect(props.get(key), key).toBe("1");
    }
    expect(props.has("broker.rack")).toBe(false);
  });
});

describe("mm2.properties", () => {
  const bootstraps = { A: layout.regions.A.bootstrap, B: layout.regions.B.bootstrap };

  it("replicates A to B only, with the lab's filters and explicit short intervals", () => {
    const props = parseProperties(renderMm2Properties(sandbox, bootstraps));
    expect(props.get("clusters")).toBe("A, B");
    expect(props.get("A.bootstrap.servers")).toBe(bootstraps.A);
    expect(props.get("B.bootstrap.servers")).toBe(bootstraps.B);
    expect(props.get("A->B.enabled")).toBe("true");
    expect(props.get("B->A.enabled")).toBe("false");
    expect(props.get("A->B.topics")).toBe("orders");
    expect(props.get("A->B.groups")).toBe("app-g");
    expect(props.get("replication.policy.class")).toBe(
      "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
    );
    expect(props.get("emit.checkpoints.interval.seconds")).toBe("5");
    expect(props.get("refresh.topics.interval.seconds")).toBe("10");
    expect(props.get("refresh.groups.interval.seconds")).toBe("10");
    expect(props.get("sync.group.offsets.enabled")).toBe("false");
    expect(props.get("B.offset.flush.interval.ms")).toBe("5000");
  });

  it("sizes replication factors to the cluster each topic lives on", () => {
    const props = parseProperties(renderMm2Properties(sandbox, bootstraps));
    for (const key of [
      "replication.factor",
      "checkpoints.topic.replication.factor",
      "heartbeats.topic.replication.factor",
      "config.storage.replication.factor",
      "offset.storage.replication.factor",
      "status.storage.replication.factor",
    ]) {
      expect(props.get(key), key).toBe("1");
    }
    // Offset syncs live on the source cluster (A, 3 nodes).
    expect(props.get("offset-syncs.topic.location")).toBe("source");
    expect(props.get("offset-syncs.topic.replication.factor")).toBe("3");
    const threeB: LabTopology = { ...sandbox, regions: { A: { nodes: 1 }, B: { nodes: 3 } } };
    const bigB = parseProperties(renderMm2Properties(threeB, bootstraps));
    expect(bigB.get("replication.factor")).toBe("3");
    expect(bigB.get("offset-syncs.topic.replication.factor")).toBe("1");
  });

  it("names the identity policy when the lab asks for it", () => {
    const identity: LabTopology = { ...sandbox, mm2: { ...sandbox.mm2!, policy: "identity" } };
    expect(parseProperties(renderMm2Properties(identity, bootstraps)).get("replication.policy.class")).toBe(
      "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
    );
  });
});

describe("logging and tool wrappers", () => {
  it("writes the log to the given file", () => {
    expect(renderLog4j2("/logs/A-1.log", "INFO")).toContain("appender.file.fileName = /logs/A-1.log");
  });

  it("runs the tool's main class from the lab classpath, then records the command with argv", () => {
    const script = renderToolWrapper(
      "/usr/bin/java",
      "/c/my libs",
      "org.apache.kafka.tools.TopicCommand",
      "-Dccaak.home=/h",
      undefined,
      { node: "/usr/bin/node", script: "/p/record-command.js", attemptDir: "/h/it's", tool: "kafka-topics" },
    );
    const lines = script.split("\n");
    expect(lines[0]).toBe("#!/bin/sh");
    const java = lines.find((l) => l.startsWith("/usr/bin/java "))!;
    expect(java).toContain("-cp '/c/my libs/*' org.apache.kafka.tools.TopicCommand \"$@\"");
    expect(java).toContain("-XX:TieredStopAtLevel=1");
    expect(script).not.toContain("exec ");
    expect(lines).toContain("code=$?");
    expect(lines).toContain(`pending='/h/it'\\''s/run'/command-$$.pending`);
    expect(lines).toContain(
      `(/usr/bin/node /p/record-command.js '/h/it'\\''s' kafka-topics "$started" "$ended" "$code" "$@"; rm -f "$pending") </dev/null >/dev/null 2>&1 &`,
    );
    expect(lines.at(-2)).toBe('exit "$code"');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe("java version", () => {
  it("reads the major version from old and new formats", () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toEqual({
      version: "17.0.15",
      major: 17,
    });
    expect(parseJavaVersion('java version "1.8.0_402"')).toEqual({ version: "1.8.0_402", major: 8 });
    expect(parseJavaVersion('openjdk version "21" 2023-09-19')).toEqual({ version: "21", major: 21 });
    expect(parseJavaVersion("nothing here")).toBeNull();
  });
});
