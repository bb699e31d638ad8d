import { describeBand, describeThresholds } from "./describe-risk-band.js";
import { formatRisk, formatWeight } from "./format-markdown.js";
import { renderTitle } from "./render-check-run.js";
import type { ScoreResult } from "./types.js";

/** Options of {@link renderText}. */
export interface RenderTextOptions {
  /** Most files listed (the riskiest). Default 20; the JSON format has them all. */
  maxFiles?: number;
  /** Most hunks listed. Default 10. */
  maxHunks?: number;
}

/** The report for a terminal: plain text, aligned columns, no markdown. */
export function renderText(result: ScoreResult, options: RenderTextOptions = {}): string {
  const maxFiles = options.maxFiles ?? 20;
  const maxHunks = options.maxHunks ?? 10;
  const lines = [
    renderTitle(result),
    `${capitalise(result.band)} risk (estimated probability of introducing a bug). ${describeBand(result.band)}`,
  ];
  const thresholds = describeThresholds(result.bands);
  if (thresholds) lines.push(`Bands: ${thresholds}`);
  lines.push(`Change: ${result.baseSha.slice(0, 12)}..${result.headSha.slice(0, 12)}  ${result.title}`);
  lines.push(`Model: ${result.modelVersion}`);
  if (result.reasons.length > 0) {
    lines.push("", "Top reasons:");
    for (const r of result.reasons.slice(0, 5)) lines.push(`  ${formatWeight(r.weight)}  ${r.text}`);
  }
  if (result.suggestions.length > 0) {
    lines.push("", "What would lower the risk:");
    for (const s of result.suggestions) lines.push(`  - ${s}`);
  }
  if (result.hunks.length > 0) {
    lines.push("", "Where to look first:");
    for (const h of result.hunks.slice(0, maxHunks)) {
      const side = h.side === "LEFT" ? " (old lines)" : "";
      lines.push(`  ${formatRisk(h.risk)}  ${h.path}:${h.startLine}-${h.endLine}${side}  ${h.reason}`);
    }
  }
  lines.push("", `Files by risk (${result.files.length}):`);
  const width = Math.max(
    0,
    ...result.files.slice(0, maxFiles).map((f) => `+${f.additions} -${f.deletions}`.length),
  );
  for (const f of result.files.slice(0, maxFiles)) {
    const counts = `+${f.additions} -${f.deletions}`.padEnd(width);
    const name = f.previousPath ? `${f.previousPath} -> ${f.path}` : f.path;
    lines.push(
      `  ${formatRisk(f.risk)}  ${f.band.padEnd(6)}  ${counts}  ${name}${f.note ? `  (${f.note})` : ""}`,
    );
  }
  if (result.files.length > maxFiles)
    lines.push(`  … ${result.files.length - maxFiles} more (use --format json for all)`);
  if (result.notes.length > 0) {
    lines.push("", "Notes:");
    for (const n of result.notes) lines.push(`  - ${n}`);
  }
  return lines.join("\n") + "\n";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
