import type { Logger } from "probot";
import type { ConfigResult, RawConfig } from "../config/parse-repo-config.js";
import type { ConfigReader } from "../config/read-repo-config.js";
import type { HistoryProvider } from "../features/types.js";
import type { RateLimitRetryOptions } from "../github/retry-rate-limits.js";
import type { GitHubOctokit } from "../github/types.js";
import type { LearningDeps } from "../learning/types.js";
import type { RiskModel } from "../model/types.js";
import type { JobQueue } from "../queue/types.js";
import type { ScoreResult } from "../report/types.js";
import type { Store } from "../store/types.js";
import type { MirrorManager } from "./create-mirror-manager.js";
import type { ScoreNowRequest } from "../pipeline/explain-pull-request.js";

/** A push, as plain data (no Probot context), for whoever hooks into pushes (see {@link AppDeps.onPush}). */
export interface PushSummary {
  installationId: number | null;
  /** `owner/name`. */
  repository: string;
  ref: string;
  before: string;
  after: string;
  defaultBranch: string;
  commitShas: string[];
  deliveryId: string;
}

/** Who asks for a repository's history: the job's installation and its Octokit (for the API provider). */
export interface HistoryAccess {
  installationId: number | null;
  octokit?: GitHubOctokit;
  /** The job's mirror, fetched once and shared with the job's other mirror readers; unset: fetch it here. */
  mirrorPath?: () => Promise<string>;
}

/**
 * Everything the app's handlers need, built once at start (`createAppDeps`) or by a test. Handlers and jobs
 * get these, never globals, so a test can hand in a real SQLite store, a real queue and a fixed model.
 */
export interface AppDeps {
  store: Store;
  queue: JobQueue;
  /** The scoring model, loaded once and shared (the same promise every call). */
  model: () => Promise<RiskModel>;
  /** The app's logger (redacts tokens, keys and payloads outside tests). */
  log: Logger;
  /** An Octokit authenticated for an installation (Probot's `app.auth`), for jobs run after the webhook returned. */
  github: (installationId: number) => Promise<GitHubOctokit>;
  /** Reads and validates `.github/defect-predictor.yml` through a `context.config`-like reader (default branch). */
  loadConfig: (read: ConfigReader) => Promise<{ raw: RawConfig; result: ConfigResult }>;
  /** Scores a pull request right away on the caller's Octokit (the `/defect explain` path); null: not now. */
  scorePullRequest(
    octokit: GitHubOctokit,
    request: ScoreNowRequest,
    log: Logger,
  ): Promise<ScoreResult | null>;
  /** Secondary-rate-limit waits (tests pass a `sleep` that does not wait). */
  rateLimit?: RateLimitRetryOptions;
  /**
   * History features for a repository (src/app/create-history-source.ts): a mirror clone fetched before the
   * job's first lookup, or the GitHub API within a call budget through `access.octokit`; undefined: none.
   */
  history?: (repository: string, access?: HistoryAccess) => HistoryProvider | undefined;
  /**
   * The learning loop's dependencies for a repository's jobs (src/learning/create-learning-deps.ts): bootstrap,
   * retrain, shadow scoring, drift. Unset: no learning, every repository is scored by the default model.
   */
  learning?: (access: { repository: string; installationId: number | null }) => LearningDeps;
  /** Local mirrors of the repositories (null or unset: mirroring is off); the labels jobs read history from them. */
  mirrors?: MirrorManager | null;
  /**
   * Hook point for push events: the labels work (SZZ, reverts, merge outcomes) plugs in here. Unset: pushes are
   * only recorded as deliveries.
   */
  onPush?: (push: PushSummary) => Promise<void>;
}
