/**
 * The learner's Kafka commands on the drill's timeline, against real Kafka: the `kafka-*` tools from
 * `lab env` pass stdin, stdout and the exit code through and record each run (masked, with the
 * cluster it addressed); `lab status` lists them and the planned failover's checks grade them.
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { CommandRecord } from "../../src/lab/attempt/commands.js";
import { attemptPaths } from "../../src/lab/attempt/paths.js";
import { loadState } from "../../src/lab/attempt/state.js";
import { JVM_OPTS, KAFKA_TOOLS } from "../../src/lab/runtime/render.js";
import { findMarkedProcesses } from "../../src/lab/runtime/processes.js";
import { waitFor } from "../../src/lab/wait.js";
import { check, cliPath, freeBase, Learner } from "./learner.js";

const learner = new Learner();

beforeAll(async () => {
  learner.begin("planned-failover", await freeBase(23000));
});

afterAll(() => {
  learner.finish();
  expect(findMarkedProcesses(learner.home)).toEqual([]);
});

const commands = (): CommandRecord[] => learner.status().commands;
const last = () => commands().at(-1)!;

describe("the learner's commands", () => {
  it("prints what the tool prints, and records it with the cluster it addressed", () => {
    const state = loadState(learner.home)!;
    const direct = spawnSync(
      state.javaBin,
      [
        ...JVM_OPTS.tool,
        `-Dlog4j2.configurationFile=${path.join(attemptPaths(state.attemptDir).config, "tools-log4j2.properties")}`,
        "-cp",
        `${state.libsDir}/*`,
        KAFKA_TOOLS["kafka-topics"]!,
        "--bootstrap-server",
        state.layout.regions.A.bootstrap,
        "--list",
      ],
      { encoding: "utf8" },
    );
    expect(direct.status).toBe(0);
    const wrapped = learner.run('kafka-topics --bootstrap-server "$A_BOOTSTRAP" --list');
    expect(wrapped).toMatchObject({ status: 0, stdout: direct.stdout });
    expect(wrapped.stdout).toMatch(/^orders$/m);
    expect(last()).toMatchObject({
      tool: "kafka-topics",
      args: ["--bootstrap-server", state.layout.regions.A.bootstrap, "--list"],
      exit: 0,
      cluster: "A",
      bootstrap: state.layout.regions.A.bootstrap,
    });
    expect(last().seconds).toBeGreaterThan(0);

    const described = learner.sh(
      'kafka-consumer-groups --bootstrap-server "$A_BOOTSTRAP" --describe --group app-g',
    );
    expect(described).toMatch(/app-g\s+orders\s+\d/);
    expect(last()).toMatchObject({ tool: "kafka-consumer-groups", exit: 0, cluster: "A" });
  });

  it("passes a failing tool's exit code through and records it", () => {
    const r = learner.run("kafka-topics --no-such-option");
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/no-such-option is not a recognized option/);
    expect(last()).toMatchObject({
      tool: "kafka-topics",
      args: ["--no-such-option"],
      exit: 1,
      cluster: null,
      bootstrap: null,
    });
  });

  it("feeds the console producer from stdin and masks the secrets in its arguments", () => {
    learner.sh('kafka-topics --bootstrap-server "$B_BOOTSTRAP" --create --topic typed --partitions 1');
    const jaas =
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="s3cret";';
    learner.sh(
      `kafka-console-producer --bootstrap-server "$B_BOOTSTRAP" --topic typed --producer-property '${jaas}'`,
      "first\nsecond\n",
    );
    const produced = last();
    expect(produced).toMatchObject({ tool: "kafka-console-producer", exit: 0, cluster: "B" });
    expect(produced.args).toContain("sasl.jaas.config=***");
    expect(JSON.stringify(commands())).not.toContain("s3cret");
    const read = learner.sh(
      'kafka-console-consumer --bootstrap-server "$B_BOOTSTRAP" --topic typed --from-beginning --max-messages 2 2>/dev/null',
    );
    expect(read).toBe("first\nsecond\n");
  });

  it("lets Ctrl-C end a console consumer and records the exit code it ended with", async () => {
    const script = `eval "$("${process.execPath}" "${cliPath}" lab env)" && exec kafka-console-consumer --bootstrap-server "$B_BOOTSTRAP" --topic typed --from-beginning`;
    const child = spawn("sh", ["-c", script], {
      env: learner.env,
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(await waitFor(() => out.includes("second"), 60_000, 200)).toBe(true);
    process.kill(-child.pid!, "SIGINT");
    expect(await closed).toBe(130);
    expect(last()).toMatchObject({ tool: "kafka-console-consumer", exit: 130, cluster: "B" });
  });

  it("lists the commands in lab status, and grades a dry run, an execute and a reset on the wrong cluster", async () => {
    const reset =
      'kafka-consumer-groups --bootstrap-server "$B_BOOTSTRAP" --group app-g --reset-offsets --topic A.orders:0 --to-earliest';
    expect(learner.sh(`${reset} --dry-run`)).toMatch(/app-g\s+A\.orders\s+0\s+0/);
    learner.sh(`${reset} --execute`);
    let report = learner.grade();
    expect(check(report, "dry-run-before-execute")).toMatchObject({
      passed: true,
      observed: "1 of 1 executed resets had a dry run first",
    });
    expect(check(report, "reset-ran-against-target")).toMatchObject({ passed: true });
    expect(check(report, "group-described-before-switch").observed).toBe(
      "the DNS record has not been switched yet",
    );
    expect(report.commands.map((c) => c.tool)).toContain("kafka-console-producer");

    learner.ok(["lab", "app", "stop", "consumer"]);
    learner.sh(
      'kafka-consumer-groups --bootstrap-server "$A_BOOTSTRAP" --group app-g --reset-offsets --topic orders --to-latest --execute',
    );
    for (let graded = 0; graded < 2; graded++) {
      report = learner.grade();
      expect(check(report, "reset-ran-against-target")).toMatchObject({
        passed: false,
        hint: expect.stringMatching(
          /app-g orders --to-latest at \d\d:\d\d:\d\d ran against region A \(--bootstrap-server 127\.0\.0\.1:\d+,.*"\$B_BOOTSTRAP"/,
        ),
      });
      expect(check(report, "dry-run-before-execute").hint).toMatch(/app-g orders --to-latest on region A/);
      expect(report.passed).toBe(false);
    }

    const text = learner.ok(["lab", "status"]);
    expect(text).toMatch(/Your commands \(the last 8 of \d+\)/);
    expect(text).toMatch(
      /exit 0 {3}on A {2}kafka-consumer-groups --group app-g --reset-offsets --topic orders --to-latest --execute$/m,
    );
    expect(text).not.toMatch(/^ {2}\S+ {2}command /m);
    const all = commands();
    expect(all.length).toBeGreaterThan(8);
    expect(all.map((c) => c.at)).toEqual([...all.map((c) => c.at)].sort());
  });
});
