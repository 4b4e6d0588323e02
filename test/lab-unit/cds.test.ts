import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { archiveStatus, cdsArchives, cdsLaunchFlags } from "../../src/lab/runtime/cds.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-cds-"));
const libs = path.join(dir, "libs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("class-data archives", () => {
  it("are named per role by the Java version and the jars, so either change makes new ones", () => {
    mkdirSync(libs);
    writeFileSync(path.join(libs, "kafka-clients-4.1.2.jar"), "a");
    writeFileSync(path.join(libs, "kafka_2.13-4.1.2.jar"), "b");
    const first = cdsArchives(dir, libs, "17.0.15");
    expect(first.node).toMatch(/\/cds\/node-[0-9a-f]{12}\.jsa$/);
    expect(new Set(Object.values(first)).size).toBe(3);
    expect(cdsArchives(dir, libs, "17.0.15")).toEqual(first);
    expect(cdsArchives(dir, libs, "17.0.16").node).not.toBe(first.node);
    writeFileSync(path.join(libs, "kafka-clients-4.1.2.jar"), "changed");
    utimesSync(path.join(libs, "kafka-clients-4.1.2.jar"), new Date(0), new Date(0));
    expect(cdsArchives(dir, libs, "17.0.15").node).not.toBe(first.node);
  });

  it("are used when present and recorded for a dump when missing", () => {
    const archive = path.join(dir, "node-abc.jsa");
    expect(cdsLaunchFlags(archive)).toContain("-XX:+RecordDynamicDumpInfo");
    writeFileSync(archive, "");
    expect(cdsLaunchFlags(archive)).toContain(`-XX:SharedArchiveFile=${archive}`);
    expect(cdsLaunchFlags(archive)).not.toContain("-XX:+RecordDynamicDumpInfo");
  });

  it("are judged by the JVM itself: a file it cannot map is unusable, an absent one missing", () => {
    const garbage = path.join(dir, "tool-garbage.jsa");
    writeFileSync(garbage, "not an archive");
    expect(archiveStatus("java", garbage, `${libs}/*`)).toBe("unusable");
    expect(archiveStatus("java", path.join(dir, "none.jsa"), `${libs}/*`)).toBe("missing");
  });
});
