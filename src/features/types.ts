import type { Change, ChangedFile } from "../change/types.js";

/**
 * One feature vector: feature name → value. `null` means "not known for this change"
 * (e.g. history features when no history source is available); models mask it.
 */
export type FeatureValues = Record<string, number | null>;

/** Feature groups let one model serve repositories where a whole group is missing. */
export type FeatureGroup = "diff" | "kamei" | "ast" | "tokens";

/** Describes one feature an extractor produces. */
export interface FeatureSpec {
  /** Stable name used in stores, manifests and CSV exports (lower-case, e.g. `la`). */
  name: string;
  group: FeatureGroup;
  /** One sentence for docs and explanations. */
  description: string;
  /** Unit, e.g. "lines", "files", "days", "bits". */
  unit: string;
  /** `log1p` for heavy-tailed counts; models apply it before standardisation. */
  transform: "log1p" | "none";
}

/** Read-only view of the repository history before the change (provided by the miner / a mirror / the API). */
export interface HistoryProvider {
  /** Kamei history + experience features for the change, computed with only history before it. */
  historyFeatures(change: Change): Promise<FeatureValues>;
}

/** File contents before/after the change, for AST features. `null` when the file does not exist on that side. */
export interface FileContentProvider {
  before(file: ChangedFile): Promise<string | null>;
  after(file: ChangedFile): Promise<string | null>;
}

/** Everything an extractor may look at. Plain data and small interfaces; never a Probot context. */
export interface FeatureContext {
  change: Change;
  history?: HistoryProvider;
  contents?: FileContentProvider;
}

/** A named extractor. Registered once in a {@link FeatureRegistry}; duplicate names are refused. */
export interface FeatureExtractor {
  name: string;
  features: readonly FeatureSpec[];
  /** Whole-change values. Must return every name in `features` (use `null` when unknown). */
  extract(ctx: FeatureContext): FeatureValues | Promise<FeatureValues>;
}
