import { formatPercent } from "./describe-numbers.js";
import type { HunkRisk } from "./types.js";

/** Hidden marker on every review comment the app writes, so later runs find and update them. */
export const HUNK_MARKER = "<!-- defect-predictor:hunk -->";

/** The body of one review comment on a risky hunk: the risk and why this hunk. */
export function renderHunkComment(hunk: HunkRisk): string {
  return [
    `**Defect risk ${formatPercent(hunk.risk)}** for this hunk: ${hunk.reason}.`,
    "",
    "<sub>A prediction from the repository's history, not a finding — `/defect explain " +
      `${hunk.path}\` for more.</sub>`,
    HUNK_MARKER,
  ].join("\n");
}
