import type { Probot } from "probot";
import { loadRepoConfig } from "../config/load-repo-config.js";
import type { GitHubOctokit } from "../github/types.js";
import { createLearningDeps, MirrorUnavailableError } from "../learning/create-learning-deps.js";
import { loadDefaultModel } from "../model/load-model.js";
import { createJobQueue } from "../queue/create-job-queue.js";
import { createStore } from "../store/index.js";
import { createHistorySource, historyApiBudgetFromEnv } from "./create-history-source.js";
import { createMirrorManager, mirrorSettingsFromEnv } from "./create-mirror-manager.js";
import { scorePullRequestNow } from "./score-pull-request-now.js";
import type { AppDeps } from "./types.js";

/**
 * Builds the app's dependencies from the environment: store (DATABASE_URL), queue (REDIS_URL), default model,
 * mirrors (DEFECT_DATA_DIR, DEFECT_MIRROR, GHE_HOST), the history source that uses them, and whether repository
 * models learn from diff tokens (DEFECT_LEARN_TOKENS).
 */
export async function createAppDeps(app: Probot, env: NodeJS.ProcessEnv = process.env): Promise<AppDeps> {
  const log = app.log.child({ name: "defect-predictor" });
  const store = await createStore({ env });
  const queue = await createJobQueue({ store, log, env });
  // Load the model now, so a broken models/ shows in the first log lines rather than on the first PR.
  loadDefaultModel().then(
    (model) => log.info(`model ${model.version} loaded`),
    (error: Error) => log.error(`the default model could not be loaded: ${error.message}`),
  );
  const github = async (installationId: number) =>
    (await app.auth(installationId)) as unknown as GitHubOctokit;
  const settings = mirrorSettingsFromEnv(env);
  const learnTokens = learnTokensFromEnv(env);
  const mirrors = settings.enabled ? createMirrorManager(settings, installationToken(github)) : null;
  log.info(
    mirrors
      ? `history features from mirrors under ${settings.dataDir}/mirrors`
      : `mirroring is off (${settings.disabledBecause}): history features from the GitHub API, within a call budget`,
  );
  const deps: AppDeps = {
    store,
    queue,
    log,
    model: loadDefaultModel,
    github,
    loadConfig: loadRepoConfig,
    scorePullRequest: (octokit, request, requestLog) =>
      scorePullRequestNow(deps, octokit, request, requestLog),
    mirrors,
    learning: ({ installationId }) =>
      createLearningDeps({
        store,
        dataDir: settings.dataDir,
        log,
        tokens: learnTokens,
        mirror: async (repository) => {
          if (!mirrors) {
            throw new MirrorUnavailableError(
              `learning from ${repository}'s history needs a mirror, but mirroring is off (${settings.disabledBecause}); ` +
                "set DEFECT_MIRROR=on and a writable DEFECT_DATA_DIR",
            );
          }
          return mirrors.fetch(repository, installationId);
        },
      }),
    history: createHistorySource({
      mirrors,
      commits: store.commits,
      apiBudget: historyApiBudgetFromEnv(env),
    }),
  };
  return deps;
}

/** A fresh installation token (Probot's auth caches it until shortly before it expires). */
export function installationToken(
  github: (installationId: number) => Promise<GitHubOctokit>,
): (installationId: number) => Promise<string> {
  return async (installationId) => {
    const octokit = await github(installationId);
    const auth = (await octokit.auth({ type: "installation" })) as { token?: string };
    if (!auth.token) throw new Error(`no installation token for installation ${installationId}`);
    return auth.token;
  };
}

/** DEFECT_LEARN_TOKENS: "on" mines diff tokens for repository models; "off" or unset does not. */
export function learnTokensFromEnv(env: NodeJS.ProcessEnv): boolean {
  const raw = env.DEFECT_LEARN_TOKENS?.trim().toLowerCase();
  if (raw === undefined || raw === "" || raw === "off") return false;
  if (raw === "on") return true;
  throw new Error(
    `DEFECT_LEARN_TOKENS must be "on" or "off" (got "${env.DEFECT_LEARN_TOKENS}"); fix it in .env`,
  );
}
