/**
 * A scripted learner for the graded labs: drives the built CLI and the real Kafka tools the lab puts
 * on PATH, as a person following (or not following) a runbook would. One lab home per test file.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import type { CheckResult } from "../../src/lab/checks/types.js";
import type { GradeReport } from "../../src/lab/grade.js";
import type { LabStatus } from "../../src/lab/inspect/status.js";
import { bundledTopology } from "../../src/lab/definition/bundled.js";
import { allPorts, computeLayout } from "../../src/lab/layout.js";
import { takenPorts } from "../../src/lab/runtime/ports.js";
import { findMarkedProcesses } from "../../src/lab/runtime/processes.js";
import { readTimeline, type TimelineEvent } from "../../src/lab/attempt/timeline.js";
import { loadState } from "../../src/lab/attempt/state.js";
import { waitFor } from "../../src/lab/wait.js";
import { packageRoot } from "../../src/paths.js";

const sandbox = bundledTopology("sandbox");
export const cliPath = path.join(packageRoot, "dist", "bin", "main.js");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port base whose lab ports are all free. */
export async function freeBase(from: number): Promise<number> {
  for (let base = from; base < 60_000; base += 100) {
    if ((await takenPorts(allPorts(computeLayout(sandbox, base)))).length === 0) return base;
  }
  throw new Error("no free port base found");
}

/**
 * The scripted learner of one test file, on a topology of its own: before the file's tests it takes the
 * first free port base from `portFrom` (files running at the same time start from bases 1000 apart,
 * all below the kernel's ephemeral ports, 32768 and up, where a client's own connection can take a
 * lab port between the check and the bind); after them it stops the lab and checks that nothing of it
 * still runs.
 */
export function learnerForFile(portFrom: number): Learner {
  const learner = new Learner();
  beforeAll(async () => {
    learner.base = await freeBase(portFrom);
  });
  afterAll(() => {
    learner.finish();
    expect(findMarkedProcesses(learner.home)).toEqual([]);
  });
  return learner;
}

export class Learner {
  readonly home = mkdtempSync(path.join(os.tmpdir(), "ccaak-drill-test-"));
  readonly env: NodeJS.ProcessEnv = {
    ...process.env,
    CCAAK_HOME: this.home,
    CCAAK_KAFKA_CACHE: process.env.CCAAK_KAFKA_CACHE ?? path.join(packageRoot, ".ccaak-home", "kafka-cache"),
  };
  private started = false;
  /** The port base of this learner's topology (see `learnerForFile`). */
  base = 0;

