import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { attemptPaths } from "../../src/lab/attempt/paths.js";
import { appendTimeline, eventFault, faultEvent, readTimeline } from "../../src/lab/attempt/timeline.js";
import { FAULT_KINDS, isNodeFault, isRegionFault, type Fault } from "../../src/lab/fault.js";

const dirs: string[] = [];
const attempt = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-timeline-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the attempt's timeline", () => {
  it("reads back what it wrote, with the time it was written", () => {
    const dir = attempt();
    const at = new Date("2026-01-01T10:00:00Z");
    appendTimeline(dir, { event: "hint", detail: { index: 1 } }, at);
    appendTimeline(dir, { event: "lab-stop" }, at);
    expect(readTimeline(dir)).toEqual([
      { at: at.toISOString(), event: "hint", detail: { index: 1 } },
      { at: at.toISOString(), event: "lab-stop" },
    ]);
  });

  it("reads the lines earlier versions wrote and leaves out one cut short by a crash", () => {
    const dir = attempt();
    const lines = [
      '{"at":"2026-01-01T10:00:00.000Z","event":"fault:kill-node","detail":{"node":"A-2"}}',
      '{"at":"2026-01-01T10:00:05.000Z","event":"dns-set","detail":{"name":"kafka.orders.lab","region":"B","bootstrap":"127.0.0.1:19110","from":"A","lag":3,"producerRunning":false,"consumerRunning":false}}',
      '{"at":"2026-01-01T10:00:06.000Z","event":"decl',
    ];
    appendFileSync(attemptPaths(dir).timeline, `${lines.join("\n")}\n`);
    const events = readTimeline(dir);
    expect(events.map((e) => e.event)).toEqual(["fault:kill-node", "dns-set"]);
    expect(events[1]).toMatchObject({ detail: { region: "B", lag: 3 } });
  });

  it("refuses to write an event the schema does not know", () => {
    const dir = attempt();
    const wrong = { event: "dns-set", detail: { region: "C" } } as unknown as Parameters<
      typeof appendTimeline
    >[1];
    expect(() => appendTimeline(dir, wrong)).toThrow();
    expect(readTimeline(dir)).toEqual([]);
  });

  it("records every fault as an event it can read the fault back from", () => {
    const dir = attempt();
    const faults: Fault[] = FAULT_KINDS.map((fault) =>
      isNodeFault(fault) ? { fault, node: "A-2" } : isRegionFault(fault) ? { fault, region: "B" } : { fault },
    );
    for (const f of faults) appendTimeline(dir, faultEvent(f));
    expect(readTimeline(dir).map(eventFault)).toEqual(faults);
    expect(eventFault({ at: "2026-01-01T10:00:00.000Z", event: "proceed" })).toBeNull();
  });
});
