import { describeGitHubError, githubStatus } from "../github/describe-github-error.js";
import { retryRateLimits } from "../github/retry-rate-limits.js";
import {
  ScoringFailedError,
  scorePullRequest,
  type ScorePullRequestJob,
} from "../pipeline/score-pull-request.js";
import type { Job } from "../queue/types.js";
import { scoringDepsFor } from "./scoring-deps-for.js";
import type { AppDeps } from "./types.js";

/** The queue's handler for `score-pull-request`: authenticate as the installation, then run the pipeline. */
export async function runScoreJob(job: Job<ScorePullRequestJob>, deps: AppDeps): Promise<void> {
  const { payload } = job;
  const repository = `${payload.owner}/${payload.repo}`;
  let octokit;
  try {
    octokit = retryRateLimits(await deps.github(payload.installationId), deps.log, deps.rateLimit);
  } catch (error) {
    const message = describeGitHubError(
      error,
      `authenticate as installation ${payload.installationId} for ${repository}`,
    );
    deps.log.warn({ jobId: job.id }, message);
    // A 404 here means the installation is gone: retrying cannot help.
    throw new ScoringFailedError(message, githubStatus(error) !== 404);
  }
  await scorePullRequest(
    payload,
    {
      ...scoringDepsFor(deps, repository, payload.installationId, octokit),
      log: deps.log.child({ jobId: job.id }),
    },
    job,
  );
}