  cli(args: string[], timeoutMs = 300_000): Run {
    const r = spawnSync(process.execPath, [cliPath, ...args], {
      env: this.env,
      encoding: "utf8",
      timeout: timeoutMs,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  ok(args: string[], timeoutMs?: number): string {
    const r = this.cli(args, timeoutMs);
    expect(r.status, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r.stdout;
  }

  /** A shell with the lab's environment: kafka-* tools on PATH, $A_BOOTSTRAP, $B_BOOTSTRAP, $CCAAK_LAB_DIR. */
  run(script: string, input?: string): Run {
    const r = spawnSync("sh", ["-c", `eval "$("${process.execPath}" "${cliPath}" lab env)" && ${script}`], {
      env: this.env,
      encoding: "utf8",
      timeout: 120_000,
      ...(input === undefined ? {} : { input }),
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** `run`, expecting the script to succeed: its stdout. */
  sh(script: string, input?: string): string {
    const r = this.run(script, input);
    expect(r.status, `${script}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r.stdout;
  }

  /** `lab start` the first time, `lab reset` (same JVMs, fresh state) after that. */
  begin(lab: string, base = this.base): void {
    const out = this.started
      ? this.ok(["lab", "reset", lab])
      : this.ok(["lab", "start", lab, "--port-base", String(base)]);
    this.started = true;
    expect(out).toMatch(new RegExp(`Lab ${lab} is ready`));
  }

  /**
   * The unplanned runbook's offsets step: app-g reset on B, per partition of A.orders, to the latest
   * checkpoints (one for each of the three partitions, waited for up to 30 s), with a dry run first.
   */
  async resetToCheckpoints(): Promise<void> {
    let checkpoints = this.checkpoints("B", "app-g");
    await waitFor(
      () => (checkpoints = this.checkpoints("B", "app-g").filter((c) => c.topic === "A.orders")).length === 3,
      30_000,
      3000,
    );
    expect(checkpoints.map((c) => c.partition).sort()).toEqual([0, 1, 2]);
    this.resetOffsets(
      "B_BOOTSTRAP",
      "app-g",
      "A.orders",
      new Map(checkpoints.map((c) => [c.partition, c.downstreamOffset])),
      { dryRun: true },
    );
  }

  /** Points the DNS record at a region and starts both applications there. */
  switchTo(region: "A" | "B"): void {
    this.ok(["lab", "dns", "set", region]);
    this.ok(["lab", "app", "start", "producer"]);
    this.ok(["lab", "app", "start", "consumer"]);
  }

  finish(): void {
    if (this.started) this.cli(["lab", "stop"]);
    rmSync(this.home, { recursive: true, force: true });
  }

  status(): LabStatus {
    return JSON.parse(this.ok(["lab", "status", "--json"])) as LabStatus;
  }

  /** The drill's timeline as the lab keeps it in $CCAAK_LAB_DIR: read without a command, to wait on cheaply. */
  timeline(): TimelineEvent[] {
    return readTimeline(this.labDir());
  }

  labDir(): string {
    const state = loadState(this.home);
    if (!state) throw new Error(`no lab in ${this.home}`);
    return state.attemptDir;
  }

  grade(): GradeReport {
    const r = this.cli(["lab", "grade", "--json"]);
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as GradeReport;
    logRunbook(report);
    return report;
  }

  /** Grades until `done` says so (the workload needs a moment on the new region); returns the last report. */
  async gradeUntil(done: (r: GradeReport) => boolean, timeoutMs = 90_000): Promise<GradeReport> {
    let report = this.grade();
    await waitFor(
      () => {
        report = this.grade();
        return done(report);
      },
      timeoutMs,
      3000,
    );
    return report;
  }

  /**
   * Grades about 10 s and again about 2 minutes after the learner's last action: a verdict must not
   * depend on when it is asked for. `assert` runs on both reports; the verdicts and failed gates match.
   */
  async gradeTwice(assert: (r: GradeReport) => void): Promise<GradeReport> {
    await sleep(10_000);
    const first = this.grade();
    assert(first);
    await sleep(110_000);
    const second = this.grade();
    assert(second);
    expect(second.passed).toBe(first.passed);
    expect(second.failedGates).toEqual(first.failedGates);
    return second;
  }

  /**
   * Waits until MirrorMaker 2 has caught up: every mirrored partition present, the total lag at most
   * `maxLag` (0 once writes have stopped; while producers write, the lag read at one moment holds what
   * was written since MirrorMaker 2's last poll).
   */
  async waitLagZero(maxLag = 0): Promise<void> {
    let s = this.status();
    const ok = await waitFor(
      () => {
        s = this.status();
        return (
          s.mirroredTopics.length > 0 &&
          s.mirroredTopics.every((t) => t.partitions.length > 0) &&
          s.mirroredTopics.reduce((sum, t) => sum + t.totalLag, 0) <= maxLag
        );
      },
      60_000,
      2000,
    );
    expect(ok, JSON.stringify(s.mirroredTopics)).toBe(true);
  }

  /** Committed offsets of a group as kafka-consumer-groups --describe prints them. */
  committed(bootstrap: "A_BOOTSTRAP" | "B_BOOTSTRAP", group: string, topic: string): Map<number, number> {
    const out = this.sh(
      `kafka-consumer-groups --bootstrap-server "$${bootstrap}" --describe --group ${group}`,
    );
    const offsets = new Map<number, number>();
    for (const m of out.matchAll(
      new RegExp(`^${group}\\s+${topic.replace(/\./g, "\\.")}\\s+(\\d+)\\s+(\\d+)\\s`, "gm"),
    ))
      offsets.set(Number(m[1]), Number(m[2]));
    return offsets;
  }

  checkpoints(
    on: "A" | "B",
    group: string,
  ): { topic: string; partition: number; upstreamOffset: number; downstreamOffset: number }[] {
    return JSON.parse(this.ok(["lab", "checkpoints", "--group", group, "--on", on, "--json"])) as ReturnType<
      Learner["checkpoints"]
    >;
  }

  /**
   * Waits until the checkpoints for `topic` have settled after the group stopped: one per partition, at
   * or below the committed offset, unchanged over three checkpoint intervals. (MirrorMaker 2 emits a new
   * checkpoint only when the translated offset moves, so its upstream offset may stay below the commit.)
   */
  async translatedOffsets(
    on: "A" | "B",
    group: string,
    topic: string,
    committed: Map<number, number>,
  ): Promise<Map<number, number>> {
    let list = this.checkpoints(on, group);
    let last = "";
    let stableSince = Date.now();
    const ok = await waitFor(
      () => {
        list = this.checkpoints(on, group).filter((c) => c.topic === topic);
        const seen = JSON.stringify(list);
        if (seen !== last) {
          last = seen;
          stableSince = Date.now();
        }
        const covered = [...committed].every(([p, o]) =>
          list.some((c) => c.partition === p && c.upstreamOffset <= o),
        );
        return covered && Date.now() - stableSince >= 15_000;
      },
      120_000,
      2500,
    );
    expect(ok, `checkpoints ${JSON.stringify(list)} vs committed ${JSON.stringify([...committed])}`).toBe(
      true,
    );
    return new Map(list.map((c) => [c.partition, c.downstreamOffset]));
  }

  /**
   * kafka-consumer-groups --reset-offsets on a region, per partition or to earliest/latest; with
   * `dryRun`, each reset runs with --dry-run before it runs with --execute, as a careful learner does.
   */
  resetOffsets(
    bootstrap: "A_BOOTSTRAP" | "B_BOOTSTRAP",
    group: string,
    topic: string,
    to: Map<number, number> | "earliest" | "latest" | { datetime: string },
    options: { dryRun?: boolean } = {},
  ): void {
    const base = `kafka-consumer-groups --bootstrap-server "$${bootstrap}" --group ${group} --reset-offsets`;
    const resets =
      to instanceof Map
        ? [...to].map(([p, o]) => `${base} --topic ${topic}:${p} --to-offset ${o}`)
        : [
            `${base} --topic ${topic} ${typeof to === "string" ? `--to-${to}` : `--to-datetime ${to.datetime}`}`,
          ];
    const modes = options.dryRun ? ["--dry-run", "--execute"] : ["--execute"];
    this.sh(resets.flatMap((reset) => modes.map((mode) => `${reset} ${mode}`)).join(" && "));
  }

  /** The workload's sequence numbers in a topic, read with kafka-console-consumer. */
  seqsIn(bootstrap: "A_BOOTSTRAP" | "B_BOOTSTRAP", topic: string): Set<number> {
    const out = this.sh(
      `kafka-console-consumer --bootstrap-server "$${bootstrap}" --topic ${topic} --from-beginning --timeout-ms 8000 2>/dev/null || true`,
    );
    const seqs = new Set<number>();
    for (const line of out.split("\n")) {
      try {
        seqs.add((JSON.parse(line) as { seq: number }).seq);
      } catch {
        // a line that is not a record
      }
    }
    return seqs;
  }

  /** When each write was acknowledged (ms), from the producer's ledger. */
  ackTimes(): number[] {
    const ledger = readFileSync(path.join(this.labDir(), "apps", "producer.ledger.jsonl"), "utf8");
    return ledger
      .split("\n")
      .filter((l) => l.includes('"acked"'))
      .map((l) => (JSON.parse(l) as { ts: number }).ts);
  }

  ackedSeqs(): number[] {
    const ledger = readFileSync(path.join(this.labDir(), "apps", "producer.ledger.jsonl"), "utf8");
    return ledger
      .split("\n")
      .filter((l) => l.includes('"acked"'))
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
  }

  writeFile(name: string, text: string): string {
    const file = path.join(this.home, name);
    writeFileSync(file, text);
    return file;
  }
}

/**
 * With CCAAK_RUNBOOK_LOG set, every grade a scripted runbook gets is appended there as a JSON line
 * (test, lab, score, verdict, failed gates): the table of runbooks and verdicts is made from it.
 */
function logRunbook(report: GradeReport): void {
  const file = process.env.CCAAK_RUNBOOK_LOG;
  if (!file) return;
  const line = {
    test: expect.getState().currentTestName,
    lab: report.lab,
    score: report.score,
    passed: report.passed,
    failedGates: report.failedGates,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

export function check(report: GradeReport, name: string, nth = 0): CheckResult {
  const found = report.checks.filter((c) => c.check === name)[nth];
  if (!found) throw new Error(`no check ${name} in ${report.lab}`);
  return found;
}

export function failedChecks(report: GradeReport): string[] {
  return report.checks.filter((c) => !c.passed).map((c) => c.check);
}
