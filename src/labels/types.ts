/** Where a label came from. */
export type LabelSource = "szz" | "revert" | "outcome" | "feedback";

/**
 * What a label says about a commit (or the pull request that brought it in):
 * - `bug`: bug-inducing (a later fix changed its lines, it was reverted, or a user said so);
 * - `clean`: merged and not implicated after the maturity window (or a user said so);
 * - `unlabeled`: merged but younger than the maturity window, or implicated elsewhere (kept, for semi-supervised use);
 * - `unmerged`: the pull request was closed without merging (kept apart, never clean).
 */
export type LabelValue = "bug" | "clean" | "unlabeled" | "unmerged";

/** One label to record. Identity (what a re-run overwrites) is repository + commit + source + origin. */
export interface LabelInput {
  /** `owner/name` on GitHub, or the absolute path of a local repository without a GitHub remote. */
  repository: string;
  /** The labelled commit (for a pull request: its head or merge commit). */
  commitSha: string;
  /** The pull request that brought the commit in, when known. */
  prNumber?: number | null;
  label: LabelValue;
  source: LabelSource;
  /** 0..1: how much to trust this label (see docs/labels.md for how each source sets it). */
  confidence: number;
  /** The fix (szz) or revert commit that produced the label. */
  fixSha?: string | null;
  /**
   * What distinguishes two labels of the same source on the same commit: the fix sha for szz/revert,
   * `user:<login>` for feedback, empty for outcome. Defaults to fixSha ?? "".
   */
  origin?: string;
  /** Plain JSON with the evidence (lines blamed, rank, keyword matched, user's reason…). */
  details?: Record<string, unknown>;
  /** When the evidence happened (fix date, feedback time); ISO 8601. Defaults to now. */
  observedAt?: string;
}

/** A stored label row; superseded rows are kept as history. */
export interface LabelRecord extends Required<Omit<LabelInput, "details" | "prNumber" | "fixSha">> {
  id: number;
  prNumber: number | null;
  fixSha: string | null;
  details: Record<string, unknown>;
  /** When this row was written. */
  recordedAt: string;
  /** When a newer row replaced it (null while it is the active one). */
  supersededAt: string | null;
  /** The row that replaced it (null when withdrawn without replacement, e.g. no longer an SZZ candidate). */
  supersededBy: number | null;
  /** Why it was superseded. */
  supersedeReason: string | null;
}

/** What recording one label did: idempotent re-runs report `unchanged`. */
export type RecordOutcome = "inserted" | "unchanged" | "superseded";

/** A fix (or revert) that was processed: kept so live redeliveries and re-runs can skip work. */
export interface FixRunRecord {
  repository: string;
  fixSha: string;
  /** `szz` or `revert`. */
  kind: "szz" | "revert";
  candidates: number;
  ranAt: string;
  /** A hash of the options the run used: a change of options re-runs the fix. */
  optionsKey: string;
}
