import type { FeatureValues } from "../features/types.js";

/** One mined commit: who, when, and its feature values as known at that moment. */
export interface MinedCommit {
  /** Absolute path (local) or `owner/name`: the key a mining run uses for its repository. */
  repository: string;
  sha: string;
  /** ISO 8601 author date. */
  date: string;
  /** `Name <email>`. */
  author: string;
  parents: string[];
  /** Every non-token feature (null where unknown). */
  features: FeatureValues;
  /** Diff tokens as (bucket, count) uint16 pairs; null when mined without `--tokens`. */
  tokens: Buffer | null;
}

/** Why a commit has no feature record. */
export type SkipReason = "merge" | "missing-object" | "empty";

export interface SkippedCommit {
  repository: string;
  sha: string;
  reason: SkipReason;
  /** git's words or other detail for a person to act on. */
  detail: string;
}

/** Where a repository's mining stands, for incremental resume. */
export interface MiningState {
  repository: string;
  /** The tip the last complete run walked to; the next run walks `lastSha..HEAD`. */
  lastSha: string;
  /** Serialized history state (see HistoryState.serialize). */
  state: Buffer;
  /** Which optional groups the records carry, e.g. `["ast","tokens"]`. */
  options: string[];
  updatedAt: string;
}

/** Persistence for mined commits, skipped commits and mining state. */
export interface CommitStore {
  /** Inserts or replaces commit records (a re-mined commit overwrites its old record). */
  saveCommits(records: readonly MinedCommit[]): Promise<void>;
  saveSkipped(records: readonly SkippedCommit[]): Promise<void>;
  getCommit(repository: string, sha: string): Promise<MinedCommit | null>;
  /** Records in mining order, `limit` at a time after the cursor `after` (0 to start); for streaming exports. */
  listCommits(options: { repository?: string; after: number; limit: number }): Promise<{
    records: MinedCommit[];
    next: number | null;
  }>;
  countCommits(repository?: string): Promise<number>;
  listSkipped(repository: string): Promise<SkippedCommit[]>;
  getMiningState(repository: string): Promise<MiningState | null>;
  saveMiningState(state: MiningState): Promise<void>;
  /** Repositories with mined commits or a mining state. */
  listRepositories(): Promise<string[]>;
}
