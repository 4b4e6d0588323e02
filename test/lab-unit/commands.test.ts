import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  addressedCluster,
  commandDetail,
  commandRecords,
  maskArgs,
  MASK,
  parseStamp,
  regionAddresses,
  shortCommand,
} from "../../src/lab/attempt/commands.js";
import { attemptPaths } from "../../src/lab/attempt/paths.js";
import { appendTimeline, readTimeline, timelineEventSchema } from "../../src/lab/attempt/timeline.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { computeLayout } from "../../src/lab/layout.js";
import { renderToolWrapper } from "../../src/lab/runtime/render.js";
import { packageRoot } from "../../src/paths.js";

const layout = computeLayout(bundledTopology("planned-failover"), 23000);
const addresses = regionAddresses(layout);

describe("masking the learner's arguments", () => {
  it("keeps the file after --command-config and the config files, masks secret settings", () => {
    expect(
      maskArgs([
        "--bootstrap-server",
        "127.0.0.1:23000",
        "--command-config",
        "/tmp/password=admin.properties",
        "--consumer.config=/tmp/c.properties",
        "--property",
        "ssl.truststore.password=hunter2",
        "--property",
        "print.key=true",
      ]),
    ).toEqual([
      "--bootstrap-server",
      "127.0.0.1:23000",
      "--command-config",
      "/tmp/password=admin.properties",
      "--consumer.config=/tmp/c.properties",
      "--property",
      `ssl.truststore.password=${MASK}`,
      "--property",
      "print.key=true",
    ]);
  });

  it("masks a JAAS config whole, and each secret entry of --add-config, brackets and all", () => {
    const jaas =
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b";';
    expect(maskArgs(["--config", jaas])).toEqual(["--config", `sasl.jaas.config=${MASK}`]);
    expect(
      maskArgs([
        "--add-config",
        "retention.ms=1000,SCRAM-SHA-256=[iterations=8192,password=alice],ssl.key.password=k",
      ]),
    ).toEqual(["--add-config", `retention.ms=1000,SCRAM-SHA-256=${MASK},ssl.key.password=${MASK}`]);
    expect(maskArgs(["--add-config=sasl.jaas.config=x"])).toEqual([`--add-config=sasl.jaas.config=${MASK}`]);
  });

  it("masks any password= wherever it appears, and the value of a password option", () => {
    expect(maskArgs(["--producer-property", "x=y password=abc; z"])).toEqual([
      "--producer-property",
      `x=y password=${MASK}; z`,
    ]);
    expect(maskArgs(["--ssl-password", "abc", "--topic", "orders"])).toEqual([
      "--ssl-password",
      MASK,
      "--topic",
      "orders",
    ]);
  });

  it("leaves an ordinary command as it was", () => {
    const args = ["--describe", "--group", "app-g", "--shift-by", "-5", "--dry-run"];
    expect(maskArgs(args)).toEqual(args);
  });
});

describe("the cluster a command addressed", () => {
  it("matches client and controller addresses of a region, whatever the loopback name", () => {
    expect(addressedCluster(["--bootstrap-server", layout.regions.A.bootstrap], addresses)).toEqual({
      bootstrap: layout.regions.A.bootstrap,
      cluster: "A",
    });
    expect(addressedCluster(["--bootstrap-server=localhost:23020"], addresses).cluster).toBe("B");
    expect(addressedCluster(["--bootstrap-controller", "127.0.0.1:23011"], addresses).cluster).toBe("A");
  });

  it("is null for no address, another cluster's address, or addresses of both regions", () => {
    expect(addressedCluster(["--list"], addresses)).toEqual({ bootstrap: null, cluster: null });
    expect(addressedCluster(["--bootstrap-server", "10.0.0.1:9092"], addresses).cluster).toBeNull();
    expect(
      addressedCluster(["--bootstrap-server", "127.0.0.1:23000,127.0.0.1:23020"], addresses).cluster,
    ).toBeNull();
  });

  it("also knows the addresses $A_BOOTSTRAP and $B_BOOTSTRAP hold", () => {
    const withEnv = regionAddresses(layout, { B_BOOTSTRAP: "kafka-b.lab:9092" });
    expect(addressedCluster(["--bootstrap-server", "kafka-b.lab:9092"], withEnv).cluster).toBe("B");
  });
});

