import type { FeatureValues } from "../features/types.js";
import type { BandThresholds } from "../model/types.js";

/** How {@link scoreChange} scores a change. Every field is optional: `{}` gives the defaults. */
export interface ScoringOptions {
  /**
   * Globs (picomatch syntax, matched against the path and, for renames, the previous path) of files to leave
   * out of scoring entirely, e.g. `["docs/", "*.snap", "vendor/**"]`. A pattern without a slash matches the
   * file name at any depth; one ending in `/` matches the whole directory. Ignored files are counted in a note.
   */
  ignore?: readonly string[];
  /** Band thresholds that replace the model's own (from the repository's config). */
  bands?: BandThresholds;
  /**
   * How many files (the most-changed first) get full per-file features, history and file contents included.
   * The rest get diff-only per-file features, so a 3,000-file PR still scores in seconds. Default 200.
   */
  maxFilesScored?: number;
  /** How many ranked hunks the result keeps. Default 50 (one check-run annotation request). */
  maxHunks?: number;
  /** How many per-file feature extractions run at once (they may spawn git). Default 8. */
  concurrency?: number;
  /**
   * `false` skips step 3, the explanation: no reasons or suggestions, hunks ranked by file risk. For bulk
   * scoring nobody reads (backfills, shadow evaluation), where the explanation is most of the cost. Default true.
   */
  explain?: boolean;
  /** Typical clean change: the baseline the explanation compares with, when the caller knows one. */
  baseline?: FeatureValues;
  /** Earlier changes' vectors, for "larger than 92 % of changes here" reasons, when known. */
  history?: FeatureValues[];
  /** Clock for `scoredAt` (tests pin it). */
  now?: () => Date;
}

/** Defaults of {@link ScoringOptions}. */
export const DEFAULT_SCORING = { maxFilesScored: 200, maxHunks: 50, concurrency: 8 } as const;
