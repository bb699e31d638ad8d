import type { RiskModel } from "../model/types.js";
import { bootstrapRepository } from "../pipeline/bootstrap-repository.js";
import { evaluateActiveAgainstDefault, evaluateShadow } from "../pipeline/evaluate-shadow.js";
import { retrainRepository, shouldRetrain } from "../pipeline/retrain-repository.js";
import type { JobQueue } from "../queue/types.js";
import type { ScoreResult } from "../report/types.js";
import { checkDrift } from "./check-drift.js";
import { describeLearningState } from "./describe-learning-state.js";
import {
  DEFAULT_LEARNING_CONFIG,
  DEFAULT_RULES_CONFIG,
  type LearningConfig,
  type RulesConfig,
} from "./learning-config.js";
import { resolveActiveModel } from "./model-registry.js";
import { applyRepositoryRules } from "./rules.js";
import { recordShadowScores } from "./shadow-scoring.js";
import type { LearningDeps } from "./types.js";

/** Queue names of the learning jobs (`retrain` is also what `/defect retrain` enqueues). */
export const BOOTSTRAP_JOB = "bootstrap-repository";
export const RETRAIN_JOB = "retrain";
export const EVALUATE_SHADOW_JOB = "evaluate-shadow";

/** Payload of every learning job; `/defect retrain` adds who asked. */
export interface LearningJobPayload {
  repository: string;
  installationId?: number;
  requestedBy?: string;
  trigger?: string;
}

/** The learning settings of a repository (its `.github/defect-predictor.yml`, or the defaults). */
export type LearningConfigFor = (payload: LearningJobPayload) => Promise<LearningConfig>;

/**
 * Registers the three learning jobs on the app's queue. Each is idempotent and checkpointed, so the queue's
 * retries and a restart resume rather than repeat:
 * - `bootstrap-repository`: mirror → mine → label → train → promote-or-shadow;
 * - `retrain`: a candidate from old + new labels (`/defect retrain`, drift, new labels, the schedule);
 * - `evaluate-shadow`: the live A/B decision on matured labels, and the active model against the default control.
 */
export function registerLearningJobs(
  queue: JobQueue,
  depsOrFactory: LearningDeps | ((payload: LearningJobPayload) => LearningDeps),
  configFor: LearningConfigFor = async () => DEFAULT_LEARNING_CONFIG,
): void {
  // A factory lets the app hand each job deps that mirror with that job's installation token.
  const depsFor = (payload: LearningJobPayload) =>
    typeof depsOrFactory === "function" ? depsOrFactory(payload) : depsOrFactory;
  queue.process<LearningJobPayload>(BOOTSTRAP_JOB, async (job) => {
    const deps = depsFor(job.payload);
    const out = await bootstrapRepository(deps, job.payload.repository, {
      config: await configFor(job.payload),
    });
    deps.log.info({ jobId: job.id, repository: out.repository, status: out.status }, out.message);
  });
  queue.process<LearningJobPayload>(RETRAIN_JOB, async (job) => {
    const deps = depsFor(job.payload);
    const config = await configFor(job.payload);
    const trigger = job.payload.requestedBy
      ? `/defect retrain by @${job.payload.requestedBy}`
      : job.payload.trigger;
    const out = await retrainRepository(deps, job.payload.repository, {
      config,
      trigger: trigger ?? "retrain job",
    });
    deps.log.info({ jobId: job.id, repository: out.repository, status: out.status }, out.message);
  });
  queue.process<LearningJobPayload>(EVALUATE_SHADOW_JOB, async (job) => {
    const deps = depsFor(job.payload);
    const config = await configFor(job.payload);
    await evaluateShadow(deps, job.payload.repository, { config });
    await evaluateActiveAgainstDefault(deps, job.payload.repository, { config });
    const due = await shouldRetrain(deps, job.payload.repository, config);
    if (due.due)
      await enqueueLearningJob(queue, RETRAIN_JOB, { ...job.payload, trigger: due.reason }, deps.now());
  });
}

/**
 * Enqueues a learning job. Bootstrap is one job per repository (a redelivered install event adds nothing);
 * retrain and evaluation at most one per repository per hour.
 */
export async function enqueueLearningJob(
  queue: JobQueue,
  name: typeof BOOTSTRAP_JOB | typeof RETRAIN_JOB | typeof EVALUATE_SHADOW_JOB,
  payload: LearningJobPayload,
  now: Date,
): Promise<void> {
  const slot = name === BOOTSTRAP_JOB ? "" : `:${now.toISOString().slice(0, 13)}`;
  await queue.enqueue(name, payload, { jobId: `${name}:${payload.repository}${slot}` });
}

/** The model that scores a repository now: its active version (with its own bands), else the shipped default. */
export async function repositoryModel(
  deps: Pick<LearningDeps, "store" | "loadModel">,
  repository: string,
  defaultModel: () => Promise<RiskModel>,
): Promise<RiskModel> {
  return (await resolveActiveModel(deps.store.models, repository, deps.loadModel, defaultModel)).model;
}

/**
 * Between scoring a pull request and rendering its check run:
 *   1. repository rules (never-gate paths, minimum size for "high"), noted when they changed the result;
 *   2. the shown score and the shadow candidate's hidden score recorded with their versions;
 *   3. the drift check on the recent scores — a new alert queues a retrain;
 *   4. notes for the check run: drift alerts, "not enough labels yet", a bootstrap in progress.
 * Learning problems are logged and never fail the visible score.
 */
export async function learnFromScore(
  deps: LearningDeps,
  input: {
    result: ScoreResult;
    queue?: JobQueue;
    installationId?: number;
    rules?: RulesConfig;
    config?: LearningConfig;
  },
): Promise<ScoreResult> {
  const { result } = input;
  const config = input.config ?? DEFAULT_LEARNING_CONFIG;
  const ruled = applyRepositoryRules(result, input.rules ?? DEFAULT_RULES_CONFIG);
  try {
    await recordShadowScores(
      {
        models: deps.store.models,
        loadModel: deps.loadModel,
        now: deps.now,
        log: deps.log,
        defaultModel: async () => (await deps.defaultModel()).model,
      },
      {
        repository: result.repository,
        headSha: result.headSha,
        prNumber: result.number ?? null,
        features: result.features,
        shown: { modelVersion: result.modelVersion, probability: result.probability },
      },
    );
    const drift = await checkDrift(deps.store.models, result.repository, config.drift, deps.now());
    if (drift.retrain && input.queue) {
      const payload = {
        repository: result.repository,
        installationId: input.installationId,
        trigger: "drift",
      };
      await enqueueLearningJob(input.queue, RETRAIN_JOB, payload, deps.now());
    }
    const notes = await describeLearningState(deps.store.models, result.repository);
    return notes.length ? { ...ruled, notes: [...ruled.notes, ...notes] } : ruled;
  } catch (error) {
    deps.log.warn(
      { repository: result.repository, err: (error as Error).message },
      "learning step failed; score unaffected",
    );
    return ruled;
  }
}
