import type { RawConfig } from "../config/parse-repo-config.js";
import type { ConfigReader } from "../config/read-repo-config.js";
import type { RepoConfig } from "../config/schema.js";
import { describeGitHubError } from "../github/describe-github-error.js";
import type { ScorePullRequestJob } from "../pipeline/score-pull-request.js";
import { SCORE_PULL_REQUEST } from "./job-names.js";
import type { AppDeps } from "./types.js";

/** What a webhook asks to score, as plain data. */
export interface ScoreRequest {
  deliveryId: string;
  /** e.g. `pull_request.opened`. */
  trigger: string;
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  checkRunId?: number;
  /** Guards that need the config (drafts, bots): the reason to skip, or null to score. */
  skip?: (config: RepoConfig) => string | null;
  readConfig: ConfigReader;
  /** Distinguishes several jobs from one delivery (a check suite with several PRs). */
  jobSuffix?: string;
}

/**
 * Shared tail of the scoring handlers: repository coverage, config (read here so that draft/bot guards can
 * use it; a failed read is left to the job, which retries), then one idempotent job per delivery.
 */
export async function enqueueScore(request: ScoreRequest, deps: AppDeps): Promise<void> {
  const repository = `${request.owner}/${request.repo}`;
  const log = deps.log.child({ deliveryId: request.deliveryId, repository, number: request.number });
  const coverage = await deps.store.installations.coverage(request.installationId, repository);
  if (coverage === "not-covered") {
    log.info(
      `installation ${request.installationId} no longer covers ${repository}: ignoring ${request.trigger}. ` +
        "Add the repository back in the app's installation settings to score its pull requests.",
    );
    return;
  }
  let config: RawConfig | undefined;
  try {
    const loaded = await deps.loadConfig(request.readConfig);
    config = loaded.raw;
    const reason = loaded.result.ok && request.skip ? request.skip(loaded.result.config) : null;
    if (reason) {
      log.debug(`not scoring ${repository}#${request.number}: ${reason}`);
      return;
    }
  } catch (error) {
    log.warn(
      `${describeGitHubError(error, "read .github/defect-predictor.yml")} The scoring job will read it again.`,
    );
  }
  const job: ScorePullRequestJob = {
    installationId: request.installationId,
    owner: request.owner,
    repo: request.repo,
    number: request.number,
    headSha: request.headSha,
    deliveryId: request.deliveryId,
    trigger: request.trigger,
    ...(request.checkRunId !== undefined ? { checkRunId: request.checkRunId } : {}),
    ...(config ? { config } : {}),
  };
  const jobId = `score:${request.deliveryId}${request.jobSuffix ?? ""}`;
  const { outcome } = await deps.queue.enqueue(SCORE_PULL_REQUEST, job, { jobId });
  if (outcome === "exists")
    log.info(`delivery ${request.deliveryId} was already handled (a redelivery): job ${jobId} exists`);
  else log.debug(`queued ${jobId} (${outcome}) for ${request.trigger}`);
}
