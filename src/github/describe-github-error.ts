/** HTTP status of an Octokit error, or undefined for anything else (network errors, bugs). */
export function githubStatus(error: unknown): number | undefined {
  // Duck-typed: Octokit's RequestError (name "HttpError") carries a numeric status.
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** True for failures worth another attempt later: GitHub's 5xx, rate limits, network errors. */
export function isRetryableGitHubError(error: unknown): boolean {
  const status = githubStatus(error);
  if (status === undefined)
    return error instanceof TypeError || (error as { code?: string })?.code === "ECONNRESET";
  return status >= 500 || status === 429 || (status === 403 && isRateLimited(error));
}

/** A 403/429 that GitHub sent because of a rate limit (primary or secondary), not a missing permission. */
export function isRateLimited(error: unknown): boolean {
  const status = githubStatus(error);
  if (status !== 403 && status !== 429) return false;
  const headers =
    (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const message = (error as Error).message ?? "";
  return (
    headers["retry-after"] !== undefined ||
    headers["x-ratelimit-remaining"] === "0" ||
    /secondary rate limit|rate limit exceeded|abuse detection/i.test(message) ||
    status === 429
  );
}

/** One sentence saying what went wrong with a GitHub call and what to do about it. */
export function describeGitHubError(error: unknown, what: string): string {
  const status = githubStatus(error);
  const detail = (error as Error)?.message?.split("\n")[0] ?? String(error);
  if (status === 404) {
    return (
      `GitHub answered 404 when the app tried to ${what}: the repository or pull request is gone, or the ` +
      `installation no longer covers this repository (re-add it under the app's installation settings).`
    );
  }
  if (status === 401)
    return `GitHub refused the app's credentials (401) when it tried to ${what}: check APP_ID and the private key.`;
  if (status !== undefined && isRateLimited(error)) {
    return `GitHub rate-limited the app (${status}) when it tried to ${what}, even after waiting: it will be retried later. (${detail})`;
  }
  if (status === 403) {
    return (
      `GitHub answered 403 when the app tried to ${what}: the app lacks a permission (accept the permissions ` +
      `requested in app.yml in the installation settings). (${detail})`
    );
  }
  if (status === 422) return `GitHub rejected the request to ${what} (422): ${detail}`;
  if (status !== undefined && status >= 500)
    return `GitHub had a server error (${status}) when the app tried to ${what}; it will be retried.`;
  return `The app could not ${what}: ${detail}`;
}
