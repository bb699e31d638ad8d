import type { Probot } from "probot";
import { loadRepoConfig } from "../config/load-repo-config.js";
import type { GitHubOctokit } from "../github/types.js";
import { loadDefaultModel } from "../model/load-model.js";
import { createJobQueue } from "../queue/create-job-queue.js";
import { createStore } from "../store/index.js";
import { scorePullRequestNow } from "./score-pull-request-now.js";
import type { AppDeps } from "./types.js";

/** Builds the app's dependencies from the environment: store (DATABASE_URL), queue (REDIS_URL), default model. */
export async function createAppDeps(app: Probot, env: NodeJS.ProcessEnv = process.env): Promise<AppDeps> {
  const log = app.log.child({ name: "defect-predictor" });
  const store = await createStore({ env });
  const queue = await createJobQueue({ store, log, env });
  // Load the model now, so a broken models/ shows in the first log lines rather than on the first PR.
  loadDefaultModel().then(
    (model) => log.info(`model ${model.version} loaded`),
    (error: Error) => log.error(`the default model could not be loaded: ${error.message}`),
  );
  const deps: AppDeps = {
    store,
    queue,
    log,
    model: loadDefaultModel,
    github: async (installationId) => (await app.auth(installationId)) as unknown as GitHubOctokit,
    loadConfig: loadRepoConfig,
    scorePullRequest: (octokit, request, requestLog) =>
      scorePullRequestNow(deps, octokit, request, requestLog),
  };
  return deps;
}
