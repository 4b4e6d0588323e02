/**
 * The drill's timeline chart as one self-contained SVG (no scripts, fonts or links): records
 * acknowledged and processed per bucket, the highest sequence numbers, the measured replication lag,
 * vertical markers for faults, the DNS switch and the applications, and the RTO spans. Pure.
 *
 * Each polyline carries its scale (`data-x0`, `data-px-per-s`, `data-y0`, `data-px-per-unit`) with the
 * chart's `data-start-ms` and `data-bucket-seconds`, so a reader can turn its points back into numbers.
 */
import { escapeHtml } from "./escape.js";
import type { ChartData, Series } from "./series.js";

const WIDTH = 960;
const LEFT = 72;
const RIGHT = 24;
const PLOT = WIDTH - LEFT - RIGHT;
const PANELS = {
  rates: { top: 150, height: 150 },
  positions: { top: 320, height: 110 },
  lag: { top: 450, height: 50 },
};
const AXIS_Y = PANELS.lag.top + PANELS.lag.height;
const HEIGHT = AXIS_Y + 44;

const COLOURS: Record<string, string> = {
  "acks-A": "#2f6fdf",
  "acks-B": "#d9730d",
  "processed-A": "#2f6fdf",
  "processed-B": "#d9730d",
  "acked-seq": "#0a7f86",
  "processed-seq": "#bf3989",
  fault: "#cf222e",
  switch: "#8250df",
  app: "#6e7781",
  mm2: "#6e7781",
  other: "#6e7781",
  lag: "#9a6700",
};
const dashed = (id: string) => id.startsWith("processed");

const STYLE = `text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:12px;fill:#1f2328}
.small{font-size:11px}.title{font-size:15px;font-weight:600}
.grid{stroke:#d0d7de}.axis{stroke:#57606a}
@media (prefers-color-scheme:dark){.bg{fill:#0d1117}text{fill:#e6edf3}.grid{stroke:#30363d}.axis{stroke:#8b949e}}`;

/** A number for an SVG attribute: at most three decimals. */
const n = (v: number) => String(Math.round(v * 1000) / 1000);

/** The smallest of 1, 2, 5 × 10^k at or above `v`. */
export function niceCeiling(v: number): number {
  if (v <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= v) ?? 10 * power;
}

const TIME_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

