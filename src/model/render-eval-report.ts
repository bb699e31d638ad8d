import type { EvaluationMetrics } from "./evaluate-predictions.js";

/** Input of the HTML evaluation report. */
export interface EvalReportInput {
  title: string;
  modelVersion: string;
  splitDescription: string;
  metrics: EvaluationMetrics;
  probs: ArrayLike<number>;
  labels: ArrayLike<number>;
}

type Point = [number, number];

const W = 320;
const H = 240;
const PAD = 36;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** A small line chart in unit coordinates as inline SVG (no scripts, no external assets). */
function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: { points: Point[]; colour: string; dash?: boolean }[],
): string {
  const sx = (x: number) => PAD + x * (W - PAD - 10);
  const sy = (y: number) => H - PAD - y * (H - PAD - 20);
  const paths = series
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ' stroke-dasharray="4 3"' : ""} points="${s.points
          .map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
          .join(" ")}"/>`,
    )
    .join("");
  const ticks = [0, 0.5, 1]
    .map(
      (t) =>
        `<text x="${sx(t)}" y="${H - PAD + 14}" font-size="10" text-anchor="middle">${t}</text>` +
        `<text x="${PAD - 6}" y="${sy(t) + 3}" font-size="10" text-anchor="end">${t}</text>`,
    )
    .join("");
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">
<rect x="${PAD}" y="20" width="${W - PAD - 10}" height="${H - PAD - 20}" fill="#fafafa" stroke="#ccc"/>${ticks}${paths}
<text x="${W / 2}" y="13" font-size="12" text-anchor="middle" font-weight="bold">${escapeHtml(title)}</text>
<text x="${W / 2}" y="${H - 4}" font-size="10" text-anchor="middle">${escapeHtml(xLabel)}</text>
<text x="10" y="${H / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 ${H / 2})">${escapeHtml(yLabel)}</text>
</svg></figure>`;
}

function rocPoints(probs: ArrayLike<number>, labels: ArrayLike<number>): Point[] {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] ? 1 : 0;
  const neg = labels.length - pos;
  const pts: Point[] = [[0, 0]];
  let tp = 0;
  let fp = 0;
  order.forEach((i, k) => {
    if (labels[i]) tp++;
    else fp++;
    if (k + 1 === order.length || probs[order[k + 1]] !== probs[i])
      pts.push([fp / (neg || 1), tp / (pos || 1)]);
  });
  return thin(pts);
}

function prPoints(probs: ArrayLike<number>, labels: ArrayLike<number>): Point[] {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] ? 1 : 0;
  const pts: Point[] = [];
  let tp = 0;
  order.forEach((i, k) => {
    if (labels[i]) tp++;
    if (k + 1 === order.length || probs[order[k + 1]] !== probs[i]) pts.push([tp / (pos || 1), tp / (k + 1)]);
  });
  return thin(pts);
}

/** Keeps at most ~400 points so the file stays small. */
function thin(pts: Point[]): Point[] {
  const step = Math.max(1, Math.floor(pts.length / 400));
  return pts.filter((_, i) => i % step === 0 || i === pts.length - 1);
}

function calibrationPoints(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): Point[] {
  const sum = new Array(bins).fill(0);
  const hit = new Array(bins).fill(0);
  const count = new Array(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i] * bins));
    sum[b] += probs[i];
    hit[b] += labels[i] ? 1 : 0;
    count[b]++;
  }
  return count.flatMap((c, b) => (c ? [[sum[b] / c, hit[b] / c] as Point] : []));
}

function histogram(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 20): string {
  const pos = new Array(bins).fill(0);
  const neg = new Array(bins).fill(0);
  for (let i = 0; i < probs.length; i++)
    (labels[i] ? pos : neg)[Math.min(bins - 1, Math.floor(probs[i] * bins))]++;
  const max = Math.max(1, ...pos, ...neg);
  const bw = (W - PAD - 10) / bins;
  const bars = (counts: number[], colour: string, offset: number) =>
    counts
      .map((c, b) => {
        const h = (c / max) * (H - PAD - 20);
        return `<rect x="${(PAD + b * bw + offset).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${(bw / 2 - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"><title>${c}</title></rect>`;
      })
      .join("");
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="Score distribution">
<text x="${W / 2}" y="13" font-size="12" text-anchor="middle" font-weight="bold">Score distribution</text>
${bars(neg, "#4c78a8", 0)}${bars(pos, "#e45756", bw / 2)}
<line x1="${PAD}" y1="${H - PAD}" x2="${W - 10}" y2="${H - PAD}" stroke="#999"/>
${[0, 0.5, 1].map((t) => `<text x="${PAD + t * (W - PAD - 10)}" y="${H - PAD + 14}" font-size="10" text-anchor="middle">${t}</text>`).join("")}
<text x="${W / 2}" y="${H - 4}" font-size="10" text-anchor="middle">calibrated probability (blue: clean, red: bug-inducing)</text>
</svg></figure>`;
}

/** A self-contained HTML page: metrics table, ROC, PR and calibration curves, and the score histogram. */
export function renderEvalReport(input: EvalReportInput): string {
  const { probs, labels, metrics } = input;
  const rows = Object.entries(metrics)
    .map(
      ([k, v]) =>
        `<tr><th>${escapeHtml(k)}</th><td>${typeof v === "number" ? (Number.isInteger(v) ? v : v.toFixed(4)) : v}</td></tr>`,
    )
    .join("");
  const charts = [
    lineChart(`ROC (AUC ${metrics.auc.toFixed(3)})`, "false positive rate", "true positive rate", [
      {
        points: [
          [0, 0],
          [1, 1],
        ],
        colour: "#999",
        dash: true,
      },
      { points: rocPoints(probs, labels), colour: "#e45756" },
    ]),
    lineChart(`Precision–recall (AP ${metrics.prAuc.toFixed(3)})`, "recall", "precision", [
      { points: prPoints(probs, labels), colour: "#4c78a8" },
    ]),
    lineChart(
      `Calibration (Brier ${metrics.brier.toFixed(3)})`,
      "mean predicted probability",
      "observed bug-inducing share",
      [
        {
          points: [
            [0, 0],
            [1, 1],
          ],
          colour: "#999",
          dash: true,
        },
        { points: calibrationPoints(probs, labels), colour: "#54a24b" },
      ],
    ),
    histogram(probs, labels),
  ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}figure{display:inline-block;margin:0 1em 1em 0}
table{border-collapse:collapse}th,td{padding:2px 10px;border-bottom:1px solid #eee;text-align:left}td{font-variant-numeric:tabular-nums}</style>
</head><body>
<h1>${escapeHtml(input.title)}</h1>
<p>Model <code>${escapeHtml(input.modelVersion)}</code>. Split: ${escapeHtml(input.splitDescription)}.</p>
${charts}
<h2>Metrics</h2><table>${rows}</table>
</body></html>
`;
}
