import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  copyFromTemplate,
  formattedTemplateDir,
  saveTemplate,
  templateClusterId,
} from "../../src/lab/runtime/formatted.js";

describe("formatted storage templates", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tmp = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ccaak-formatted-"));
    dirs.push(dir);
    return dir;
  };
  /** A data folder as `kafka-storage format` leaves it, one file per node naming its cluster. */
  function formatted(clusterId: string, nodes: string[]): string {
    const data = tmp();
    for (const node of nodes) {
      mkdirSync(path.join(data, node, "__cluster_metadata-0"), { recursive: true });
      writeFileSync(path.join(data, node, "meta.properties"), `cluster.id=${clusterId}\nnode.id=${node}\n`);
    }
    return data;
  }

  it("names a template by the jars, the nodes and the features", () => {
    const a = formattedTemplateDir("/c", "/c/4.1.2-x/libs", ["A-1", "A-2", "A-3"], true);
    expect(path.dirname(a)).toBe("/c/formatted");
    expect(formattedTemplateDir("/c", "/c/4.1.2-x/libs", ["A-1", "A-2", "A-3"], true)).toBe(a);
    expect(formattedTemplateDir("/c", "/c/4.1.2-x/libs", ["B-1"], true)).not.toBe(a);
    expect(formattedTemplateDir("/c", "/c/4.1.2-x/libs", ["A-1", "A-2", "A-3"], false)).not.toBe(a);
    expect(formattedTemplateDir("/c", "/c/4.2.0-y/libs", ["A-1", "A-2", "A-3"], true)).not.toBe(a);
  });

  it("keeps freshly formatted nodes with their cluster id and copies them into the next attempt", () => {
    const template = path.join(tmp(), "formatted", "abc");
    mkdirSync(path.dirname(template));
    expect(templateClusterId(template)).toBeNull();
    saveTemplate(template, formatted("first", ["A-1", "A-2"]), ["A-1", "A-2"], "first");
    expect(templateClusterId(template)).toBe("first");
    expect(readdirSync(path.dirname(template))).toEqual(["abc"]);

    const next = tmp();
    copyFromTemplate(template, next, ["A-1", "A-2"]);
    expect(readdirSync(next).sort()).toEqual(["A-1", "A-2"]);
    expect(readFileSync(path.join(next, "A-2", "meta.properties"), "utf8")).toContain("cluster.id=first");
    expect(readdirSync(path.join(next, "A-1"))).toContain("__cluster_metadata-0");
  });

  it("leaves the template of a start that got there first", () => {
    const template = path.join(tmp(), "formatted", "abc");
    mkdirSync(path.dirname(template));
    saveTemplate(template, formatted("winner", ["B-1"]), ["B-1"], "winner");
    saveTemplate(template, formatted("late", ["B-1"]), ["B-1"], "late");
    expect(templateClusterId(template)).toBe("winner");
    expect(readdirSync(path.dirname(template))).toEqual(["abc"]);
  });
});
