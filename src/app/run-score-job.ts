import { describeGitHubError, githubStatus } from "../github/describe-github-error.js";
import { retryRateLimits } from "../github/retry-rate-limits.js";
import {
  ScoringFailedError,
  scorePullRequest,
  type ScorePullRequestJob,
} from "../pipeline/score-pull-request.js";
import type { Job } from "../queue/types.js";
import { createGitContentProvider } from "../git/create-git-content-provider.js";
import type { LocalFacts } from "../pipeline/read-local-facts.js";
import { createLocalFileHistory } from "../pipeline/read-local-file-history.js";
import type { Change } from "../change/types.js";
import { learningForScore } from "./learning-for-score.js";
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
  const learning = learningForScore(deps, repository, payload.installationId);
  await scorePullRequest(
    payload,
    {
      octokit,
      store: deps.store,
      model: learning.model,
      afterScoring: learning.afterScoring,
      log: deps.log.child({ jobId: job.id }),
      history: deps.history?.(repository, { installationId: payload.installationId, octokit }),
      localFacts: deps.mirrors
        ? (change) => readMirrorFacts(deps, change, payload.installationId)
        : undefined,
    },
    job,
  );
}

/**
 * File contents and past outcomes from the repository's mirror (a `--mirror` clone holds the pull request
 * heads too). The mirror is fetched at most once per job by the mirror manager.
 */
async function readMirrorFacts(deps: AppDeps, change: Change, installationId: number): Promise<LocalFacts> {
  const repoPath = await deps.mirrors!.fetch(change.repository, installationId);
  const contents = createGitContentProvider(repoPath);
  return {
    contents: contents.forChange(change.baseSha, change.headSha),
    fileHistory: createLocalFileHistory({
      repoPath,
      repository: change.repository,
      labels: deps.store.labels,
      until: change.baseSha,
    }),
    close: () => contents.close(),
  };
}
