import type { RiskBand } from "../model/types.js";

/** How a {@link ScoreResult} is rendered. Every field is optional. */
export interface RenderOptions {
  /**
   * The repository's gate: a probability (fail at or above it) or a band (fail at that band or above). Unset:
   * the check run is always `neutral` — information, never a blocker.
   */
  gate?: number | RiskBand | null;
  /** Most annotations to produce. Default 50 (GitHub takes 50 per request; the caller batches more). */
  maxAnnotations?: number;
  /** Most characters of the summary and of the text. Default 65,535 (GitHub's limit for each). */
  maxChars?: number;
}

/** GitHub's limit on a check run's `output.summary` and `output.text`. */
export const GITHUB_OUTPUT_LIMIT = 65_535;
