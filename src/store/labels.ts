import type { FixRunRecord, LabelInput, LabelRecord, LabelSource, RecordOutcome } from "../labels/types.js";

/** Which labels to list. Superseded rows are left out unless `includeSuperseded`. */
export interface LabelQuery {
  repository?: string;
  commitSha?: string;
  prNumber?: number;
  source?: LabelSource;
  fixSha?: string;
  includeSuperseded?: boolean;
}

/** Counts of what a batch of writes did. */
export interface RecordSummary {
  inserted: number;
  unchanged: number;
  superseded: number;
  withdrawn: number;
}

/**
 * Persistence for labels. Writes are idempotent: recording the same label again changes nothing;
 * recording a different value for the same identity (repository, commit, source, origin) supersedes the
 * old row, which is kept with `supersededAt`/`supersededBy` — a label is never deleted.
 */
export interface LabelStore {
  /** Records one label (insert, no-op, or supersede). */
  recordLabel(input: LabelInput): Promise<{ outcome: RecordOutcome; id: number }>;
  /**
   * Records the complete result of one producer (an SZZ fix, a revert) in one transaction: every active
   * row of `source` + `origin` whose commit is not in `labels` is withdrawn (superseded, reason given).
   */
  replaceLabelsFrom(
    scope: { repository: string; source: LabelSource; origin: string },
    labels: LabelInput[],
    reason: string,
  ): Promise<RecordSummary>;
  /** Records many independent labels in one transaction. */
  recordLabels(inputs: LabelInput[]): Promise<RecordSummary>;
  listLabels(query?: LabelQuery): Promise<LabelRecord[]>;
  /** Commits with an active `bug` label (any source) in a repository. */
  listImplicatedCommits(repository: string): Promise<Set<string>>;
  recordFixRun(run: FixRunRecord): Promise<void>;
  getFixRun(repository: string, fixSha: string, kind: FixRunRecord["kind"]): Promise<FixRunRecord | null>;
}
