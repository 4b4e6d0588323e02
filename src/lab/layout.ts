import type { LabTopology, Region } from "./spec.js";
import { REGIONS } from "./spec.js";

export const DEFAULT_BASE_PORT = 19090;

export interface NodeLayout {
  region: Region;
  id: number;
  /** `A-1`, `B-1`: the name in status output, logs and fault commands. */
  name: string;
  host: string;
  clientPort: number;
  controllerPort: number;
  /** The JMX exporter agent's /metrics, on loopback. */
  metricsPort: number;
  rack: string | null;
}

export interface RegionLayout {
  region: Region;
  nodes: NodeLayout[];
  bootstrap: string;
}

export interface LabLayout {
  basePort: number;
  regions: Record<Region, RegionLayout>;
  /** MirrorMaker 2's JMX exporter agent. */
  mm2MetricsPort: number;
  /** The Prometheus server of a lab that runs one. */
  prometheusPort: number;
}

/**
 * Every port comes from one base: region A's client ports at base+0..2 and its controller ports at
 * base+10..12, region B's at base+20..22 and base+30..32; the nodes' metrics at base+40..42 (A) and
 * base+50..52 (B), MirrorMaker 2's at base+60, Prometheus at base+70. Node ids are 1..n in each region.
 */
export function portOffsets(region: Region): { client: number; controller: number; metrics: number } {
  return region === "A"
    ? { client: 0, controller: 10, metrics: 40 }
    : { client: 20, controller: 30, metrics: 50 };
}

export function computeLayout(spec: LabTopology, basePort: number, host = "127.0.0.1"): LabLayout {
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000) {
    throw new RangeError(`port base ${basePort} is outside 1024..65000`);
  }
  const regions = {} as Record<Region, RegionLayout>;
  for (const region of REGIONS) {
    const { nodes: count, racks } = spec.regions[region];
    if (!Number.isInteger(count) || count < 1 || count > 3) {
      throw new RangeError(`region ${region} must have 1 to 3 nodes, not ${count}`);
    }
    const offsets = portOffsets(region);
    const nodes: NodeLayout[] = [];
    for (let i = 0; i < count; i++) {
      nodes.push({
        region,
        id: i + 1,
        name: `${region}-${i + 1}`,
        host,
        clientPort: basePort + offsets.client + i,
        controllerPort: basePort + offsets.controller + i,
        metricsPort: basePort + offsets.metrics + i,
        rack: racks?.[i] ?? null,
      });
    }
    regions[region] = { region, nodes, bootstrap: nodes.map((n) => `${host}:${n.clientPort}`).join(",") };
  }
  return { basePort, regions, mm2MetricsPort: basePort + 60, prometheusPort: basePort + 70 };
}

export function allNodes(layout: LabLayout): NodeLayout[] {
  return REGIONS.flatMap((r) => layout.regions[r].nodes);
}

export function allPorts(layout: LabLayout): number[] {
  return [
    ...allNodes(layout).flatMap((n) => [n.clientPort, n.controllerPort, n.metricsPort]),
    layout.mm2MetricsPort,
    layout.prometheusPort,
  ];
}

export function findNode(layout: LabLayout, name: string): NodeLayout | undefined {
  return allNodes(layout).find((n) => n.name.toLowerCase() === name.toLowerCase());
}
