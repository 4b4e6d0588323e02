/**
 * The steps the mirror-damage drills share: waiting for the lab's faults, reading ledgers and offsets,
 * applying checkpoints.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { waitFor } from "../../src/lab/wait.js";
import type { LedgerEntry } from "../../src/lab/workload/ledger.js";
import type { Learner } from "./learner.js";

export function gapSteps(learner: Learner) {
  async function waitForFault(event: string, timeoutMs: number): Promise<void> {
    const happened = await waitFor(() => learner.timeline().some((e) => e.event === event), timeoutMs, 1000);
    expect(happened, `${event} did not happen`).toBe(true);
  }

  async function afterRegionLoss(): Promise<void> {
    await waitForFault("fault:kill-region", 150_000);
    learner.ok(["lab", "app", "stop", "producer"]);
    learner.ok(["lab", "app", "stop", "consumer"]);
  }

  function ledger(app: "producer" | "consumer"): LedgerEntry[] {
    const file = path.join(learner.labDir(), "apps", `${app}.ledger.jsonl`);
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LedgerEntry);
  }

  /** The first acknowledgement of every sequence number: where the record went on region A. */
  function acked(): Map<number, { partition: number; offset: number }> {
    const out = new Map<number, { partition: number; offset: number }>();
    for (const e of ledger("producer"))
      if (e.type === "acked" && !out.has(e.seq)) out.set(e.seq, { partition: e.partition, offset: e.offset });
    return out;
  }

  /** Per partition, what kafka-get-offsets prints for a topic (`--time earliest` or `latest`), tried again on a timeout. */
  async function offsets(
    bootstrap: "A_BOOTSTRAP" | "B_BOOTSTRAP",
    topic: string,
    time: string,
  ): Promise<Map<number, number>> {
    const command = `kafka-get-offsets --bootstrap-server "$${bootstrap}" --topic ${topic} --time ${time}`;
    let r = learner.run(command);
    await waitFor(() => r.status === 0 || (r = learner.run(command)).status === 0, 30_000, 1000);
    expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    const out = r.stdout;
    return new Map(
      [...out.matchAll(new RegExp(`^${topic.replace(/\./g, "\\.")}:(\\d+):(\\d+)$`, "gm"))].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]),
    );
  }

  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  return { waitForFault, afterRegionLoss, ledger, acked, offsets, sum };
}
