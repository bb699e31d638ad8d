import type { RiskBand } from "../model/types.js";
import type { ScoreResult } from "../report/types.js";

/**
 * What makes two scorings the same: a redelivered webhook or a re-run with the same key updates the
 * check run there is instead of creating a second one.
 */
export interface ScoreKey {
  /** `owner/name`. */
  repository: string;
  headSha: string;
  /** Hash of the validated repository config (see `hashConfig`). */
  configHash: string;
  modelVersion: string;
}

/** A stored score: the key, the headline numbers and the full result (features included). */
export interface StoredScore extends ScoreKey {
  number: number | null;
  baseSha: string;
  probability: number;
  band: RiskBand;
  checkRunId: number | null;
  deliveryId: string | null;
  result: ScoreResult;
  /** ISO 8601. */
  scoredAt: string;
}

/** Persistence for PR scores and the check run each (repository, head, config, model) key owns. */
export interface ScoreStore {
  /** The check run created for this key, if any. */
  findCheckRun(key: ScoreKey): Promise<number | null>;
  /** Remembers the check run created for this key (the first one wins). */
  saveCheckRun(key: ScoreKey, checkRunId: number): Promise<void>;
  /** Saves (or replaces) the score for its key. */
  save(score: Omit<StoredScore, "scoredAt"> & { scoredAt?: string }): Promise<void>;
  /** The most recent score of a pull request, for `/defect explain` and the dashboard. */
  latestForPullRequest(repository: string, number: number): Promise<StoredScore | null>;
  /** Every score of a head commit (one per config/model), newest first. */
  forHead(repository: string, headSha: string): Promise<StoredScore[]>;
}
