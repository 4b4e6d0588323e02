import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_CONTENT_FILE_BYTES, MAX_MANIFEST_BYTES, MAX_PACK_FILES } from "../../src/catalog/files.js";
import { damageMiddlePages, fillStore } from "../store/helpers.js";
import { repoRoot, runCli, tempHome, type CliResult } from "./run-cli.js";

const fixtures = path.join(repoRoot, "test/fixtures");
const hostile = path.join(fixtures, "hostile");
// Anything that could drive a terminal: C0 but tab and newline, DEL, C1, bidi overrides.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectNoRawControl(run: CliResult): void {
  expect(run.stdout).not.toMatch(RAW_CONTROL);
  expect(run.stderr).not.toMatch(RAW_CONTROL);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** A copy of good-pack with a new id, in a fresh folder, to craft from. */
function craftPack(id: string): string {
  const dir = path.join(tempHome(), id);
  cpSync(path.join(fixtures, "good-pack"), dir, { recursive: true });
  const manifest = path.join(dir, "pack.yaml");
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace('id: "good-pack"', `id: "${id}"`));
  return dir;
}

/** Every file below `dir`, with its contents, to prove a command changed nothing there. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = readFileSync(full).toString("base64");
    }
  }
  return files;
}

describe("packs remove takes only the id of an installed pack", () => {
  it.each(["..", "../x", ".", "a/b", "/tmp", "packs/../..", "Good-Pack", "x\u001b[2J"])(
    'refuses "%s" as bad usage and deletes nothing',
    (id) => {
      const home = tempHome();
      expect(runCli(["packs", "add", "test/fixtures/good-pack"], { home }).status).toBe(0);
      fillStore(path.join(home, "progress.db"), 10);
      mkdirSync(path.join(home, "sibling"));
      writeFileSync(path.join(home, "sibling/notes.txt"), "keep me");
      const before = snapshot(home);

      const run = runCli(["packs", "remove", id], { home });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("is not a valid pack id: use lower-case letters, digits and dashes");
      expect(run.stdout).not.toContain("removed");
      expectNoRawControl(run);
      expect(snapshot(home)).toEqual(before);
    },
  );

  it("refuses a folder in the packs folder that is not an installed pack by its manifest", () => {
    const home = tempHome();
    const stray = path.join(home, "packs/notes");
    mkdirSync(stray, { recursive: true });
    writeFileSync(path.join(stray, "todo.txt"), "mine");
    const run = runCli(["packs", "remove", "notes"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('has no valid pack.yaml with id "notes", so it is not an installed pack');
    expect(readFileSync(path.join(stray, "todo.txt"), "utf8")).toBe("mine");

    // A manifest naming another id is not this pack either.
    cpSync(path.join(fixtures, "good-pack"), path.join(home, "packs/other"), { recursive: true });
    expect(runCli(["packs", "remove", "other"], { home }).status).toBe(1);
    expect(existsSync(path.join(home, "packs/other/pack.yaml"))).toBe(true);
  });

  it("never follows a link in the packs folder", () => {
    const home = tempHome();
    const outside = craftPack("linked");
    mkdirSync(path.join(home, "packs"));
    symlinkSync(outside, path.join(home, "packs/linked"));
    const run = runCli(["packs", "remove", "linked"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no installed pack "linked"');
    expect(existsSync(path.join(outside, "pack.yaml"))).toBe(true);
  });
});

describe("lab ids from the command line", () => {
  it.each([
    ["start", "../../etc"],
    ["reset", "../sandbox"],
  ])("lab %s %s is bad usage, and nothing is created", (action, id) => {
    const home = tempHome();
    const run = runCli(["lab", action, id], { home });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`"${id}" is not a valid lab id`);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe("YAML anchors and aliases", () => {
  it("are refused where they are written; the other questions load and the summary is printed", () => {
    const run = runCli(["validate", path.join(hostile, "yaml-aliases")]);
    expect(run.status).toBe(1);
    expectNoRawControl(run);
    expect(run.stdout).toMatch(
      /alias-bomb\.md:2:7 error yaml: YAML anchors and aliases are not allowed \(anchor &a and 60 more\)/,
    );
    expect(run.stdout).toMatch(/unknown-alias\.md:5:13 error yaml: .*\(alias \*nowhere\)/);
    expect(run.stdout).toMatch(/merge-key\.md:7:13 error yaml: .*\(anchor &base and 1 more\)/);
    expect(run.stdout.trim().split("\n").at(-1)).toBe("1 pack, 1 valid question: 3 errors, 0 warnings");
  });

  it("in an installed pack do not stop packs list, stats or the other packs", () => {
    const home = tempHome();
    // As if installed by an older version that did not check: copied straight into place.
    cpSync(path.join(hostile, "yaml-aliases"), path.join(home, "packs/yaml-aliases"), { recursive: true });
    const list = runCli(["packs", "list", "--json"], { home });
    expect(list.status).toBe(0);
    const packs = JSON.parse(list.stdout) as { packs: { id: string; questions: number }[]; errors: number };
    expect(packs.packs.find((p) => p.id === "yaml-aliases")?.questions).toBe(1);
    expect(packs.packs.find((p) => p.id === "ccaak-core")?.questions).toBeGreaterThan(300);
    expect(packs.errors).toBe(3);
    const stats = runCli(["stats", "--json"], { home });
    expect(stats.status).toBe(0);
    expectNoRawControl(stats);
  });
});

describe("text from content never reaches the terminal raw", () => {
  it("shows escapes, C1 and bidi characters visibly in text and keeps JSON valid", () => {
    const text = runCli(["validate", path.join(hostile, "escapes")]);
    expect(text.status).toBe(1);
    expectNoRawControl(text);
    expect(text.stdout).toContain(
      "escape-key.md:6:1 error \\u001b]0;pwned\\u0007\\u001b[31mred: unknown field",
    );
    expect(text.stdout).toContain('"\\u001b[2J\\u001b[31measy" is not one of');
    expect(text.stdout).toMatch(/bidi-domain\.md:4:13 error domain: bidirectional override U\+202E/);
    expect(text.stdout).toMatch(/c1-body\.md:14:7 error stem: control character U\+009B/);
    expect(text.stdout.trim().split("\n").at(-1)).toBe("1 pack, 1 valid question: 9 errors, 0 warnings");

    const json = runCli(["validate", path.join(hostile, "escapes"), "--json"]);
    expectNoRawControl(json);
    const data = JSON.parse(json.stdout) as { diagnostics: { field: string; message: string }[] };
    // The data is the author's text exactly; only its printed form is escaped.
    expect(data.diagnostics.map((d) => d.field)).toContain("\u001b]0;pwned\u0007\u001b[31mred");
  });

  it("shows a hostile command-line argument visibly in the usage error", () => {
    const run = runCli(["packs", "remove", "\u001b]0;title\u0007"]);
    expect(run.status).toBe(2);
    expectNoRawControl(run);
    expect(run.stderr).toContain('"\\u001b]0;title\\u0007" is not a valid pack id');
  });
});

describe("symbolic links in a pack", () => {
  it("are an error naming the link; packs add refuses the pack and copies nothing", () => {
    const pack = craftPack("linky");
    const secret = path.join(tempHome(), "secret.md");
    writeFileSync(secret, readFileSync(path.join(pack, "single.md"), "utf8").replace('"good"', '"secret"'));
    symlinkSync(secret, path.join(pack, "secret.md"));
    symlinkSync(path.dirname(secret), path.join(pack, "outside"));
    symlinkSync(secret, path.join(pack, "_notes.md"));

    const run = runCli(["validate", pack]);
    expect(run.status).toBe(1);
    for (const name of ["secret.md", "outside", "_notes.md"]) {
      expect(run.stdout).toContain(
        `${path.join(pack, name)}:1:1 error path: symbolic links are not allowed in a pack`,
      );
    }
    expect(run.stdout).not.toContain('"secret"');

    const home = tempHome();
    const add = runCli(["packs", "add", pack], { home });
    expect(add.status).toBe(1);
    expect(add.stderr).toContain("not installed: the pack has 3 errors");
    expect(existsSync(path.join(home, "packs"))).toBe(false);
  });
});

describe("size limits", () => {
  it("refuses a question file over the limit without reading it, and the rest loads", () => {
    const pack = craftPack("big");
    const padding = "x".repeat(MAX_CONTENT_FILE_BYTES);
    const big = readFileSync(path.join(pack, "single.md"), "utf8").replace('"good"', '"big"') + padding;
    writeFileSync(path.join(pack, "big.md"), big);
    const run = runCli(["validate", pack]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${path.join(pack, "big.md")}:1:1 error size: the file is 257 KiB; a question file may be at most 256 KiB`,
    );
    expect(run.stdout.trim().split("\n").at(-1)).toBe("1 pack, 4 valid questions: 1 error, 0 warnings");
    const home = tempHome();
    expect(runCli(["packs", "add", pack], { home }).status).toBe(1);
    expect(existsSync(path.join(home, "packs/big"))).toBe(false);
  });

  it("refuses a manifest over the limit", () => {
    const pack = craftPack("big-manifest");
    const manifest = path.join(pack, "pack.yaml");
    writeFileSync(manifest, readFileSync(manifest, "utf8") + `# ${"x".repeat(MAX_MANIFEST_BYTES)}\n`);
    const run = runCli(["validate", pack]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${manifest}:1:1 error size: the file is 65 KiB; a pack.yaml may be at most 64 KiB`,
    );
  });

  it("refuses a pack with too many files, whole", () => {
    const pack = craftPack("crowded");
    mkdirSync(path.join(pack, "_assets"));
    for (let i = 0; i <= MAX_PACK_FILES - 4; i++) writeFileSync(path.join(pack, "_assets", `${i}.txt`), "");
    const run = runCli(["validate", pack]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${path.join(pack, "pack.yaml")}:1:1 error size: the pack holds ${MAX_PACK_FILES + 1} files besides pack.yaml; a pack may hold at most ${MAX_PACK_FILES}`,
    );
    expect(run.stdout.trim().split("\n").at(-1)).toBe("1 pack, 0 valid questions: 1 error, 0 warnings");
  });
});

describe("a progress file damaged in the middle", () => {
  function damagedHome(): { home: string; file: string; before: Buffer } {
    const home = tempHome();
    const file = path.join(home, "progress.db");
    fillStore(file, 3000);
    damageMiddlePages(file);
    return { home, file, before: readFileSync(file) };
  }

  it.each([
    ["stats", ["stats"]],
    ["stats --json", ["stats", "--json"]],
    ["progress export", ["progress", "export", "out.json"]],
  ])("%s refuses it, names the last good copy and leaves it untouched", (_, args) => {
    const { home, file, before } = damagedHome();
    const run = runCli(
      args.map((a) => (a === "out.json" ? path.join(home, a) : a)),
      { home },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The progress database ${file} cannot be used`);
    expect(run.stderr).toContain(`The last good copy is ${file}.bak`);
    expect(run.stdout).toBe("");
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(path.join(home, "out.json"))).toBe(false);
  });

  it("progress import refuses to merge into it", () => {
    const { home, file, before } = damagedHome();
    const exportFile = path.join(tempHome(), "export.json");
    const other = tempHome();
    fillStore(path.join(other, "progress.db"), 5);
    expect(runCli(["progress", "export", exportFile], { home: other }).status).toBe(0);
    const run = runCli(["progress", "import", exportFile], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The progress database ${file} cannot be used`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
