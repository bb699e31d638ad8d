import { octokitConfigReader } from "../config/read-repo-config.js";
import { describeGitHubError } from "../github/describe-github-error.js";
import { DEFAULT_LEARNING_CONFIG } from "../learning/learning-config.js";
import type { LearningConfigFor } from "../learning/learning-jobs.js";
import type { AppDeps } from "./types.js";

/**
 * The `learning:` settings of a learning job's repository, read from its `.github/defect-predictor.yml` on the
 * default branch with the job's installation. No installation, an unreadable file or an invalid one: the
 * defaults, with a warning that says which and why (learning must not stop on a config typo).
 */
export function learningConfigFor(deps: Pick<AppDeps, "github" | "loadConfig" | "log">): LearningConfigFor {
  return async ({ repository, installationId }) => {
    const [owner, repo] = repository.split("/");
    if (installationId === undefined || !owner || !repo) return DEFAULT_LEARNING_CONFIG;
    try {
      const octokit = await deps.github(installationId);
      const { result } = await deps.loadConfig(octokitConfigReader(octokit, { owner, repo }));
      if (result.ok) return result.config.learning;
      deps.log.warn(
        `.github/defect-predictor.yml of ${repository} is invalid (${result.message}); ` +
          "its learning jobs use the default learning settings until it is fixed",
      );
    } catch (error) {
      deps.log.warn(
        `${describeGitHubError(error, `read .github/defect-predictor.yml of ${repository}`)} ` +
          "Its learning jobs use the default learning settings.",
      );
    }
    return DEFAULT_LEARNING_CONFIG;
  };
}
