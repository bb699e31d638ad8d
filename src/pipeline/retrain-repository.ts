import { decideOnHoldout } from "../learning/decide-on-holdout.js";
import { DEFAULT_LEARNING_CONFIG, type LearningConfig } from "../learning/learning-config.js";
import { loadVersionModel } from "../learning/model-registry.js";
import { RETRAIN_RUN_PREFIX } from "../learning/run-keys.js";
import type { StepScope } from "../learning/run-step.js";
import { type BaseModel, NotEnoughLabelsError, trainCandidate } from "../learning/train-candidate.js";
import type { LearningDeps } from "../learning/types.js";

/** Why a retrain is (or is not) due. */
export interface RetrainDue {
  due: boolean;
  reason: string;
  newLabels: number;
}

/**
 * Whether a repository should retrain now: enough labels arrived since the newest version was trained, or
 * the schedule is due (and at least one label arrived), or a drift alert is open. Not while a candidate is
 * in shadow — it has to be decided first — unless it has shadowed longer than `shadowMaxDays` without a verdict.
 */
export async function shouldRetrain(
  deps: LearningDeps,
  repository: string,
  config: LearningConfig,
): Promise<RetrainDue> {
  const versions = await deps.store.models.listVersions(repository);
  const shadow = versions.find((v) => v.status === "shadow");
  const since0 = shadow ? Date.parse(shadow.shadowSince ?? shadow.createdAt) : 0;
  // A quiet repository may never gather enough live evidence: a stale shadow stops blocking retrains.
  if (shadow && (deps.now().getTime() - since0) / 86_400_000 < config.shadowMaxDays) {
    return { due: false, reason: "a candidate is in shadow", newLabels: 0 };
  }
  const last = versions[0]?.createdAt ?? null;
  const since = new Date(deps.now().getTime() - config.historyWindowDays * 86_400_000).toISOString();
  const rows = await deps.readRows(repository, { since });
  const newLabels = rows.filter((r) => r.label !== null && (!last || (r.labelledAt ?? r.date) > last)).length;
  if (newLabels >= config.retrainAfterLabels)
    return { due: true, reason: `${newLabels} new labels`, newLabels };
  const drift = await deps.store.models.openDriftAlerts(repository);
  if (drift.length > 0 && newLabels > 0)
    return { due: true, reason: `open drift alert on ${drift[0].feature}`, newLabels };
  const ageDays = last ? (deps.now().getTime() - Date.parse(last)) / 86_400_000 : Infinity;
  if (config.retrainEveryDays > 0 && ageDays >= config.retrainEveryDays && newLabels > 0) {
    return { due: true, reason: `schedule (${Math.floor(ageDays)} days since the last training)`, newLabels };
  }
  return { due: false, reason: `${newLabels} new labels of ${config.retrainAfterLabels}`, newLabels };
}

/** The run to work on: the last retrain if it did not finish (resume), else a new one. */
async function currentRunKey(deps: LearningDeps, repository: string): Promise<string> {
  const runs = (await deps.store.models.listRuns(repository)).filter((r) =>
    r.runKey.startsWith(RETRAIN_RUN_PREFIX),
  );
  const numbers = runs.map((r) => Number(r.runKey.slice(RETRAIN_RUN_PREFIX.length))).filter(Number.isFinite);
  const last = numbers.length ? Math.max(...numbers) : 0;
  if (last > 0) {
    const steps = await deps.store.models.listSteps(repository, `${RETRAIN_RUN_PREFIX}${last}`);
    const finished = steps.some((s) => s.step === "decide" && s.status === "done");
    const gaveUp = steps.some((s) => s.step === "split" && s.status === "failed");
    if (!finished && !gaveUp) return `${RETRAIN_RUN_PREFIX}${last}`;
  }
  return `${RETRAIN_RUN_PREFIX}${last + 1}`;
}

/** What a retrain run ended with. */
export interface RetrainOutcome {
  repository: string;
  runKey: string;
  status: "trained" | "not-enough-labels";
  version?: string;
  placement?: "active" | "shadow" | "rejected";
  message: string;
}

/**
 * Continual learning: a candidate warm-started from the current model (the active repository version, else
 * the default model), trained on old and new labels together (replayed, so it does not forget), tested on
 * the time-ordered holdout. With no repository model yet, a holdout win promotes it at once; otherwise it
 * goes to shadow and `evaluateShadow` promotes or rejects it once live labels mature.
 * Checkpointed like the bootstrap: rerunning an unfinished retrain resumes it.
 */
export async function retrainRepository(
  deps: LearningDeps,
  repository: string,
  options: { config?: LearningConfig; trigger?: string } = {},
): Promise<RetrainOutcome> {
  const config = options.config ?? DEFAULT_LEARNING_CONFIG;
  const runKey = await currentRunKey(deps, repository);
  const scope: StepScope = { models: deps.store.models, repository, runKey, log: deps.log, now: deps.now };

  const active = await deps.store.models.getByStatus(repository, "active");
  const base: BaseModel = active
    ? { model: await loadVersionModel(active, deps.loadModel), dir: active.artifactDir, record: active }
    : { ...(await deps.defaultModel()), record: null };

  let candidate;
  try {
    candidate = await trainCandidate(scope, deps, config, base, options.trigger ?? "retrain");
  } catch (error) {
    if (!(error instanceof NotEnoughLabelsError)) throw error;
    return { repository, runKey, status: "not-enough-labels", message: error.message };
  }
  const { placement, reason } = await decideOnHoldout(
    scope,
    deps,
    config,
    candidate,
    async () => active !== null,
  );
  return {
    repository,
    runKey,
    status: "trained",
    version: candidate.version,
    placement,
    message: `${candidate.version} is ${placement}: ${reason}`,
  };
}
