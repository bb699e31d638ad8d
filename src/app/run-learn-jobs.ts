import { describeGitHubError, githubStatus } from "../github/describe-github-error.js";
import { retryRateLimits } from "../github/retry-rate-limits.js";
import { parseLabelOptions } from "../labels/label-options.js";
import { enqueueLearningJob, EVALUATE_SHADOW_JOB } from "../learning/learning-jobs.js";
import {
  learnFromClosedPullRequest,
  learnFromPush,
  matureOutcomes,
  type ClosedPullRequest,
  type LearnDeps,
  type PushToDefaultBranch,
} from "../pipeline/learn-from-merge.js";
import { LEARN_FROM_PULL_REQUEST, LEARN_FROM_PUSH, MATURE_OUTCOMES } from "./job-names.js";
import type { AppDeps } from "./types.js";

/** Payload of `learn-from-pull-request`: plain JSON, stored in the job table. */
export interface LearnPullRequestJob {
  installationId: number;
  pr: ClosedPullRequest;
}

/** Payload of `learn-from-push`. */
export interface LearnPushJob {
  installationId: number | null;
  push: PushToDefaultBranch;
}

/** Payload of `mature-outcomes`. */
export interface MatureOutcomesJob {
  repository: string;
}

/**
 * What the labeler needs for one job: the installation's REST and GraphQL clients (rate limits honoured) and the
 * repository's mirror, fetched now. A mirror that cannot be fetched is logged and left out: the labeler then
 * reads history through GitHub's API (GraphQL blame) instead.
 */
export async function learnDepsFor(
  deps: AppDeps,
  installationId: number | null,
  repository: string,
): Promise<LearnDeps> {
  const log = deps.log.child({ repository });
  const learnDeps: LearnDeps = {
    store: deps.store.labels,
    options: parseLabelOptions(),
    log: { debug: (msg) => log.debug(msg), info: (msg) => log.info(msg) },
    mirrorPath: null,
  };
  if (installationId !== null) {
    const octokit = retryRateLimits(await deps.github(installationId), deps.log, deps.rateLimit);
    learnDeps.github = {
      rest: { request: (route, params) => octokit.request(route, params) },
      graphql: { graphql: (query, variables) => octokit.graphql(query, variables) },
    };
  }
  if (deps.mirrors) {
    try {
      learnDeps.mirrorPath = await deps.mirrors.fetch(repository, installationId);
    } catch (error) {
      log.warn(`${(error as Error).message} Labelling ${repository} through the GitHub API instead.`);
    }
  }
  return learnDeps;
}

/** Registers the labels jobs on the queue. Each ends by maturing the repository's outcomes. */
export function registerLearnJobs(deps: AppDeps): void {
  deps.queue.process<LearnPullRequestJob>(LEARN_FROM_PULL_REQUEST, async (job) => {
    const { pr, installationId } = job.payload;
    const learnDeps = await withAuth(deps, installationId, pr.repository);
    const result = await learnFromClosedPullRequest(learnDeps, pr);
    deps.log.info(
      {
        jobId: job.id,
        repository: pr.repository,
        outcome: result.outcome,
        inducing: result.szz?.result?.candidates.length ?? 0,
        reverted: result.reverted.length,
      },
      `learned from ${pr.repository}#${pr.number} (${pr.merged ? "merged" : "closed without merge"}): ` +
        `outcome ${result.outcome}${result.fix?.isFix ? ", a bug fix" : ""}`,
    );
    await matureOutcomes(learnDeps, pr.repository);
    await queueShadowEvaluation(deps, pr.repository, installationId);
  });
  deps.queue.process<LearnPushJob>(LEARN_FROM_PUSH, async (job) => {
    const { push, installationId } = job.payload;
    const learnDeps = await withAuth(deps, installationId, push.repository);
    const results = await learnFromPush(learnDeps, push);
    deps.log.info(
      { jobId: job.id, repository: push.repository, commits: results.length },
      `learned from ${results.length} commit(s) pushed to ${push.repository} without a pull request`,
    );
    await matureOutcomes(learnDeps, push.repository);
    await queueShadowEvaluation(deps, push.repository, installationId);
  });
  deps.queue.process<MatureOutcomesJob>(MATURE_OUTCOMES, async (job) => {
    const summary = await matureOutcomes(
      { store: deps.store.labels, options: parseLabelOptions() },
      job.payload.repository,
    );
    deps.log.info({ jobId: job.id, ...summary }, `matured outcomes of ${job.payload.repository}`);
    await queueShadowEvaluation(deps, job.payload.repository, null);
  });
}

/**
 * New or matured labels are what the shadow A/B decides on: queue its evaluation (at most one an hour per
 * repository; it also queues a retrain when enough new labels arrived).
 */
async function queueShadowEvaluation(
  deps: AppDeps,
  repository: string,
  installationId: number | null,
): Promise<void> {
  if (!deps.learning) return;
  await enqueueLearningJob(
    deps.queue,
    EVALUATE_SHADOW_JOB,
    { repository, ...(installationId !== null ? { installationId } : {}), trigger: "new labels" },
    new Date(),
  );
}

/** The labels job could not authenticate as its installation; `retryable: false` (a 404) tells the queue to stop. */
export class LearnJobAuthError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "LearnJobAuthError";
  }
}

async function withAuth(deps: AppDeps, installationId: number | null, repository: string) {
  try {
    return await learnDepsFor(deps, installationId, repository);
  } catch (error) {
    // A 404 means the installation is gone: retrying cannot help.
    throw new LearnJobAuthError(
      describeGitHubError(error, `authenticate as installation ${installationId} for ${repository}`),
      githubStatus(error) !== 404,
    );
  }
}
