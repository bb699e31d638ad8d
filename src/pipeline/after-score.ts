import type { RepoConfig } from "../config/schema.js";
import { describeGitHubError, githubStatus } from "../github/describe-github-error.js";
import { postReviewComments, type ReviewCommentsOutcome } from "../github/post-review-comments.js";
import { syncRiskLabel, type LabelAction } from "../github/sync-risk-label.js";
import type { GitHubLog, GitHubOctokit, PullRequestRef } from "../github/types.js";
import type { ScoreResult } from "../report/types.js";

/** What {@link afterScore} did; `problems` holds one sentence per step GitHub refused. */
export interface AfterScoreOutcome {
  comments: ReviewCommentsOutcome | "disabled" | "failed";
  label: LabelAction | "disabled" | "failed";
  problems: string[];
}

/**
 * What follows a completed check run, called by the scoring job:
 * 1. review comments on the riskiest hunks (when `comments.enabled`);
 * 2. the high-risk label added or removed (when `labels.highRisk` is set).
 * Both are idempotent, so a retried job repeats nothing. Any answer from GitHub that is an error (a missing
 * permission, a line it no longer accepts, a rate limit) is logged and reported in `problems`, never thrown: the
 * check run is complete by now and must not be marked failed for an optional extra.
 */
export async function afterScore(
  octokit: GitHubOctokit,
  ref: PullRequestRef & { headSha: string },
  result: ScoreResult,
  config: Pick<RepoConfig, "comments" | "labels">,
  log: GitHubLog,
): Promise<AfterScoreOutcome> {
  const outcome: AfterScoreOutcome = { comments: "disabled", label: "disabled", problems: [] };
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run();
    } catch (error) {
      // Only GitHub's answers are caught: the score and its check run stand whatever GitHub says here, and the
      // next score repeats these idempotent steps. Anything else is a bug and propagates.
      if (githubStatus(error) === undefined) throw error;
      const problem = describeGitHubError(error, what);
      log.warn({ ...ref, error: (error as Error).message }, problem);
      outcome.problems.push(problem);
      return null;
    }
  };
  if (result.headSha !== ref.headSha) {
    log.info(
      { ...ref, scored: result.headSha },
      "after-score skipped: the pull request moved on since this score",
    );
    return outcome;
  }
  if (config.comments.enabled) {
    const settings = { minRisk: config.comments.minRisk, max: config.comments.max };
    const done = await step("post review comments", () =>
      postReviewComments(octokit, ref, result.hunks, settings),
    );
    outcome.comments = done ?? "failed";
  }
  const label = config.labels.highRisk;
  if (label) {
    const done = await step(`sync the "${label}" label`, () =>
      syncRiskLabel(octokit, ref, result.band, label),
    );
    outcome.label = done ?? "failed";
  }
  return outcome;
}
