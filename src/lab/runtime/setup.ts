import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import {
  detectJava,
  detectMaven,
  findKafkaLibs,
  INSTALL_JAVA,
  INSTALL_MAVEN,
  kafkaCacheDir,
  kafkaCacheRoot,
  pinnedKafkaVersion,
} from "./toolchain.js";
import { archiveStatus, CDS_ROLES, cdsArchives } from "./cds.js";

/**
 * What a lab needs from this machine (Java 17+, and Maven or KAFKA_HOME to get Kafka's jars) and how
 * to type the lab commands here. `doctor` prints these checks with its others; the Labs screen shows
 * the verdict and the command.
 */
export interface Check {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
}

export function javaCheck(env: NodeJS.ProcessEnv): Check {
  const java = detectJava(env);
  if (!java) return { name: "java", status: "fail", detail: `not found. ${INSTALL_JAVA}` };
  if (java.major === null || java.major < 17) {
    return {
      name: "java",
      status: "fail",
      detail: `Java ${java.version ?? "?"} is too old. ${INSTALL_JAVA}`,
    };
  }
  return { name: "java", status: "ok", detail: `Java ${java.version} (${java.bin})` };
}

export function kafkaSourceCheck(env: NodeJS.ProcessEnv, home: string): Check {
  if (env.KAFKA_HOME) {
    const libs = findKafkaLibs(env, home);
    return libs
      ? { name: "kafka-source", status: "ok", detail: `KAFKA_HOME=${env.KAFKA_HOME} (Kafka ${libs.version})` }
      : {
          name: "kafka-source",
          status: "fail",
          detail: `KAFKA_HOME=${env.KAFKA_HOME} has no libs/. ${INSTALL_MAVEN}`,
        };
  }
  const maven = detectMaven(env);
  return maven
    ? {
        name: "kafka-source",
        status: "ok",
        detail: `Maven ${maven.version} (fetches Kafka ${pinnedKafkaVersion()})`,
      }
    : {
        name: "kafka-source",
        status: "fail",
        detail: `neither Maven nor KAFKA_HOME found. ${INSTALL_MAVEN}`,
      };
}

export function kafkaCacheCheck(env: NodeJS.ProcessEnv, home: string): Check {
  const libs = findKafkaLibs(env, home);
  if (libs)
    return { name: "kafka-cache", status: "ok", detail: `Kafka ${libs.version} jars in ${libs.libsDir}` };
  return {
    name: "kafka-cache",
    status: "warn",
    detail: `not fetched yet; the first \`lab start\` resolves it into ${kafkaCacheDir(env, home)}`,
  };
}

/** The class-data archives of each JVM role: usable, not made yet, or not usable by this Java. */
export function cdsCheck(env: NodeJS.ProcessEnv, home: string): Check {
  const java = detectJava(env);
  const libs = findKafkaLibs(env, home);
  if (!java || !libs)
    return {
      name: "class-data",
      status: "warn",
      detail: "no archives yet: Java or the Kafka jars are missing",
    };
  const archives = cdsArchives(kafkaCacheRoot(env, home), libs.libsDir, java.version ?? `java ${java.major}`);
  const found = CDS_ROLES.map((role) => ({
    role,
    status: archiveStatus(java.bin, archives[role], `${libs.libsDir}/*`),
  }));
  const unusable = found.filter((f) => f.status === "unusable").map((f) => f.role);
  const listing = found.map((f) => `${f.role} ${f.status}`).join(", ");
  if (unusable.length > 0)
    return {
      name: "class-data",
      status: "warn",
      detail: `${listing}: ${unusable.join(" and ")} JVMs start without their archive (slower); delete ${path.dirname(archives.node)} to rebuild`,
    };
  return {
    name: "class-data",
    status: "ok",
    detail: found.some((f) => f.status === "missing")
      ? `${listing} (a missing archive is made by the next lab run)`
      : listing,
  };
}

/** How this installation can be started from a shell, as far as the lab commands care. */
export interface Launcher {
  /** `ccaak-train` is an executable on PATH. */
  onPath: boolean;
  /** The current folder's node_modules has the `ccaak-train` bin, so `npx` finds it. */
  localBin: boolean;
  /** The absolute path of the bundled entry point, `dist/bin/main.js`. */
  main: string;
}

/** The words that run ccaak-train in this installation: what the Labs screen tells the learner to type. */
export function commandPrefix({ onPath, localBin, main }: Launcher): string {
  if (onPath) return "ccaak-train";
  if (localBin) return "npx ccaak-train";
  return `node ${/\s/.test(main) ? JSON.stringify(main) : main}`;
}

/** Looks at PATH and the current folder for the launcher (no process is started). */
export function findLauncher(env: NodeJS.ProcessEnv, cwd: string, main: string): Launcher {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return {
    onPath: dirs.some((dir) => executable(path.join(dir, "ccaak-train"))),
    localBin: existsSync(path.join(cwd, "node_modules", ".bin", "ccaak-train")),
    main,
  };
}

export interface LabSetup {
  /** Java and the Kafka source: what `lab start` cannot do without. */
  checks: Check[];
  ready: boolean;
  /** The command prefix that works here, e.g. `npx ccaak-train`. */
  command: string;
}

/** The lab checks and the command, worked out once (it runs `java -version` and `mvn -v`). */
export function labSetup(env: NodeJS.ProcessEnv, home: string, cwd: string, main: string): LabSetup {
  const checks = [javaCheck(env), kafkaSourceCheck(env, home)];
  return {
    checks,
    ready: checks.every((c) => c.status !== "fail"),
    command: commandPrefix(findLauncher(env, cwd, main)),
  };
}
