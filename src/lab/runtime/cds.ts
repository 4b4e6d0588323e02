/**
 * Class-data sharing for the lab's JVMs: one dynamic archive per role (node, MirrorMaker 2, tool) in
 * the Kafka cache, named by a digest of the Java version and the jars, so new jars or a new Java make
 * a new archive. A JVM whose archive is missing starts as before and records what an archive needs;
 * a node's and MirrorMaker 2's archive is dumped from the running process (`jcmd VM.cds
 * dynamic_dump`) before the lab stops it, a tool's when the first tool call exits. An archive the JVM
 * cannot use (another build of Java, another class path) is ignored by the JVM; `doctor` says so.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export const CDS_ROLES = ["node", "mm2", "tool"] as const;
export type CdsRole = (typeof CDS_ROLES)[number];
export type CdsArchives = Record<CdsRole, string>;

/** The JVM's own CDS messages would land in a tool's output; validity is checked apart (`archiveStatus`). */
export const CDS_QUIET = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"];

/** Raised when the lab's JVM flags change which classes an archive should hold (the tools' logger, the metrics agent). */
const ARCHIVE_GENERATION = 3;

/** The archive paths for these jars and this Java, in `<cache>/cds/`. */
export function cdsArchives(cacheDir: string, libsDir: string, javaVersion: string): CdsArchives {
  const digest = createHash("sha256").update(`${ARCHIVE_GENERATION} ${javaVersion}`);
  for (const jar of readdirSync(libsDir).sort()) {
    const { size, mtimeMs } = statSync(path.join(libsDir, jar));
    digest.update(`\n${jar} ${size} ${Math.trunc(mtimeMs)}`);
  }
  const key = digest.digest("hex").slice(0, 12);
  const dir = path.join(cacheDir, "cds");
  return {
    node: path.join(dir, `node-${key}.jsa`),
    mm2: path.join(dir, `mm2-${key}.jsa`),
    tool: path.join(dir, `tool-${key}.jsa`),
  };
}

const roleOf = (archive: string) => path.basename(archive).split("-")[0];

/**
 * Nodes and MirrorMaker 2 run the metrics agent: a dump refuses a JVM with an agent unless allowed, and
 * an archive dumped so is mapped only by a JVM with the same setting. The tools run no agent.
 */
function agentArchiving(archive: string): string[] {
  return roleOf(archive) === "tool"
    ? []
    : ["-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"];
}

/** Flags for a long-running JVM: use the archive when it exists, else keep what a dump needs. */
export function cdsLaunchFlags(archive: string): string[] {
  return [
    ...agentArchiving(archive),
    ...(existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`] : ["-XX:+RecordDynamicDumpInfo"]),
    ...CDS_QUIET,
  ];
}

/** Whether this Java can map the archive with this class path (`-Xshare:on` refuses otherwise). */
export function archiveStatus(
  javaBin: string,
  archive: string,
  classpath: string,
): "usable" | "missing" | "unusable" {
  if (!existsSync(archive)) return "missing";
  const probe = spawnSync(
    javaBin,
    [
      ...agentArchiving(archive),
      `-XX:SharedArchiveFile=${archive}`,
      "-Xshare:on",
      "-cp",
      classpath,
      "-version",
    ],
    {
      stdio: "ignore",
      timeout: 30_000,
    },
  );
  return probe.status === 0 ? "usable" : "unusable";
}

/** The JDK's jcmd next to the real java binary (`java` may be a name on PATH or a link to it). */
function jcmdBeside(javaBin: string): string | null {
  const candidates = javaBin.includes("/")
    ? [javaBin]
    : (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, javaBin));
  const java = candidates.find((file) => existsSync(file));
  if (!java) return null;
  const jcmd = path.join(path.dirname(realpathSync(java)), "jcmd");
  return existsSync(jcmd) ? jcmd : null;
}

/**
 * Dumps a running JVM's loaded classes into the role's archive, through a scratch file that is
 * checked before it is renamed into place; other archives of the role (older jars or Java) go.
 * Returns false when it could not (no jcmd beside java, the process refused or is gone).
 */
export function dumpArchive(javaBin: string, pid: number, archive: string, classpath: string): boolean {
  const jcmd = jcmdBeside(javaBin);
  if (!jcmd) return false;
  mkdirSync(path.dirname(archive), { recursive: true });
  const scratch = `${archive}.partial-${pid}`;
  const dumped = spawnSync(jcmd, [String(pid), "VM.cds", "dynamic_dump", scratch], {
    stdio: "ignore",
    timeout: 60_000,
  });
  if (dumped.status !== 0 || archiveStatus(javaBin, scratch, classpath) !== "usable") {
    rmSync(scratch, { force: true });
    return false;
  }
  renameSync(scratch, archive);
  const role = roleOf(archive)!;
  for (const old of readdirSync(path.dirname(archive)))
    if (old.startsWith(`${role}-`) && old.endsWith(".jsa") && old !== path.basename(archive))
      rmSync(path.join(path.dirname(archive), old), { force: true });
  return true;
}
