import { createHash } from "node:crypto";
import type { Change } from "../change/types.js";
import { parseRepoConfig, type ConfigResult, type RawConfig } from "../config/parse-repo-config.js";
import { octokitConfigReader, readRepoConfig } from "../config/read-repo-config.js";
import { DEFAULT_CONFIG, type RepoConfig } from "../config/schema.js";
import type { FileContentProvider, HistoryProvider } from "../features/types.js";
import { completeCheckRun, createCheckRun, restartCheckRun } from "../github/check-runs.js";
import { isRetryableGitHubError } from "../github/describe-github-error.js";
import { invalidConfigOutput } from "../github/problem-output.js";
import { readPullRequest } from "../github/read-pull-request.js";
import {
  describeScoringError,
  reportFailureOnCheckRun,
  reportFailureWithoutCheckRun,
  type FailureTarget,
} from "../github/report-scoring-failure.js";
import type { GitHubLog, GitHubOctokit } from "../github/types.js";
import type { RiskModel } from "../model/types.js";
import { createKeyedLock } from "../queue/create-keyed-lock.js";
import { renderCheckRun } from "../report/render-check-run.js";
import type { ScoreResult } from "../report/types.js";
import type { ScoreKey } from "../store/scores.js";
import type { Store } from "../store/types.js";
import { afterScore } from "./after-score.js";
import { guardHistoryProvider } from "./guard-history-provider.js";
import { readLocalFacts, type LocalFacts } from "./read-local-facts.js";
import { scoreChange } from "./score-change.js";

/** The job's payload: plain JSON, stored in the durable job table, so it survives a restart. */
export interface ScorePullRequestJob {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  /** Head SHA the webhook was about (the PR may have moved on since). */
  headSha: string;
  deliveryId: string;
  /** What asked for the score, e.g. `pull_request.opened`, `check_run.rerequested`. */
  trigger: string;
  /** Set on a re-run: the check run to reuse. */
  checkRunId?: number;
  /**
   * `.github/defect-predictor.yml` as read from the default branch when the webhook arrived; absent when that
   * read failed, and the job reads it (step 1).
   */
  config?: RawConfig;
}

export interface ScorePullRequestDeps {
  /** Authenticated for the job's installation. */
  octokit: GitHubOctokit;
  store: Store;
  model: () => Promise<RiskModel>;
  log: GitHubLog & { error(obj: object, msg?: string): void };
  history?: HistoryProvider;
  contents?: FileContentProvider;
  /**
   * File contents (AST features, per-function detail) and "k of the last N changes to this file were later
   * fixed", read from a local mirror for this change; null or a failure: scored without them, with a note.
   */
  localFacts?: (change: Change) => Promise<LocalFacts | null>;
  /**
   * Between scoring and the check run (the learning loop: repository rules, shadow score, drift, notes).
   * Must not throw for learning problems: the visible score comes first.
   */
  afterScoring?: (result: ScoreResult, config: RepoConfig) => Promise<ScoreResult>;
}

/** Which attempt this is: the last one completes the check run whatever happens. */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
}

export type ScorePullRequestOutcome =
  | { status: "scored"; checkRunId: number; result: ScoreResult; requests: number }
  | { status: "invalid-config"; checkRunId: number }
  | { status: "not-found" };

/** Thrown after the failure has been reported on the check run; `retryable: false` tells the queue not to retry. */
export class ScoringFailedError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "ScoringFailedError";
  }
}

const withKeyLock = createKeyedLock();
const EXTERNAL_ID_PREFIX = "defect-predictor";

/**
 * Scores one pull request and shows the result as a check run:
 * 1. load the config (validated; an invalid one is reported on the check run);
 * 2. read the PR as a {@link Change};
 * 3. create the check run `in_progress` — or reuse the one this (repo, head, config, model) already has;
 * 4. score the change (history failures become a note), then the learning loop's step (rules, shadow, drift);
 * 5. complete the check run with the rendered report;
 * 6. store the score;
 * 7. the opt-in extras: review comments on the riskiest hunks, the high-risk label (src/pipeline/after-score.ts).
 * Any failure after step 3 completes the check run with a clear message (or, with attempts left, says it
 * will retry): it is never left `in_progress`.
 */
