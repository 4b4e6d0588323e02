import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack } from "../../src/catalog/index.js";
import { renderAnki } from "../../src/interchange/anki.js";
import { findUnsafeCharacters } from "../../src/catalog/terminal-safety.js";
import { repoRoot } from "../cli/run-cli.js";

const core = loadPack(path.join(repoRoot, "questions/ccaak-core"), "bundled").pack!;

/** Reads an Anki text import file back: its `#key:value` header lines and its tab-separated rows. */
function parseAnki(text: string) {
  const lines = text.split("\n").filter((l) => l !== "");
  const headers = new Map<string, string>();
  for (const line of lines.filter((l) => l.startsWith("#"))) {
    const colon = line.indexOf(":");
    headers.set(line.slice(1, colon), line.slice(colon + 1));
  }
  const rows = lines.filter((l) => !l.startsWith("#")).map((l) => l.split("\t"));
  return { headers, rows };
}

describe("the Anki export", () => {
  const text = renderAnki(core.manifest.title, core.questions);
  const { headers, rows } = parseAnki(text);

  it("starts with Anki's header lines", () => {
    expect(Object.fromEntries(headers)).toEqual({
      separator: "tab",
      html: "true",
      notetype: "Basic",
      deck: "CCAAK core",
      columns: "Front\tBack\tTags",
      "tags column": "3",
    });
  });

  it("has one note per question, each with exactly front, back and tags", () => {
    expect(rows).toHaveLength(core.questions.length);
    expect(rows.every((r) => r.length === 3)).toBe(true);
    expect(findUnsafeCharacters(text)).toEqual([]);
  });

  it("puts the options on the front and the answer, reasons and explanation on the back, HTML-escaped", () => {
    const q = core.questions.find((x) => x.type === "single" && x.options.some((o) => o.why))!;
    if (q.type !== "single") throw new Error("expected single");
    const [front, back, tags] = rows[core.questions.indexOf(q)]!;
    const html = (s: string) =>
      s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/\t/g, "&#9;")
        .replace(/\n/g, "<br>");
    for (const o of q.options) expect(front).toContain(`<li>${html(o.text)}</li>`);
    const right = String.fromCharCode(65 + q.options.findIndex((o) => o.correct));
    expect(back).toContain(`<p>Answer: ${right}</p>`);
    for (const o of q.options) if (o.why) expect(back).toContain(html(o.why));
    expect(back).toContain(html(q.explanation));
    expect(tags!.split(" ")).toEqual([...new Set(["ccaak-core", q.domain, ...q.tags])]);
  });

  it("escapes HTML and keeps tabs and newlines out of the fields", () => {
    const [q] = core.questions;
    const tricky = { ...q!, stem: 'a <b> & "c"\tcol\nnext' };
    const {
      rows: [row],
    } = parseAnki(renderAnki("d", [tricky]));
    expect(row![0]).toContain("<p>a &lt;b&gt; &amp; &quot;c&quot;&#9;col<br>next</p>");
  });
});
