import { retryRateLimits } from "../github/retry-rate-limits.js";
import type { GitHubLog, GitHubOctokit } from "../github/types.js";
import type { ScoreNowRequest } from "../pipeline/explain-pull-request.js";
import { ScoringFailedError, scorePullRequest } from "../pipeline/score-pull-request.js";
import type { ScoreResult } from "../report/types.js";
import { scoringDepsFor } from "./scoring-deps-for.js";
import type { AppDeps } from "./types.js";

/**
 * Runs the scoring pipeline inline, check run included, on the caller's Octokit: one attempt, the config read
 * by the pipeline. Resolves the result, or null when scoring failed (the failure is on the check run and logged).
 */
export async function scorePullRequestNow(
  deps: Pick<AppDeps, "store" | "model" | "rateLimit" | "history" | "learning" | "queue" | "mirrors">,
  octokit: GitHubOctokit,
  request: ScoreNowRequest,
  log: GitHubLog & { error(obj: object, msg?: string): void },
): Promise<ScoreResult | null> {
  const client = retryRateLimits(octokit, log, deps.rateLimit);
  const repository = `${request.owner}/${request.repo}`;
  try {
    const outcome = await scorePullRequest(
      { ...request, installationId: request.installationId ?? 0, trigger: "issue_comment" },
      { ...scoringDepsFor(deps, repository, request.installationId, client), log },
      { attempt: 1, maxAttempts: 1 },
    );
    return outcome.status === "scored" ? outcome.result : null;
  } catch (error) {
    if (!(error instanceof ScoringFailedError)) throw error;
    return null;
  }
}
