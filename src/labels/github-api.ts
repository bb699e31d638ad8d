/**
 * The two calls the labeler makes to GitHub. Octokit's `octokit.request` and `octokit.graphql` fit these
 * shapes, so the app passes them in and nothing under labels/ imports Octokit or Probot.
 */
export interface GitHubRest {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown }>;
}

export interface GitHubGraphql {
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** `owner/name` → {@link RepoRef}; null for anything else (a local path). */
export function parseRepoRef(fullName: string): RepoRef | null {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(fullName);
  return m ? { owner: m[1], repo: m[2] } : null;
}

/** An HTTP error from the GitHub client carries a status; used to turn a 404 into "not there". */
export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { status?: number }).status === 404;
}
