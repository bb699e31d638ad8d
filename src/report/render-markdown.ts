import { renderCheckRun } from "./render-check-run.js";
import type { RenderOptions } from "./render-options.js";
import type { ScoreResult } from "./types.js";

/**
 * The report as markdown: exactly the check run's title, summary and text, so `defect score --format markdown`
 * shows what a pull request shows.
 */
export function renderMarkdown(result: ScoreResult, options: RenderOptions = {}): string {
  const { title, summary, text } = renderCheckRun(result, options);
  return `## ${title}\n\n${summary}\n\n${text}\n`;
}
