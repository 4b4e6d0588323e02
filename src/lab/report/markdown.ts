/**
 * The drill report as markdown. The chart is an image whose source is a `data:` URI of the SVG, so the
 * file stands alone: VS Code, Typora, Obsidian, pandoc and browsers' markdown viewers draw it; viewers
 * that refuse data URIs (GitHub among them) show the alternative text, and every figure the chart draws
 * is also in the tables. `--format html` is the report that renders the chart everywhere. Pure.
 */
import { CHECK_COLUMNS, checkRows, type ReportDocument } from "./document.js";
import { escapeMarkdown as md } from "./escape.js";

const row = (cells: string[]) => `| ${cells.map(md).join(" | ")} |`;

function table(head: string[], rows: string[][]): string[] {
  return [row(head), `|${head.map(() => " --- |").join("")}`, ...rows.map(row)];
}

export function markdownReport(doc: ReportDocument, svg: string, chartNote: string): string {
  const lines = [`# ${md(doc.title)}`, "", md(doc.about), ""];
  lines.push(`**Verdict: ${md(doc.verdict)}**`, "");
  if (doc.gates.length > 0) {
    lines.push("## Failed required checks", "");
    for (const g of doc.gates) {
      lines.push(`- **${md(g.title)}**: ${md(g.observed)}`);
      if (g.hint) lines.push(`  Hint: ${md(g.hint)}`);
    }
    lines.push("");
  }
  lines.push(
    "## Checks",
    "",
    ...table(CHECK_COLUMNS, checkRows(doc)),
    "",
    "## Measured against the targets",
    "",
    ...table(
      ["figure", "measured", "target"],
      doc.measures.map((m) => [m.name, m.measured, m.target]),
    ),
    "",
    "## Timeline chart",
    "",
    `![Drill timeline chart: records acknowledged and processed per region, sequence numbers, replication lag, faults and the DNS switch](data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")})`,
    "",
    md(chartNote),
    "",
  );
  if (doc.commands) {
    lines.push(
      "## Commands",
      "",
      ...table(
        ["time", "tool", "arguments", "cluster", "exit", "seconds"],
        doc.commands.map((c) => [c.time, c.tool, c.args, c.cluster, c.exit, c.seconds]),
      ),
      "",
    );
  }
  lines.push(
    "## Timeline",
    "",
    ...table(
      ["time (UTC)", "from start", "event", "detail"],
      doc.events.map((e) => [e.time, e.offset, e.event, e.detail]),
    ),
  );
  return lines.join("\n") + "\n";
}
