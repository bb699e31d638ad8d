import type { FeatureValues } from "../features/types.js";
import type { BandThresholds, RiskBand } from "../model/types.js";

/** One reason shown to a reviewer: a sentence with the numbers that make it true, and its direction. */
export interface Reason {
  /** Feature or feature group it comes from (e.g. `nf`, `size`, `history`). */
  key: string;
  /** Plain words, e.g. "touches 14 files in 6 directories — larger than 92 % of changes here". */
  text: string;
  /** Contribution to the probability (attribution); positive raises the risk. */
  weight: number;
}

export interface FileRisk {
  path: string;
  previousPath?: string;
  /** The file's own change scored in the PR's context (calibrated probability). */
  risk: number;
  band: RiskBand;
  additions: number;
  deletions: number;
  features: FeatureValues;
  reasons: Reason[];
  /** Why the file was not scored normally (binary, patch omitted, ignored path…), if so. */
  note?: string;
}

export interface HunkRisk {
  path: string;
  /** New-side line range of the hunk (old side for pure deletions). */
  startLine: number;
  endLine: number;
  side: "RIGHT" | "LEFT";
  risk: number;
  /** Why this hunk: one sentence. */
  reason: string;
}

/** The result of scoring one change: what the check run, the CLI and `/defect explain` render. Plain JSON. */
export interface ScoreResult {
  repository: string;
  number?: number;
  headSha: string;
  baseSha: string;
  title: string;
  /** Calibrated probability that the change is bug-inducing. */
  probability: number;
  /** Model output for the attribution baseline (a typical clean change): all attributions sum to probability − this. */
  baselineProbability?: number;
  band: RiskBand;
  /** The thresholds `band` was assigned with (the model's, or the repository's override), for the report. */
  bands?: BandThresholds;
  modelVersion: string;
  features: FeatureValues;
  reasons: Reason[];
  /** Suggestions that would lower the risk ("split the PR", "add tests beside x.ts"). */
  suggestions: string[];
  /** Sorted by risk, highest first. */
  files: FileRisk[];
  /** Sorted by risk, highest first. */
  hunks: HunkRisk[];
  /** Things the reader should know: omitted patches, files past GitHub's limit, drift alerts… */
  notes: string[];
  /** ISO 8601. */
  scoredAt: string;
  /** Repository rules (never-gate paths, minimum size for "high") that changed this result, one sentence each. */
  ruleNotes?: string[];
}