export async function scorePullRequest(
  job: ScorePullRequestJob,
  deps: ScorePullRequestDeps,
  attempt: JobAttempt,
): Promise<ScorePullRequestOutcome> {
  const { octokit, log } = deps;
  const repository = `${job.owner}/${job.repo}`;
  const lastAttempt = attempt.attempt >= attempt.maxAttempts;

  let raw: RawConfig;
  let change: Change | null;
  let model: RiskModel;
  try {
    raw = job.config ?? (await readRepoConfig(octokitConfigReader(octokit, job)));
  } catch (error) {
    return failBeforeCheckRun(job, deps, DEFAULT_CONFIG.checkRunName, error, lastAttempt);
  }
  const config = parseRepoConfig(raw);
  const name = checkRunName(config, raw);
  try {
    change = await readPullRequest(octokit, job, log);
    if (!change) return { status: "not-found" };
    model = await deps.model();
  } catch (error) {
    return failBeforeCheckRun(job, deps, name, error, lastAttempt);
  }
  if (change.headSha !== job.headSha) {
    log.info(
      { repository, number: job.number, from: job.headSha, to: change.headSha },
      "PR head moved on; scoring the new head",
    );
  }
  const key: ScoreKey = {
    repository,
    headSha: change.headSha,
    configHash: configHash(config, raw),
    modelVersion: model.version,
  };
  const reuse = job.checkRunId !== undefined && change.headSha === job.headSha ? job.checkRunId : undefined;

  const outcome = await withKeyLock(JSON.stringify(key), async (): Promise<ScorePullRequestOutcome> => {
    const checkRunId = await openCheckRun(octokit, deps.store, job, key, name, reuse);
    try {
      if (!config.ok) {
        log.info({ repository, problems: config.problems }, `invalid config: ${config.message}`);
        await completeCheckRun(octokit, {
          ...job,
          checkRunId,
          conclusion: "failure",
          output: invalidConfigOutput(config.problems),
        });
        return { status: "invalid-config", checkRunId };
      }
      const options = {
        ignore: config.config.ignore,
        ...(config.config.bands ? { bands: config.config.bands } : {}),
      };
      const history = deps.history ? guardHistoryProvider(deps.history) : null;
      const local = await readLocalFacts(deps.localFacts, change, deps.log);
      const scored = await scoreChange(change, {
        model,
        history: history?.provider,
        contents: local.facts?.contents ?? deps.contents,
        fileHistory: local.facts?.fileHistory,
        options,
      }).finally(() => local.facts?.close?.());
      const historyNote = history?.note();
      if (historyNote) scored.notes.push(historyNote);
      if (local.note) scored.notes.push(local.note);
      const result = deps.afterScoring ? await deps.afterScoring(scored, config.config) : scored;
      const rendered = renderCheckRun(result, {
        gate: config.config.gate.enabled ? config.config.gate.threshold : null,
      });
      const { conclusion, ...output } = rendered;
      const requests = await completeCheckRun(octokit, { ...job, checkRunId, conclusion, output });
      await deps.store.scores.save({
        ...key,
        number: job.number,
        baseSha: change.baseSha,
        probability: result.probability,
        band: result.band,
        checkRunId,
        deliveryId: job.deliveryId,
        result,
      });
      log.info(
        { repository, number: job.number, checkRunId, probability: result.probability },
        `scored ${repository}#${job.number}`,
      );
      return { status: "scored", checkRunId, result, requests };
    } catch (error) {
      const willRetry = isRetryableGitHubError(error) && !lastAttempt;
      await reportFailureOnCheckRun(
        failureTarget(job, deps, name, key.headSha),
        checkRunId,
        error,
        willRetry,
      );
      throw new ScoringFailedError(describeScoringError(error), willRetry);
    }
  });
  if (outcome.status === "scored" && config.ok) {
    // 7. the opt-in extras (review comments, high-risk label); GitHub's refusals are logged, never thrown.
    await afterScore(octokit, { ...job, headSha: key.headSha }, outcome.result, config.config, log);
  }
  return outcome;
}

/** Step 3: the check run for this key, reused when one exists, else created; either way `in_progress`. */
async function openCheckRun(
  octokit: GitHubOctokit,
  store: Store,
  job: ScorePullRequestJob,
  key: ScoreKey,
  name: string,
  reuse: number | undefined,
): Promise<number> {
  const existing = reuse ?? (await store.scores.findCheckRun(key));
  if (existing !== null) {
    await restartCheckRun(octokit, { ...job, checkRunId: existing, name });
    await store.scores.saveCheckRun(key, existing);
    return existing;
  }
  const externalId = `${EXTERNAL_ID_PREFIX}:${key.configHash}:${key.modelVersion}`.slice(0, 255);
  const checkRunId = await createCheckRun(octokit, { ...job, name, headSha: key.headSha, externalId });
  await store.scores.saveCheckRun(key, checkRunId);
  return checkRunId;
}

/** Steps 1–2 failed (no check run yet): report (after the last attempt) and throw for the queue. */
async function failBeforeCheckRun(
  job: ScorePullRequestJob,
  deps: ScorePullRequestDeps,
  name: string,
  error: unknown,
  lastAttempt: boolean,
): Promise<never> {
  const willRetry = isRetryableGitHubError(error) && !lastAttempt;
  await reportFailureWithoutCheckRun(failureTarget(job, deps, name, job.headSha), error, willRetry);
  throw new ScoringFailedError(describeScoringError(error), willRetry);
}

function failureTarget(
  job: ScorePullRequestJob,
  deps: ScorePullRequestDeps,
  name: string,
  headSha: string,
): FailureTarget {
  return { ...job, headSha, name, octokit: deps.octokit, log: deps.log, externalId: EXTERNAL_ID_PREFIX };
}

function checkRunName(config: ConfigResult, raw: RawConfig): string {
  if (config.ok) return config.config.checkRunName;
  const value =
    raw.kind === "file" ? (raw.value as { checkRunName?: unknown } | null)?.checkRunName : undefined;
  return typeof value === "string" && value.length > 0 && value.length <= 100
    ? value
    : DEFAULT_CONFIG.checkRunName;
}

function configHash(config: ConfigResult, raw: RawConfig): string {
  if (config.ok) return config.hash;
  return `invalid-${createHash("sha256").update(JSON.stringify(raw)).digest("hex").slice(0, 12)}`;
}
