import type { RiskBand } from "../model/types.js";
import type { ScoreResult } from "./types.js";
import { describeBand, describeThresholds } from "./describe-risk-band.js";
import { codeCell, fitLines, formatRisk, formatWeight, textCell } from "./format-markdown.js";
import { GITHUB_OUTPUT_LIMIT, type RenderOptions } from "./render-options.js";

/** A check-run annotation, in the shape GitHub's "create a check run" API takes. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

/** The check run's conclusion and output, ready for the GitHub adapter to send. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
  annotations: CheckRunAnnotation[];
  conclusion: "neutral" | "failure";
}

const BAND_RANK: Record<RiskBand, number> = { low: 0, medium: 1, high: 2 };
const MAX_REASONS = 5;
const BAND_LABEL: Record<RiskBand, string> = { low: "Low", medium: "Medium", high: "High" };

/** The check-run title, e.g. "Defect risk 0.73 · high". */
export function renderTitle(result: ScoreResult): string {
  return `Defect risk ${formatRisk(result.probability)} · ${result.band}`;
}

/** Whether the gate fails this result: at or above a probability, or at or above a band. */
export function passesGate(result: ScoreResult, gate: RenderOptions["gate"]): boolean {
  if (gate === undefined || gate === null) return false;
  if (typeof gate === "number") return result.probability >= gate;
  return BAND_RANK[result.band] >= BAND_RANK[gate];
}

/**
 * Renders a score as a check run: title, a summary (band and meaning, top reasons, suggestions, model version),
 * a text (per-file table sorted by risk, riskiest hunks, notes) and annotations on the riskiest hunks. Pure and
 * total: any result renders, and output past GitHub's 65,535 characters is cut at a line with a visible note.
 */
export function renderCheckRun(result: ScoreResult, options: RenderOptions = {}): CheckRunOutput {
  const limit = options.maxChars ?? GITHUB_OUTPUT_LIMIT;
  const summary = fitLines(
    summaryLines(result, options),
    limit,
    (n) =>
      `_… ${n} line(s) cut: GitHub limits a check run's summary to ${limit.toLocaleString("en-US")} characters._`,
  );
  const text = fitLines(
    textLines(result),
    limit,
    (n) =>
      `_… ${n} more line(s) not shown: GitHub limits a check run's text to ${limit.toLocaleString("en-US")} characters. ` +
      "Run `defect score --format json` on a clone for the full list._",
  );
  return {
    title: renderTitle(result),
    summary,
    text,
    annotations: renderAnnotations(result, options.maxAnnotations ?? 50),
    conclusion: passesGate(result, options.gate) ? "failure" : "neutral",
  };
}

function summaryLines(result: ScoreResult, options: RenderOptions): string[] {
  const lines = [
    `**${BAND_LABEL[result.band]} risk — ${formatRisk(result.probability)}** ` +
      `(estimated probability that this change introduces a bug). ${describeBand(result.band)}`,
  ];
  const thresholds = describeThresholds(result.bands);
  if (thresholds) lines.push("", `Bands: ${thresholds}.`);
  if (passesGate(result, options.gate)) {
    lines.push(
      "",
      `This change is at or above the repository's gate (${String(options.gate)}), so the check fails.`,
    );
  }
  if (result.reasons.length > 0) {
    lines.push("", "### Top reasons");
    for (const r of [...result.reasons]
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, MAX_REASONS)) {
      lines.push(`- ${r.text} (${formatWeight(r.weight)})`);
    }
  } else {
    lines.push("", "_No reasons are available for this score._");
  }
  if (result.suggestions.length > 0) {
    lines.push("", "### What would lower the risk");
    for (const s of result.suggestions) lines.push(`- ${s}`);
  }
  const files = result.files.length;
  lines.push(
    "",
    `Model \`${result.modelVersion}\` · ${files} file${files === 1 ? "" : "s"} scored · head \`${result.headSha.slice(0, 12)}\``,
  );
  return lines;
}

function textLines(result: ScoreResult): string[] {
  const lines: string[] = [];
  if (result.notes.length > 0) {
    lines.push("### Notes");
    for (const n of result.notes) lines.push(`- ${n}`);
    lines.push("");
  }
  if (result.hunks.length > 0) {
    lines.push("### Where to look first", "| Risk | Lines | Why |", "|---:|---|---|");
    for (const h of result.hunks.slice(0, 10)) {
      const where =
        codeCell(`${h.path}:${h.startLine}-${h.endLine}`) + (h.side === "LEFT" ? " (old lines)" : "");
      lines.push(`| ${formatRisk(h.risk)} | ${where} | ${textCell(h.reason)} |`);
    }
    lines.push("");
  }
  lines.push("### Files by risk");
  if (result.files.length === 0) {
    lines.push("_No files were scored._");
    return lines;
  }
  lines.push("| Risk | Band | File | + | − | Why |", "|---:|---|---|---:|---:|---|");
  for (const f of result.files) {
    const name = f.previousPath ? `${f.previousPath} → ${f.path}` : f.path;
    const top = [...f.reasons].sort((a, b) => b.weight - a.weight)[0];
    const why = [top && top.weight > 0 ? top.text : "", f.note ? `_${f.note}_` : ""]
      .filter(Boolean)
      .join("; ");
    lines.push(
      `| ${formatRisk(f.risk)} | ${f.band} | ${codeCell(name)} | ${f.additions} | ${f.deletions} | ${textCell(why)} |`,
    );
  }
  return lines;
}

function renderAnnotations(result: ScoreResult, max: number): CheckRunAnnotation[] {
  const high = result.bands?.high ?? Infinity;
  // Annotations sit on the head commit's lines; a hunk that only deletes has no line there to point at.
  return result.hunks
    .filter((h) => h.side === "RIGHT" && h.startLine >= 1)
    .slice(0, Math.max(0, max))
    .map((h) => ({
      path: h.path,
      start_line: h.startLine,
      end_line: Math.max(h.startLine, h.endLine),
      annotation_level: h.risk >= high ? "warning" : "notice",
      title: `Defect risk ${formatRisk(h.risk)}`.slice(0, 255),
      message: h.reason.slice(0, 60_000),
    }));
}
