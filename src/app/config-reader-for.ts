import type { Context } from "probot";
import type { ConfigReader } from "../config/read-repo-config.js";
import { retryRateLimits } from "../github/retry-rate-limits.js";
import type { GitHubOctokit } from "../github/types.js";
import type { AppDeps } from "./types.js";

/**
 * `context.config` as a plain {@link ConfigReader} (default branch only, `_extends` and the organisation's
 * `.github` repository honoured), with rate-limit waits on the context's Octokit.
 */
export function configReaderFor(context: Pick<Context, "config" | "octokit">, deps: AppDeps): ConfigReader {
  return (fileName) => {
    retryRateLimits(context.octokit as GitHubOctokit, deps.log, deps.rateLimit);
    return context.config(fileName);
  };
}