describe("the command event", () => {
  it("is written and read by the timeline's schema, dated when the command started", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-commands-"));
    try {
      const detail = commandDetail(
        "kafka-consumer-groups",
        ["--bootstrap-server", "127.0.0.1:23020", "--describe", "--group", "app-g"],
        0,
        2.3456,
        addresses,
      );
      expect(detail).toMatchObject({ cluster: "B", bootstrap: "127.0.0.1:23020", seconds: 2.346 });
      appendTimeline(dir, { event: "hint", detail: { index: 1 } }, new Date("2026-01-01T10:00:02Z"));
      appendTimeline(dir, { event: "command", detail }, new Date("2026-01-01T10:00:01Z"));
      const events = readTimeline(dir);
      expect(events.map((e) => e.event)).toEqual(["command", "hint"]);
      expect(commandRecords(events)).toEqual([{ at: "2026-01-01T10:00:01.000Z", ...detail }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a command without an exit code or with an unknown region", () => {
    const base = { at: "2026-01-01T10:00:00.000Z", event: "command" };
    const detail = { tool: "kafka-topics", args: [], exit: 0, cluster: null, bootstrap: null, seconds: 1 };
    expect(timelineEventSchema.safeParse({ ...base, detail }).success).toBe(true);
    expect(timelineEventSchema.safeParse({ ...base, detail: { ...detail, exit: undefined } }).success).toBe(
      false,
    );
    expect(timelineEventSchema.safeParse({ ...base, detail: { ...detail, cluster: "C" } }).success).toBe(
      false,
    );
  });

  it("reads date's nanoseconds, and whole seconds where date has no %N", () => {
    expect(parseStamp("1767261600123456789")).toBe(1767261600123);
    expect(parseStamp("1767261600N")).toBe(1767261600000);
    expect(parseStamp("")).toBeNull();
    const list: Parameters<typeof shortCommand>[0] = {
      tool: "kafka-topics",
      args: ["--list"],
      cluster: null,
      bootstrap: null,
    };
    expect(shortCommand(list)).toBe("kafka-topics --list");
    expect(shortCommand({ ...list, args: ["x".repeat(200)] }, 20)).toHaveLength(20);
    const onA = { ...list, cluster: "A" as const, bootstrap: "h:1,h:2" };
    expect(shortCommand({ ...onA, args: ["--bootstrap-server", "h:1,h:2", "--list"] })).toBe(
      "kafka-topics --list",
    );
    expect(shortCommand({ ...onA, args: ["--bootstrap-controller=h:1,h:2"] })).toBe("kafka-topics");
    const elsewhere = { ...list, args: ["--bootstrap-server", "x:1"], bootstrap: "x:1" };
    expect(shortCommand(elsewhere)).toBe("kafka-topics --bootstrap-server x:1");
  });
});

describe("the tool wrapper", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  // The bundled recorder, as the lab's wrappers run it (built by `npm run build`).
  const recorder = path.join(packageRoot, "dist", "bin", "record-command.js");

  /** A wrapper around a program that echoes its arguments and stdin and exits with $EXIT_WITH. */
  function wrapper(attemptDir: string, archive?: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-wrapper-"));
    dirs.push(dir);
    const program = path.join(dir, "tool");
    // As the JVM does with -XX:ArchiveClassesAtExit=FILE, the program leaves FILE when it exits.
    const dumpAtExit = 'case "$1" in -XX:ArchiveClassesAtExit=*) : > "${1#*=}";; esac';
    writeFileSync(
      program,
      `#!/bin/sh\necho "args: $*"\ncat\necho oops >&2\n${dumpAtExit}\nexit "\${EXIT_WITH:-0}"\n`,
      { mode: 0o755 },
    );
    const file = path.join(dir, "kafka-consumer-groups");
    const script = renderToolWrapper(program, "/libs", "Main", "-Dccaak.home=/h", archive, {
      node: process.execPath,
      script: recorder,
      attemptDir,
      tool: "kafka-consumer-groups",
    });
    writeFileSync(file, script, { mode: 0o755 });
    return file;
  }

  it("passes stdin, stdout, stderr and the exit code through, and records the command", () => {
    const attemptDir = mkdtempSync(path.join(os.tmpdir(), "ccaak-attempt-"));
    dirs.push(attemptDir);
    writeFileSync(attemptPaths(attemptDir).state, JSON.stringify({ layout }));
    mkdirSync(attemptPaths(attemptDir).run);
    const run = spawnSync(
      wrapper(attemptDir),
      ["--bootstrap-server", "127.0.0.1:23020", "--group", "it's $HOME", "--property", "password=x"],
      { input: "a record\n", encoding: "utf8", env: { ...process.env, EXIT_WITH: "3" } },
    );
    expect(run.status).toBe(3);
    expect(run.stdout).toBe(
      "args: -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory -Dlog4j2.simplelogLevel=WARN -Xlog:cds=off -Xlog:cds+dynamic=off -Dccaak.home=/h -cp /libs/* Main --bootstrap-server 127.0.0.1:23020 --group it's $HOME --property password=x\na record\n",
    );
    expect(run.stderr).toBe("oops\n");
    // The recorder runs after the wrapper has returned; reading the timeline waits for it.
    const [event] = readTimeline(attemptDir);
    expect(readdirSync(attemptPaths(attemptDir).run)).toEqual([]);
    expect(event).toMatchObject({
      event: "command",
      detail: {
        tool: "kafka-consumer-groups",
        args: [
          "--bootstrap-server",
          "127.0.0.1:23020",
          "--group",
          "it's $HOME",
          "--property",
          `password=${MASK}`,
        ],
        exit: 3,
        cluster: "B",
      },
    });
  });

  it("leaves the tool archive on the first call and uses it on the next", () => {
    const attemptDir = mkdtempSync(path.join(os.tmpdir(), "ccaak-attempt-"));
    dirs.push(attemptDir);
    const archive = path.join(attemptDir, "cds dir", "tool-abc.jsa");
    mkdirSync(path.dirname(archive));
    const tool = wrapper(attemptDir, archive);
    const first = spawnSync(tool, ["--list"], { encoding: "utf8", input: "" });
    expect(first.stdout).toMatch(/^args: -XX:ArchiveClassesAtExit=.*tool-abc\.jsa\.partial-\d+ -Xmx256m /);
    expect(readdirSync(path.dirname(archive))).toEqual(["tool-abc.jsa"]);
    const second = spawnSync(tool, ["--list"], { encoding: "utf8", input: "" });
    expect(second.stdout).toContain(`args: -XX:SharedArchiveFile=${archive} -Xmx256m `);
    expect(readdirSync(path.dirname(archive))).toEqual(["tool-abc.jsa"]);
  });

  it("still runs the tool when the attempt folder is gone", () => {
    const gone = path.join(os.tmpdir(), "ccaak-no-such-attempt", "x");
    const run = spawnSync(wrapper(gone), ["--list"], { encoding: "utf8", input: "" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--list\n$/);
    expect(run.stderr).toBe("oops\n");
    expect(existsSync(gone)).toBe(false);
  });
});
