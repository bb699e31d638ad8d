import type { ModelStore } from "../store/models.js";
import type { LearningLogger } from "./types.js";

/** Where a run keeps its checkpoints. */
export interface StepScope {
  models: ModelStore;
  repository: string;
  runKey: string;
  log: LearningLogger;
  now(): Date;
}

/**
 * Runs one checkpointed step: a step already `done` in this run is not run again — its stored detail is
 * returned — so a job that died half-way resumes at the step that did not finish. A step's work must be
 * safe to redo from its start (the miner and labeler resume themselves; training writes to a fresh folder).
 */
export async function runStep<T extends Record<string, unknown>>(
  scope: StepScope,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  const existing = (await scope.models.listSteps(scope.repository, scope.runKey)).find(
    (s) => s.step === step,
  );
  if (existing?.status === "done") {
    scope.log.info({ repository: scope.repository, run: scope.runKey, step }, "step already done, skipped");
    return existing.detail as T;
  }
  const save = (status: "running" | "done" | "failed", detail: Record<string, unknown>) =>
    scope.models.saveStep({
      repository: scope.repository,
      runKey: scope.runKey,
      step,
      status,
      detail,
      updatedAt: scope.now().toISOString(),
    });
  await save("running", {});
  scope.log.info({ repository: scope.repository, run: scope.runKey, step }, "step started");
  try {
    const detail = await work();
    await save("done", detail);
    scope.log.info(
      { repository: scope.repository, run: scope.runKey, step, ...summarise(detail) },
      "step done",
    );
    return detail;
  } catch (error) {
    await save("failed", { error: (error as Error).message });
    throw error;
  }
}

/** Keeps logs short: numbers and short strings only. */
function summarise(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(detail).filter(
      ([, v]) => typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && v.length < 120),
    ),
  );
}

/** The steps of a run as stored, for `defect models list` and logs. */
export async function describeRun(models: ModelStore, repository: string, runKey: string): Promise<string> {
  const steps = await models.listSteps(repository, runKey);
  return steps.map((s) => `${s.step}:${s.status}`).join(" → ") || "not started";
}
