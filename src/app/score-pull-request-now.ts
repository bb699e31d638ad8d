import { retryRateLimits } from "../github/retry-rate-limits.js";
import type { GitHubLog, GitHubOctokit } from "../github/types.js";
import { ScoringFailedError, scorePullRequest } from "../pipeline/score-pull-request.js";
import type { ScoreResult } from "../report/types.js";
import { learningForScore } from "./learning-for-score.js";
import type { AppDeps } from "./types.js";

/** A pull request to score right away (e.g. `/defect explain` on a PR that has no score yet). */
export interface ScoreNowRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  installationId: number | null;
  deliveryId: string;
}

/**
 * Runs the scoring pipeline inline, check run included, on the caller's Octokit: one attempt, the config read
 * by the pipeline. Resolves the result, or null when scoring failed (the failure is on the check run and logged).
 */
export async function scorePullRequestNow(
  deps: Pick<AppDeps, "store" | "model" | "rateLimit" | "history" | "learning" | "queue">,
  octokit: GitHubOctokit,
  request: ScoreNowRequest,
  log: GitHubLog & { error(obj: object, msg?: string): void },
): Promise<ScoreResult | null> {
  const client = retryRateLimits(octokit, log, deps.rateLimit);
  const repository = `${request.owner}/${request.repo}`;
  const learning = learningForScore(deps, repository, request.installationId);
  try {
    const outcome = await scorePullRequest(
      { ...request, installationId: request.installationId ?? 0, trigger: "issue_comment" },
      {
        octokit: client,
        store: deps.store,
        model: learning.model,
        afterScoring: learning.afterScoring,
        log,
        history: deps.history?.(repository, {
          installationId: request.installationId,
          octokit: client,
        }),
      },
      { attempt: 1, maxAttempts: 1 },
    );
    return outcome.status === "scored" ? outcome.result : null;
  } catch (error) {
    if (!(error instanceof ScoringFailedError)) throw error;
    return null;
  }
}
