// Property-based fuzzing of the loader through `validate`: question files and manifests from the
// bundled bank, mutated (byte flips, truncation, inserted unicode and control characters, YAML
// aliases, type swaps), never make it throw, print a stack trace, skip its summary or accept a file
// that holds a control character. CCAAK_FUZZ_RUNS sets the number of cases (`npm run fuzz`: 10,000).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { findUnsafeCharacters } from "../../src/catalog/terminal-safety.js";
import { run as validate } from "../../src/cli/commands/validate.js";

const root = path.resolve(import.meta.dirname, "../..");
const bank = path.join(root, "questions/ccaak-core");
const runs = Number(process.env.CCAAK_FUZZ_RUNS ?? 1000);
const seed = Number(process.env.CCAAK_FUZZ_SEED ?? Date.now() % 2 ** 31);

const manifest = readFileSync(path.join(bank, "pack.yaml"));
const questions = readdirSync(bank, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".md") && !f.endsWith("README.md"))
  .sort()
  .map((f) => readFileSync(path.join(bank, f)));

const work = mkdtempSync(path.join(os.tmpdir(), "ccaak-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Mutation = (bytes: Buffer) => Buffer;

const CONTROL = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10),
  0x7f,
  0x85,
  0x9b,
  0x202e,
  0x2066,
].map((c) => String.fromCodePoint(c));
const YAML_BITS = [
  "*a",
  "&a ",
  "<<: *a\n",
  "a: &a [1]\nb: *a\n",
  "---\n",
  ": ",
  "\n- ",
  "{",
  "[",
  '"',
  "'",
  "? ",
  "!!binary ",
];
const VALUES = [
  "[1, 2]",
  "{ a: 1 }",
  "42",
  "true",
  "null",
  '""',
  "~",
  "-1e9",
  "'x'",
  "[]",
  "*a",
  "*nope",
  "&a [1]",
];

const insertAt = (bytes: Buffer, at: number, text: string): Buffer => {
  const i = at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, i), Buffer.from(text, "utf8"), bytes.subarray(i)]);
};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }).map(({ at, bit }) => (b: Buffer) => {
    const copy = Buffer.from(b);
    if (copy.length > 0) copy[at % copy.length]! ^= 1 << bit;
    return copy;
  }),
  fc.nat().map((at) => (b: Buffer) => b.subarray(0, at % (b.length + 1))),
  fc.record({ at: fc.nat(), text: fc.string({ unit: "binary", maxLength: 8 }) }).map(
    ({ at, text }) =>
      (b: Buffer) =>
        insertAt(b, at, text),
  ),
  fc.record({ at: fc.nat(), char: fc.constantFrom(...CONTROL) }).map(
    ({ at, char }) =>
      (b: Buffer) =>
        insertAt(b, at, char),
  ),
  fc.record({ at: fc.nat(), bit: fc.constantFrom(...YAML_BITS) }).map(
    ({ at, bit }) =>
      (b: Buffer) =>
        insertAt(b, at, bit),
  ),
  // Whole lines where YAML reads them: anchors and aliases, a duplicate key, a broken mapping.
  fc
    .record({
      line: fc.nat(),
      text: fc.constantFrom("x: &a [1, 2]", "y: *a", "z: *missing", "<<: *a", "id: dup", "  - : :"),
    })
    .map(({ line, text }) => (b: Buffer) => {
      const lines = b.toString("utf8").split("\n");
      lines.splice(1 + (line % Math.max(1, lines.length - 1)), 0, text);
      return Buffer.from(lines.join("\n"), "utf8");
    }),
  // A type swap: the value of one `key: value` line becomes another kind of value.
  fc.record({ line: fc.nat(), value: fc.constantFrom(...VALUES) }).map(({ line, value }) => (b: Buffer) => {
    const lines = b.toString("utf8").split("\n");
    const fields = lines.flatMap((l, i) => (/^\s*-?\s*[A-Za-z]+:\s*\S/.test(l) ? [i] : []));
    if (fields.length === 0) return b;
    const i = fields[line % fields.length]!;
    lines[i] = lines[i]!.replace(/:\s*.*$/, `: ${value}`);
    return Buffer.from(lines.join("\n"), "utf8");
  }),
);

const fuzzCase = fc.record({
  question: fc.nat({ max: questions.length - 1 }),
  target: fc.constantFrom("question", "question", "question", "manifest"),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
});

async function validateCase(packFile: Buffer, questionFile: Buffer, dir: string) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "pack.yaml"), packFile);
  writeFileSync(path.join(dir, "q.md"), questionFile);
  const out: string[] = [];
  const err: string[] = [];
  const code = await validate({
    args: [dir],
    env: {},
    home: path.join(work, "home"),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("the loader under mutated files", () => {
  it(
    `validate never throws, always summarises, exits 0 or 1 and refuses control characters (${runs} cases)`,
    async () => {
      let cases = 0;
      const property = fc.asyncProperty(fuzzCase, async ({ question, target, mutations }) => {
        cases++;
        const original = target === "manifest" ? manifest : questions[question]!;
        const mutated = mutations.reduce<Buffer>((bytes, m) => m(bytes), original);
        const [packFile, questionFile] =
          target === "manifest" ? [mutated, questions[question]!] : [manifest, mutated];
        const result = await validateCase(packFile, questionFile, path.join(work, "pack"));

        expect([0, 1]).toContain(result.code);
        expect(`${result.out}\n${result.err}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
        const summary = result.out.trim().split("\n").at(-1) ?? "";
        expect(summary).toMatch(/^\d+ packs?, \d+ valid questions?.*: \d+ errors?, \d+ warnings?$/);
        if (findUnsafeCharacters(mutated.toString("utf8")).length > 0) {
          expect(result.code).toBe(1);
          expect(summary).toMatch(/, 0 valid questions/);
        }
      });
      const details = await fc.check(property, { numRuns: runs, seed });
      console.log(`fuzz: ${details.numRuns} cases, ${details.failed ? 1 : 0} failures (seed ${seed})`);
      expect(details.failed, fc.defaultReportMessage(details) ?? "").toBe(false);
      expect(cases).toBeGreaterThanOrEqual(runs);
    },
    runs * 50 + 30_000,
  );
});