function text(x: number, y: number, body: string, attrs = ""): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ""}>${escapeHtml(body)}</text>`;
}

export function chartSvg(data: ChartData): string {
  const seconds = data.buckets * data.bucketSeconds;
  const pxPerS = PLOT / seconds;
  const x = (t: number) => LEFT + Math.min(seconds, Math.max(0, t)) * pxPerS;
  const start = new Date(data.startMs).toISOString().slice(11, 19);
  const per = data.bucketSeconds === 1 ? "per second" : `per ${data.bucketSeconds} s`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Drill timeline chart" data-start-ms="${data.startMs}" data-bucket-seconds="${data.bucketSeconds}">`,
    `<title>Drill timeline from ${start} UTC</title>`,
    `<style>${STYLE}</style>`,
    `<rect class="bg" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(LEFT, 22, `Drill timeline (time from ${start} UTC)`, 'class="title"'),
    ...data.summary.map((line, i) => text(LEFT, 42 + i * 16, line)),
    legend(data.rates, 82, 150),
    legend(data.positions, 98, 260),
  ];

  const panel = (
    name: keyof typeof PANELS,
    title: string,
    series: Series[],
    emptyNote: string,
    otherValues: number[] = [],
  ): ((v: number) => number) => {
    const { top, height } = PANELS[name];
    const bottom = top + height;
    const values = [...otherValues, ...series.flatMap((s) => s.values.filter((v) => v !== null))];
    const max = niceCeiling(Math.max(0, ...values));
    const perUnit = height / max;
    const y = (v: number) => bottom - v * perUnit;
    parts.push(text(LEFT + 6, top + 12, title, 'class="small"'));
    for (const tick of [0, max / 2, max].filter(Number.isInteger)) {
      parts.push(
        `<line class="grid" x1="${LEFT}" x2="${LEFT + PLOT}" y1="${n(y(tick))}" y2="${n(y(tick))}" stroke="#d0d7de"/>`,
        text(LEFT - 6, y(tick) + 4, String(tick), 'text-anchor="end" class="small"'),
      );
    }
    parts.push(`<line class="axis" x1="${LEFT}" x2="${LEFT}" y1="${top}" y2="${bottom}" stroke="#57606a"/>`);
    if (emptyNote) parts.push(text(LEFT + 12, top + height / 2 + 4, emptyNote, 'class="small"'));
    for (const s of series) {
      const points = s.values.flatMap((v, i) =>
        v === null ? [] : [`${n(LEFT + i * data.bucketSeconds * pxPerS)},${n(y(v))}`],
      );
      const colour = COLOURS[s.id] ?? "#57606a";
      parts.push(
        `<polyline data-series="${escapeHtml(s.id)}" data-x0="${LEFT}" data-px-per-s="${pxPerS}" data-y0="${bottom}" data-px-per-unit="${perUnit}" fill="none" stroke="${colour}" stroke-width="1.6"${dashed(s.id) ? ' stroke-dasharray="5 3"' : ""} points="${points.join(" ")}"><title>${escapeHtml(s.label)}</title></polyline>`,
      );
    }
    return y;
  };

  const noLedgers = data.ledgers ? "" : "no ledgers: the applications' records of this drill are gone";
  panel("rates", `records ${per}`, data.rates, noLedgers);
  panel("positions", "sequence numbers", data.positions, noLedgers);
  const lagY = panel(
    "lag",
    "replication lag (records), measured at the DNS switch only",
    [],
    data.lag.length ? "" : "no measurement (no DNS switch)",
    data.lag.map((p) => p.lag),
  );
  for (const p of data.lag) {
    const py = lagY(p.lag);
    parts.push(
      `<circle data-lag="${p.lag}" cx="${n(x(p.t))}" cy="${n(py)}" r="4" fill="${COLOURS.lag}"/>`,
      text(x(p.t) + 7, py - 4, p.label, `class="small" fill="${COLOURS.lag}"`),
    );
  }

  for (const [i, span] of data.rto.entries()) {
    const top = PANELS.rates.top + i * 16;
    parts.push(
      `<rect x="${n(x(span.from))}" y="${top}" width="${n(Math.max(1, x(span.to) - x(span.from)))}" height="${PANELS.rates.height - i * 16}" fill="${COLOURS.switch}" fill-opacity="0.12"/>`,
      text(x(span.from) + 3, top + 12, span.label, `class="small" fill="${COLOURS.switch}"`),
    );
  }

  for (const [i, m] of data.markers.entries()) {
    const mx = x(m.t);
    const colour = COLOURS[m.kind]!;
    const strong = m.kind === "fault" || m.kind === "switch";
    const labelY = PANELS.rates.top - 16 - (i % 3) * 12;
    const nearEnd = mx > LEFT + PLOT - 120;
    parts.push(
      `<line data-marker="${m.kind}" x1="${n(mx)}" x2="${n(mx)}" y1="${labelY - 10}" y2="${AXIS_Y}" stroke="${colour}" stroke-width="${strong ? 1.6 : 1}"${strong ? "" : ' stroke-dasharray="2 3"'}/>`,
      text(
        nearEnd ? mx - 3 : mx + 3,
        labelY,
        m.label,
        `class="small" fill="${colour}"${nearEnd ? ' text-anchor="end"' : ""}`,
      ),
    );
  }

  const step = TIME_STEPS.find((s) => seconds / s <= 12) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  parts.push(
    `<line class="axis" x1="${LEFT}" x2="${LEFT + PLOT}" y1="${AXIS_Y}" y2="${AXIS_Y}" stroke="#57606a"/>`,
  );
  for (let s = 0; s <= seconds; s += step) {
    parts.push(
      `<line class="axis" x1="${n(x(s))}" x2="${n(x(s))}" y1="${AXIS_Y}" y2="${AXIS_Y + 5}" stroke="#57606a"/>`,
      text(x(s), AXIS_Y + 18, clock(s), 'text-anchor="middle" class="small"'),
    );
  }
  parts.push(
    text(LEFT + PLOT, AXIS_Y + 34, "minutes:seconds from the start", 'text-anchor="end" class="small"'),
  );
  parts.push("</svg>");
  return parts.join("\n");
}

function legend(series: Series[], y: number, spacing: number): string {
  const items = series.map((s, i) => {
    const lx = LEFT + i * spacing;
    const colour = COLOURS[s.id] ?? "#57606a";
    return `<line x1="${lx}" x2="${lx + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${colour}" stroke-width="2"${dashed(s.id) ? ' stroke-dasharray="5 3"' : ""}/>${text(lx + 26, y, s.label, 'class="small"')}`;
  });
  return items.join("\n");
}
