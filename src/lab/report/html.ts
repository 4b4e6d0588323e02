/**
 * The drill report as one HTML file that needs nothing else: the chart is inline SVG, the style is in
 * the page, there is no script, and the page's content security policy forbids loading anything. Pure.
 */
import { CHECK_COLUMNS, checkRows, type ReportDocument } from "./document.js";
import { escapeHtml as h } from "./escape.js";

const STYLE = `:root{color-scheme:light dark}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #8884;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.code{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}
.verdict{font-size:1.2rem;font-weight:600;padding:.6rem .8rem;border-radius:.3rem}
.passed{background:#1a7f3722;border-left:.4rem solid #1a7f37}
.failed{background:#cf222e22;border-left:.4rem solid #cf222e}
.gate{border-left:.3rem solid #cf222e;padding:.2rem .8rem;margin:.6rem 0}
.chart svg{max-width:100%;height:auto}`;

function table(head: string[], rows: string[][], codeColumns: number[] = []): string {
  const th = head.map((c) => `<th>${h(c)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${codeColumns.includes(i) ? ' class="code"' : ""}>${h(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function htmlReport(doc: ReportDocument, svg: string, chartNote: string): string {
  const parts = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${h(doc.title)}</h1>`,
    `<p>${h(doc.about)}</p>`,
    `<p class="verdict ${doc.passed ? "passed" : "failed"}">Verdict: ${h(doc.verdict)}</p>`,
  ];
  if (doc.gates.length > 0) {
    parts.push("<h2>Failed required checks</h2>");
    for (const g of doc.gates)
      parts.push(
        `<div class="gate"><p><strong>${h(g.title)}</strong>: ${h(g.observed)}</p>${g.hint ? `<p>Hint: ${h(g.hint)}</p>` : ""}</div>`,
      );
  }
  parts.push(
    "<h2>Checks</h2>",
    table(CHECK_COLUMNS, checkRows(doc)),
    "<h2>Measured against the targets</h2>",
    table(
      ["figure", "measured", "target"],
      doc.measures.map((m) => [m.name, m.measured, m.target]),
    ),
    "<h2>Timeline chart</h2>",
    `<figure class="chart">\n${svg}\n<figcaption>${h(chartNote)}</figcaption>\n</figure>`,
  );
  if (doc.commands)
    parts.push(
      "<h2>Commands</h2>",
      table(
        ["time", "tool", "arguments", "cluster", "exit", "seconds"],
        doc.commands.map((c) => [c.time, c.tool, c.args, c.cluster, c.exit, c.seconds]),
        [2],
      ),
    );
  parts.push(
    "<h2>Timeline</h2>",
    table(
      ["time (UTC)", "from start", "event", "detail"],
      doc.events.map((e) => [e.time, e.offset, e.event, e.detail]),
      [3],
    ),
    "</body>",
    "</html>",
  );
  return parts.join("\n") + "\n";
}
