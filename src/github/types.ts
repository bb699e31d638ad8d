import type { ProbotOctokit } from "probot";

/** The Octokit the app gets from Probot (REST methods, pagination, config plugin), authenticated for an installation. */
export type GitHubOctokit = InstanceType<typeof ProbotOctokit>;

/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A pull request on GitHub. */
export interface PullRequestRef extends RepoRef {
  number: number;
}

/** The little of a logger the GitHub adapters use (pino's, in the app). */
export interface GitHubLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}
