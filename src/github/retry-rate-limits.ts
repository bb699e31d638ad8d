import { githubStatus, isRateLimited } from "./describe-github-error.js";
import type { GitHubLog, GitHubOctokit } from "./types.js";

/** How long and how often to wait out a rate limit. */
export interface RateLimitRetryOptions {
  /** Retries per request (default 3). */
  maxRetries?: number;
  /** Longest single wait (default 60 s); a longer `retry-after` fails the request instead of stalling the queue. */
  maxWaitMs?: number;
  /** Waits `ms` (tests pass one that records the wait and resolves at once). */
  sleep?: (ms: number) => Promise<void>;
}

const wrapped = new WeakSet<object>();

/**
 * Waits out GitHub's secondary rate limits (403/429 with `retry-after`, or `x-ratelimit-remaining: 0`) and
 * retries, bounded. Probot's Octokit retries 5xx and primary limits when its throttling plugin is on, but a
 * secondary limit on an app that turned throttling off, or one past the plugin's retries, would otherwise
 * fail the job at once. Idempotent per Octokit instance.
 */
export function retryRateLimits(
  octokit: GitHubOctokit,
  log: GitHubLog,
  options: RateLimitRetryOptions = {},
): GitHubOctokit {
  if (wrapped.has(octokit)) return octokit;
  wrapped.add(octokit);
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        if (!isRateLimited(error) || attempt >= maxRetries) throw error;
        const waitMs = waitFor(error, attempt);
        const route = `${requestOptions.method} ${requestOptions.url}`;
        if (waitMs > maxWaitMs) {
          log.warn(
            { route, waitMs },
            `GitHub rate limit on ${route} asks to wait ${Math.round(waitMs / 1000)} s: giving up for now`,
          );
          throw error;
        }
        log.warn(
          { route, status: githubStatus(error), waitMs, attempt: attempt + 1 },
          `GitHub rate limit on ${route}: waiting ${Math.round(waitMs / 1000)} s before retry ${attempt + 1} of ${maxRetries}`,
        );
        await sleep(waitMs);
      }
    }
  });
  return octokit;
}

/** `retry-after` seconds, else until `x-ratelimit-reset`, else 60 s × 2^attempt (GitHub's advice for secondary limits). */
function waitFor(error: unknown, attempt: number): number {
  const headers =
    (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter))
    return Math.max(0, retryAfter * 1000);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - Date.now()) + 1000;
  return 60_000 * 2 ** attempt;
}
