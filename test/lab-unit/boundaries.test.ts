import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";

const src = path.join(packageRoot, "src");

/** Every module a folder's files import, as paths below src/. */
function importsOf(folder: string): { file: string; target: string }[] {
  const dir = path.join(src, folder);
  const out: { file: string; target: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const match of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
      const target = path.relative(src, path.resolve(path.dirname(file), match[1]!));
      out.push({ file: path.relative(src, file), target });
    }
  }
  return out;
}

const reaching = (folder: string, forbidden: string) =>
  importsOf(folder).filter((i) => i.target === forbidden || i.target.startsWith(`${forbidden}/`));

describe("module boundaries", () => {
  it("inspection and checks ask the runtime through the attempt's Liveness, never import it", () => {
    expect(reaching("lab/inspect", "lab/runtime")).toEqual([]);
    expect(reaching("lab/checks", "lab/runtime")).toEqual([]);
  });

  it("the checks are pure: no Kafka client, no inspection", () => {
    expect(reaching("lab/checks", "lab/kafka")).toEqual([]);
    expect(reaching("lab/checks", "lab/inspect")).toEqual([]);
  });

  it("the catalog knows nothing of the lab", () => {
    expect(reaching("catalog", "lab")).toEqual([]);
  });
});
