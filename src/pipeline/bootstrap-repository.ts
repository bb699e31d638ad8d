import { decideOnHoldout } from "../learning/decide-on-holdout.js";
import { DEFAULT_LEARNING_CONFIG, type LearningConfig } from "../learning/learning-config.js";
import { BOOTSTRAP_RUN_KEY } from "../learning/run-keys.js";
import { runStep, type StepScope } from "../learning/run-step.js";
import { NotEnoughLabelsError, trainCandidate } from "../learning/train-candidate.js";
import type { LearningDeps } from "../learning/types.js";

/** What a bootstrap run ended with. */
export interface BootstrapOutcome {
  repository: string;
  status: "trained" | "not-enough-labels" | "disabled";
  commits: number;
  labels: number;
  /** The repository model trained, and where it went (active or shadow), when trained. */
  version?: string;
  placement?: "active" | "shadow" | "rejected";
  /** One sentence for logs, the CLI and the check run. */
  message: string;
}

/**
 * Bootstrap a repository after install: a queued job that
 *   1. mirrors the repository,
 *   2. mines its history (bounded by `historyWindowDays`),
 *   3. labels it,
 *   4. trains a repository model warm-started from the shipped default model when there are enough labels,
 *   5. promotes it when it beats the default model on the time-ordered holdout (no live history yet),
 *      otherwise keeps it in shadow to prove itself on live pull requests.
 * Every step is checkpointed in the models store: rerunning after a crash resumes at the step that did not
 * finish; a finished bootstrap is not repeated (pass `runKey` to start a new one).
 */
export async function bootstrapRepository(
  deps: LearningDeps,
  repository: string,
  options: { config?: LearningConfig; runKey?: string } = {},
): Promise<BootstrapOutcome> {
  const config = options.config ?? DEFAULT_LEARNING_CONFIG;
  const scope: StepScope = {
    models: deps.store.models,
    repository,
    runKey: options.runKey ?? BOOTSTRAP_RUN_KEY,
    log: deps.log,
    now: deps.now,
  };
  if (!config.enabled) {
    deps.log.info({ repository }, "learning disabled in config: bootstrap skipped");
    return { repository, status: "disabled", commits: 0, labels: 0, message: "learning.enabled is false" };
  }
  const since = new Date(deps.now().getTime() - config.historyWindowDays * 86_400_000).toISOString();

  const { gitDir } = await runStep(scope, "mirror", async () => ({ gitDir: await deps.mirror(repository) }));
  const mined = await runStep(scope, "mine", async () => ({
    ...(await deps.mine(repository, gitDir, { since })),
    since,
  }));
  const labelled = await runStep(scope, "label", async () => deps.label(repository, gitDir));

  const base = await deps.defaultModel();
  let candidate;
  try {
    candidate = await trainCandidate(scope, deps, config, { ...base, record: null }, "bootstrap");
  } catch (error) {
    if (!(error instanceof NotEnoughLabelsError)) throw error;
    deps.log.info(
      { repository, labelled: error.labelled, positives: error.positives },
      "not enough labels yet",
    );
    return {
      repository,
      status: "not-enough-labels",
      commits: mined.commits,
      labels: labelled.labels,
      message: error.message,
    };
  }

  const { placement, reason } = await decideOnHoldout(
    scope,
    deps,
    config,
    candidate,
    async () => (await deps.store.models.getByStatus(repository, "active")) !== null,
  );
  return {
    repository,
    status: "trained",
    commits: mined.commits,
    labels: labelled.labels,
    version: candidate.version,
    placement,
    message: `${candidate.version} is ${placement}: ${reason}`,
  };
}
