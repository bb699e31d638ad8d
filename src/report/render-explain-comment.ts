import type { RiskBand } from "../model/types.js";
import { findClosePaths } from "./describe-close-paths.js";
import { formatPercent, formatPoints } from "./describe-numbers.js";
import type { FileRisk, HunkRisk, Reason, ScoreResult } from "./types.js";

/** Hidden marker that identifies the one explain comment per pull request (updated in place). */
export const EXPLAIN_MARKER = "<!-- defect-predictor:explain -->";

const BAND_ICON: Record<RiskBand, string> = { low: "🟢", medium: "🟡", high: "🔴" };
const MAX_FILES = 15;
const TOP_FILES = 3;

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const risk = (p: number, band: RiskBand) => `${BAND_ICON[band]} ${formatPercent(p)} ${band}`;

function header(result: ScoreResult, title: string): string[] {
  const base =
    result.baselineProbability !== undefined
      ? ` · a typical clean change here scores ${formatPercent(result.baselineProbability)}`
      : "";
  return [
    EXPLAIN_MARKER,
    `### ${title}`,
    "",
    `<sub>Model \`${result.modelVersion}\` · head \`${result.headSha.slice(0, 7)}\`${base}</sub>`,
    "",
  ];
}

function factorTable(title: string, reasons: Reason[]): string[] {
  if (reasons.length === 0) return [];
  return [
    `**${title}**`,
    "",
    "| factor | effect | why |",
    "|---|---:|---|",
    ...reasons.map((r) => `| ${r.key} | ${formatPoints(r.weight)} | ${cell(r.text)} |`),
    "",
  ];
}

function hunkLines(hunks: HunkRisk[], limit: number): string[] {
  return hunks
    .slice(0, limit)
    .map(
      (h) =>
        `- lines ${h.startLine}–${h.endLine}${h.side === "LEFT" ? " (old side)" : ""}: ${formatPercent(h.risk)} — ${h.reason}`,
    );
}

/** The `/defect explain` reply: factors up and down, files by risk, why the top files, suggestions. */
export function renderExplainComment(result: ScoreResult): string {
  const up = result.reasons.filter((r) => r.weight > 0);
  const down = result.reasons.filter((r) => r.weight < 0);
  const lines = header(result, `Defect risk ${risk(result.probability, result.band)} — why`);
  lines.push(...factorTable("What raised the risk", up), ...factorTable("What lowered it", down));
  if (up.length + down.length === 0)
    lines.push("No single factor moved this score much from a typical change here.", "");
  if (result.files.length) {
    lines.push("**Files by risk**", "", "| file | risk | lines | main reason |", "|---|---|---:|---|");
    for (const f of result.files.slice(0, MAX_FILES)) {
      const why = f.note ?? f.reasons.find((r) => r.weight > 0)?.text ?? "";
      lines.push(
        `| \`${cell(f.path)}\` | ${risk(f.risk, f.band)} | +${f.additions} −${f.deletions} | ${cell(why)} |`,
      );
    }
    if (result.files.length > MAX_FILES)
      lines.push(`| … and ${result.files.length - MAX_FILES} more | | | |`);
    lines.push("");
  }
  const top = result.files.filter((f) => f.reasons.length || result.hunks.some((h) => h.path === f.path));
  for (const f of top.slice(0, TOP_FILES)) lines.push(...fileSection(f, result.hunks, 2));
  if (result.suggestions.length)
    lines.push("**What would lower the risk**", "", ...result.suggestions.map((s) => `- ${s}`), "");
  for (const note of [...result.notes, ...(result.ruleNotes ?? [])]) lines.push(`> ${note}`);
  lines.push(
    "",
    "<sub>One file in depth: `/defect explain path/to/file` · all commands: `/defect help`</sub>",
  );
  return lines.join("\n");
}

function fileSection(f: FileRisk, hunks: HunkRisk[], hunkLimit: number): string[] {
  const own = hunks.filter((h) => h.path === f.path);
  return [
    `#### \`${f.path}\` — ${risk(f.risk, f.band)}`,
    "",
    ...f.reasons.map((r) => `- ${r.text} (${formatPoints(r.weight)})`),
    ...(own.length ? ["- riskiest hunks:", ...hunkLines(own, hunkLimit).map((l) => `  ${l}`)] : []),
    "",
  ];
}

/** `/defect explain path`: one file in depth, or the closest changed paths when the path is not in the PR. */
export function renderExplainFile(result: ScoreResult, path: string): string {
  const wanted = path.replace(/^\.?\//, "");
  const f = result.files.find((x) => x.path === wanted || x.previousPath === wanted);
  if (!f) return renderUnknownFile(result, wanted);
  const lines = header(result, `\`${f.path}\`: defect risk ${risk(f.risk, f.band)}`);
  const moved = f.previousPath ? ` (renamed from \`${f.previousPath}\`)` : "";
  lines.push(
    `+${f.additions} −${f.deletions} lines${moved}. The whole PR: ${risk(result.probability, result.band)}.`,
    "",
  );
  if (f.note) lines.push(`> ${f.note}`, "");
  lines.push(...factorTable("Why", f.reasons));
  const own = result.hunks.filter((h) => h.path === f.path);
  if (own.length) lines.push("**Hunks, riskiest first**", "", ...hunkLines(own, 10), "");
  const known = Object.entries(f.features).filter(([, v]) => v !== null);
  if (known.length) {
    lines.push("<details><summary>Feature values</summary>", "", "| feature | value |", "|---|---:|");
    lines.push(
      ...known.map(([k, v]) => `| ${k} | ${Number.isInteger(v) ? v : Number(v!.toPrecision(3))} |`),
      "",
      "</details>",
    );
  }
  lines.push("", "<sub>The whole PR: `/defect explain` · all commands: `/defect help`</sub>");
  return lines.join("\n");
}

function renderUnknownFile(result: ScoreResult, path: string): string {
  const close = findClosePaths(
    path,
    result.files.map((f) => f.path),
  );
  const lines = header(result, `\`${cell(path)}\` is not changed in this pull request`);
  if (close.length) lines.push("Did you mean:", "", ...close.map((p) => `- \`/defect explain ${p}\``));
  else lines.push(`It changes ${result.files.length} files; \`/defect explain\` lists them by risk.`);
  return lines.join("\n");
}
