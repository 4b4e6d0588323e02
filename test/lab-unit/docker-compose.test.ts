/**
 * The docker runtime's compose file against the local runtime's rendered configs: same host ports, node
 * ids, racks, cluster settings and MirrorMaker 2 settings, so the two runtimes cannot drift apart.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packageRoot } from "../../src/paths.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { computeLayout, DEFAULT_BASE_PORT } from "../../src/lab/layout.js";
import { parseProperties } from "../../src/lab/properties.js";
import { clusterSettings, mm2Settings } from "../../src/lab/runtime/render.js";
import { pinnedKafkaVersion } from "../../src/lab/runtime/toolchain.js";

interface Service {
  image: string;
  environment?: Record<string, string>;
  ports?: string[];
  entrypoint?: string[];
  command?: string[];
  configs?: Array<{ source: string; target: string }>;
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
}

const compose = parse(readFileSync(path.join(packageRoot, "docker-compose.yml"), "utf8")) as Compose;
const sandbox = bundledTopology("sandbox");
const layout = computeLayout(sandbox, DEFAULT_BASE_PORT);

/** The apache/kafka image's rule: KAFKA_ prefix, `.` -> `_`, `_` -> `__`, `-` -> `___`. */
function envToProperty(name: string): string {
  return name
    .slice("KAFKA_".length)
    .toLowerCase()
    .replace(/___/g, "\0dash")
    .replace(/__/g, "\0under")
    .replace(/_/g, ".")
    .replace(/\0dash/g, "-")
    .replace(/\0under/g, "_");
}

describe("docker-compose.yml", () => {
  it("runs the pinned Kafka version on the official image", () => {
    for (const service of Object.values(compose.services)) {
      expect(service.image).toBe(`apache/kafka:${pinnedKafkaVersion()}`);
    }
  });

  it("has exactly the local runtime's nodes, ids, racks and host ports", () => {
    const nodes = [...layout.regions.A.nodes, ...layout.regions.B.nodes];
    expect(Object.keys(compose.services).sort()).toEqual(
      [...nodes.map((n) => n.name.toLowerCase()), "mm2"].sort(),
    );
    for (const node of nodes) {
      const service = compose.services[node.name.toLowerCase()]!;
      const env = service.environment ?? {};
      expect(env.KAFKA_NODE_ID).toBe(String(node.id));
      expect(service.ports).toEqual([`127.0.0.1:${node.clientPort}:${node.clientPort}`]);
      expect(env.KAFKA_ADVERTISED_LISTENERS).toContain(`PLAINTEXT://127.0.0.1:${node.clientPort}`);
      expect(env.KAFKA_LISTENERS).toContain(`CONTROLLER://0.0.0.0:${node.controllerPort}`);
      const voters = layout.regions[node.region].nodes
        .map((n) => `${n.id}@${n.name.toLowerCase()}:${n.controllerPort}`)
        .join(",");
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(voters);
    }
  });

  it("sets every cluster setting the local runtime renders, with the same values", () => {
    for (const region of ["A", "B"] as const) {
      const size = layout.regions[region].nodes.length;
      for (const node of layout.regions[region].nodes) {
        const env = compose.services[node.name.toLowerCase()]!.environment ?? {};
        const fromCompose = Object.fromEntries(
          Object.entries(env)
            .filter(([k]) => k.startsWith("KAFKA_") && k !== "KAFKA_HEAP_OPTS")
            .map(([k, v]) => [envToProperty(k), String(v)]),
        );
        for (const [key, value] of clusterSettings(node, size))
          expect(fromCompose[key], `${node.name} ${key}`).toBe(value);
      }
    }
  });

  it("formats clusters the way the sandbox expects (image default: Eligible Leader Replicas on)", () => {
    expect(sandbox.eligibleLeaderReplicas).toBe(true);
  });

  it("runs MirrorMaker 2 with the local runtime's settings, in dedicated mode for B", () => {
    const mm2 = compose.services.mm2!;
    expect(mm2.entrypoint).toEqual(["/opt/kafka/bin/connect-mirror-maker.sh"]);
    expect(mm2.command).toEqual([mm2.configs![0]!.target, "--clusters", "B"]);
    const props = parseProperties(compose.configs[mm2.configs![0]!.source]!.content);
    const expected = new Map(mm2Settings(sandbox.mm2!, sandbox));
    const actual = new Map([...props].filter(([k]) => !k.endsWith("bootstrap.servers") && k !== "clusters"));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(props.get("clusters")).toBe("A, B");
    expect(props.get("A.bootstrap.servers")).toBe("a-1:9092,a-2:9092,a-3:9092");
    expect(props.get("B.bootstrap.servers")).toBe("b-1:9092");
  });
});
