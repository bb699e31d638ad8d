import type { BandThresholds } from "../model/types.js";

/**
 * Lifecycle of a repository model version:
 * `candidate` (trained, not yet scoring) → `shadow` (scores every PR unseen) → `active` (shown) → `retired`;
 * `rejected` when the promotion policy turned it down. The shipped default model is never stored here.
 */
export type ModelStatus = "candidate" | "shadow" | "active" | "retired" | "rejected";

/** One trained model version of one repository; artifacts live in `artifactDir`. */
export interface ModelVersionRecord {
  repository: string;
  version: string;
  status: ModelStatus;
  artifactDir: string;
  /** The version it was warm-started from (`default-…` for the first one). */
  parentVersion: string | null;
  /** Band thresholds re-derived for this repository after promotion (overrides the manifest's). */
  bands: BandThresholds | null;
  /** Metrics on the time-ordered holdout at training time (AUC, Brier, counts…). */
  metrics: Record<string, number>;
  /** How it was trained: label counts, window, epochs, trigger. */
  training: Record<string, unknown>;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; when it became shadow / active (null before). */
  shadowSince: string | null;
  activeSince: string | null;
}

/** What a promotion, rejection or rollback decided, and the numbers it decided on. */
export interface PromotionDecisionRecord {
  id?: number;
  repository: string;
  /** The candidate (or rollback target). */
  version: string;
  /** The version active when the decision was taken (null: the default model). */
  previousVersion: string | null;
  /** `supersede`: a shadow replaced by a newer candidate before it got a verdict. */
  action: "promote" | "reject" | "wait" | "rollback" | "manual-promote" | "supersede";
  /** One sentence a maintainer can read. */
  reason: string;
  evidence: Record<string, unknown>;
  decidedAt: string;
}

/** Which model scored: the shown one, the hidden candidate, or the default model kept as a control. */
export type PredictionRole = "active" | "shadow" | "control";

/**
 * One model's score of one change: the active model's (shown), the shadow's (hidden) and, while a repository
 * model is active, the default model's (`control`, hidden) side by side.
 */
export interface ModelPredictionRecord {
  repository: string;
  /** Head commit of the PR (or the commit, for replays of local history). */
  headSha: string;
  prNumber: number | null;
  modelVersion: string;
  role: PredictionRole;
  probability: number;
  features: Record<string, number | null>;
  scoredAt: string;
}

/** A feature (or the score, `feature = "score"`) whose recent distribution moved away from training. */
export interface DriftAlertRecord {
  id?: number;
  repository: string;
  modelVersion: string;
  feature: string;
  metric: "psi" | "kl";
  value: number;
  threshold: number;
  sampleSize: number;
  raisedAt: string;
  resolvedAt: string | null;
}

/** One checkpointed step of a bootstrap or training run, so a restart resumes instead of starting over. */
export interface LearningStepRecord {
  repository: string;
  /** `bootstrap` or `retrain:<n>`: one run per key; a finished run is not repeated. */
  runKey: string;
  step: string;
  status: "running" | "done" | "failed";
  /** What the step produced (counts, versions, paths) — read back on resume. */
  detail: Record<string, unknown>;
  updatedAt: string;
}

/** Persistence for the models domain: versions, pointers, decisions, shadow scores, drift, run progress. */
export interface ModelStore {
  saveVersion(record: ModelVersionRecord): Promise<void>;
  getVersion(repository: string, version: string): Promise<ModelVersionRecord | null>;
  /** Newest first. */
  listVersions(repository: string): Promise<ModelVersionRecord[]>;
  /** The version with status `active` / `shadow`, if any (at most one each). */
  getByStatus(repository: string, status: "active" | "shadow"): Promise<ModelVersionRecord | null>;
  /** Sets a status in one transaction; making one `active`/`shadow` retires the previous holder of that role. */
  setStatus(repository: string, version: string, status: ModelStatus, at: string): Promise<void>;
  updateBands(repository: string, version: string, bands: BandThresholds): Promise<void>;

  recordDecision(decision: PromotionDecisionRecord): Promise<number>;
  /** Newest first. */
  listDecisions(repository: string, limit?: number): Promise<PromotionDecisionRecord[]>;

  /** Idempotent per (repository, headSha, modelVersion). */
  recordPrediction(prediction: ModelPredictionRecord): Promise<void>;
  /** Predictions of one version scored at or after `since` (ISO 8601), oldest first. */
  listPredictions(repository: string, modelVersion: string, since?: string): Promise<ModelPredictionRecord[]>;

  /** The latest `limit` predictions of a role (any version), oldest first. */
  listRecentPredictions(
    repository: string,
    role: PredictionRole,
    limit: number,
  ): Promise<ModelPredictionRecord[]>;

  recordDriftAlert(alert: DriftAlertRecord): Promise<number>;
  /** Every alert, resolved or not, oldest first. */
  listDriftAlerts(repository: string): Promise<DriftAlertRecord[]>;
  /** Alerts not yet resolved, newest first. */
  openDriftAlerts(repository: string): Promise<DriftAlertRecord[]>;
  resolveDriftAlerts(repository: string, at: string): Promise<number>;

  saveStep(step: LearningStepRecord): Promise<void>;
  listSteps(repository: string, runKey: string): Promise<LearningStepRecord[]>;
  /** Run keys of a repository with their latest update, newest first. */
  listRuns(
    repository: string,
  ): Promise<{ runKey: string; updatedAt: string; done: number; failed: number }[]>;
}
