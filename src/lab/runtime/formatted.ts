/**
 * Formatted KRaft storage kept in the Kafka cache. Formatting runs a JVM per node (`kafka-storage
 * format`, about 1.5 s for a lab's four nodes on two cores), and what it writes (`meta.properties`, the
 * bootstrap checkpoint) depends only on the jars, the region's nodes and the features, never on ports
 * or paths. So a region is formatted once into a template, with its cluster id, and later starts copy
 * the template into the attempt's data folder.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const CLUSTER_ID_FILE = "cluster-id";

/** The template's folder for one region: `<cache>/formatted/<digest>/`. */
export function formattedTemplateDir(
  cacheDir: string,
  libsDir: string,
  nodes: string[],
  eligibleLeaderReplicas: boolean,
): string {
  const key = createHash("sha256")
    .update(JSON.stringify({ libsDir, nodes, eligibleLeaderReplicas }))
    .digest("hex")
    .slice(0, 12);
  return path.join(cacheDir, "formatted", key);
}

/** The template's cluster id, or null when there is no complete template. */
export function templateClusterId(dir: string): string | null {
  const file = path.join(dir, CLUSTER_ID_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() || null : null;
}

/** Copies each node's formatted storage from the template into `dataDir/<node>`. */
export function copyFromTemplate(dir: string, dataDir: string, nodes: string[]): void {
  for (const node of nodes) cpSync(path.join(dir, node), path.join(dataDir, node), { recursive: true });
}

/**
 * Keeps freshly formatted nodes as the template, through a scratch folder renamed into place (a start
 * that loses the race to another leaves the winner's template as it is).
 */
export function saveTemplate(dir: string, dataDir: string, nodes: string[], clusterId: string): void {
  const scratch = `${dir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const node of nodes) cpSync(path.join(dataDir, node), path.join(scratch, node), { recursive: true });
  writeFileSync(path.join(scratch, CLUSTER_ID_FILE), `${clusterId}\n`);
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
}
