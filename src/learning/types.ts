import type { FeatureValues } from "../features/types.js";
import type { RiskModel } from "../model/types.js";
import type { Store } from "../store/types.js";

/** One change of a repository's history as the learning loop sees it: features, date, label if known. */
export interface TrainingRow {
  /** Commit sha (the change's head). */
  id: string;
  /** ISO 8601 author date; rows are ordered by it. */
  date: string;
  features: FeatureValues;
  /** 1 bug-inducing, 0 clean, null unlabeled (too young, or no verdict yet). */
  label: 0 | 1 | null;
  /** When the label became known (fix date / maturity); ISO 8601. */
  labelledAt?: string | null;
  prNumber?: number | null;
}

/** What the learning loop asks a trainer to do (adapter over src/model's training). */
export interface TrainRequest {
  /** Time-ordered training rows; unlabeled ones (label null) are for semi-supervised use if the trainer has it. */
  rows: TrainingRow[];
  /** Artifacts directory of the model to start from (the current or the default model). */
  warmStartDir: string | null;
  /** Where the artifacts go (model.json, weights, manifest.json). Created by the trainer. */
  outDir: string;
  /** Name prefix of the version; the trainer makes the full version (shown in every check run). */
  name: string;
  epochs: number;
  seed: number;
}

/** Minimal logger (pino-compatible subset). */
export interface LearningLogger {
  info(obj: Record<string, unknown> | string, msg?: string): void;
  warn(obj: Record<string, unknown> | string, msg?: string): void;
}

/**
 * Everything the learning pipelines need from the rest of the app, as plain functions, so the app, the CLI,
 * the benchmarks and the tests drive the same code. `create-learning-deps.ts` builds the real ones.
 */
export interface LearningDeps {
  store: Store;
  /** Root data directory; repository models go under `<dataDir>/models/<owner>/<repo>/<version>/`. */
  dataDir: string;
  log: LearningLogger;
  now(): Date;
  /** Makes (or refreshes) the local mirror and returns its git directory. */
  mirror(repository: string): Promise<string>;
  /** Mines history into the commits store (incremental: a rerun resumes), bounded by `since`. */
  mine(repository: string, gitDir: string, options: { since: string | null }): Promise<{ commits: number }>;
  /** Labels the mined history into the labels store (idempotent). */
  label(repository: string, gitDir: string): Promise<{ labels: number }>;
  /** Mined changes joined with their current labels, oldest first, from `since` on. */
  readRows(repository: string, options: { since: string | null }): Promise<TrainingRow[]>;
  /**
   * Days after which a change without a bug label counts as clean (the labeler's maturity window). Live
   * comparisons only use changes at least this old: younger ones could only have matured as bugs.
   */
  labelMaturityDays: number;
  /** Matured labels (1 bug-inducing, 0 clean) of scored changes, by head sha; unlabeled ones are absent. */
  labelsFor(
    repository: string,
    changes: { headSha: string; prNumber: number | null }[],
  ): Promise<Map<string, 0 | 1>>;
  /** Trains a model, writes its artifacts into `outDir` and returns the version in its manifest. */
  train(request: TrainRequest): Promise<{ version: string }>;
  loadModel(dir: string): Promise<RiskModel>;
  /** The shipped cross-project model and its artifacts directory. */
  defaultModel(): Promise<{ model: RiskModel; dir: string }>;
}
