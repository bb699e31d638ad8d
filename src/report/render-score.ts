import { renderExplainComment } from "./render-explain-comment.js";
import { renderMarkdown } from "./render-markdown.js";
import type { RenderOptions } from "./render-options.js";
import { renderText } from "./render-text.js";
import type { ScoreResult } from "./types.js";

/** Output formats of the CLI. */
export type ReportFormat = "text" | "markdown" | "json" | "explain";

export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "markdown", "json", "explain"];

/** Renders a score in one of the CLI's formats; `json` is the whole result, nothing dropped. */
export function renderScore(result: ScoreResult, format: ReportFormat, options: RenderOptions = {}): string {
  if (format === "json") return JSON.stringify(result, null, 2) + "\n";
  if (format === "markdown") return renderMarkdown(result, options);
  // The reply `/defect explain` posts on a pull request, for the same score.
  if (format === "explain") return renderExplainComment(result) + "\n";
  return renderText(result);
}
