import { completeCheckRun, createCheckRun, restartCheckRun } from "./check-runs.js";
import { describeGitHubError, githubStatus } from "./describe-github-error.js";
import { failureOutput } from "./problem-output.js";
import type { GitHubLog, GitHubOctokit } from "./types.js";

/** Where to report a failed scoring: the pull request, its head and the check run's name. */
export interface FailureTarget {
  octokit: GitHubOctokit;
  log: GitHubLog & { error(obj: object, msg?: string): void };
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** Check-run name (from the config). */
  name: string;
  /** `external_id` for a check run created only to carry the failure. */
  externalId: string;
}

/** One sentence for a log line and a check run: GitHub errors say what to do, others name themselves. */
export function describeScoringError(error: unknown): string {
  if (githubStatus(error) !== undefined) return describeGitHubError(error, "score the pull request");
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Reports a failure on the check run there is: "retrying" (still `in_progress`) when another attempt follows,
 * else completed `neutral` with the message. A failure to report is logged, never thrown over the original.
 */
export async function reportFailureOnCheckRun(
  target: FailureTarget,
  checkRunId: number,
  error: unknown,
  willRetry: boolean,
): Promise<void> {
  const message = describeScoringError(error);
  const { owner, repo, number } = target;
  target.log.warn({ repository: `${owner}/${repo}`, number, checkRunId, willRetry }, message);
  try {
    const output = failureOutput(message, willRetry);
    if (willRetry)
      await restartCheckRun(target.octokit, { owner, repo, checkRunId, name: target.name, output });
    else await completeCheckRun(target.octokit, { owner, repo, checkRunId, conclusion: "neutral", output });
  } catch (reportError) {
    target.log.error(
      { checkRunId },
      `could not report the failure on check run ${checkRunId}: ${describeScoringError(reportError)}`,
    );
  }
}

/**
 * A failure before any check run existed. With another attempt to come it is only logged; after the last one
 * (or for an error retrying cannot fix) a completed check run carries the message — except on a 404, where
 * there is nothing left to put it on.
 */
export async function reportFailureWithoutCheckRun(
  target: FailureTarget,
  error: unknown,
  willRetry: boolean,
): Promise<void> {
  const message = describeScoringError(error);
  const { owner, repo, number } = target;
  target.log.warn({ repository: `${owner}/${repo}`, number, willRetry }, message);
  if (willRetry || githubStatus(error) === 404) return;
  try {
    const checkRunId = await createCheckRun(target.octokit, {
      owner,
      repo,
      name: target.name,
      headSha: target.headSha,
      externalId: target.externalId,
    });
    const output = failureOutput(message, false);
    await completeCheckRun(target.octokit, { owner, repo, checkRunId, conclusion: "neutral", output });
  } catch (reportError) {
    target.log.error(
      {},
      `could not report the failure on a check run either: ${describeScoringError(reportError)}`,
    );
  }
}
