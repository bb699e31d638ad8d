import type { FeatureValues } from "../features/types.js";
import type { RiskModel } from "../model/types.js";
import type { ModelPredictionRecord, ModelStore } from "../store/models.js";
import { loadVersionModel } from "./model-registry.js";

/** A score that was shown: which model produced it. */
export interface ShownScore {
  modelVersion: string;
  probability: number;
}

/**
 * Records the shown score of a change and, when the repository has a shadow candidate, scores the same
 * features with it and records that too — never shown, only kept for the A/B comparison once labels mature.
 * Both rows carry their model version. Idempotent per (repository, head sha, version): a re-score overwrites.
 * A shadow model that fails to load or predict is logged and skipped: it must never break the visible score.
 */
export async function recordShadowScores(
  deps: {
    models: ModelStore;
    loadModel(dir: string): Promise<RiskModel>;
    now(): Date;
    log?: { warn(obj: Record<string, unknown>, msg?: string): void };
    /** The shipped default model: while a repository model is shown, it keeps scoring as a hidden control. */
    defaultModel?: () => Promise<RiskModel>;
  },
  input: {
    repository: string;
    headSha: string;
    prNumber: number | null;
    features: FeatureValues;
    shown: ShownScore;
  },
): Promise<ShownScore | null> {
  const scoredAt = deps.now().toISOString();
  const base = {
    repository: input.repository,
    headSha: input.headSha,
    prNumber: input.prNumber,
    features: input.features,
    scoredAt,
  };
  await deps.models.recordPrediction({
    ...base,
    modelVersion: input.shown.modelVersion,
    role: "active",
    probability: input.shown.probability,
  });
  await recordControlScore(deps, input, base);
  const shadow = await deps.models.getByStatus(input.repository, "shadow");
  if (!shadow || shadow.version === input.shown.modelVersion) return null;
  try {
    const model = await loadVersionModel(shadow, deps.loadModel);
    const [probability] = await model.predict([input.features]);
    await deps.models.recordPrediction({
      ...base,
      modelVersion: shadow.version,
      role: "shadow",
      probability,
    });
    return { modelVersion: shadow.version, probability };
  } catch (error) {
    deps.log?.warn(
      { repository: input.repository, version: shadow.version, err: (error as Error).message },
      "shadow model could not score; the shown score is unaffected",
    );
    return null;
  }
}

/**
 * While a repository model is shown, the default model scores the same change as a control, so a repository
 * model promoted on its holdout can later be caught losing to the default on live labels (and rolled back).
 */
async function recordControlScore(
  deps: Parameters<typeof recordShadowScores>[0],
  input: Parameters<typeof recordShadowScores>[1],
  base: Omit<ModelPredictionRecord, "modelVersion" | "role" | "probability">,
): Promise<void> {
  if (!deps.defaultModel) return;
  try {
    const model = await deps.defaultModel();
    if (model.version === input.shown.modelVersion) return;
    const [probability] = await model.predict([input.features]);
    await deps.models.recordPrediction({
      ...base,
      modelVersion: model.version,
      role: "control",
      probability,
    });
  } catch (error) {
    deps.log?.warn({ repository: input.repository, err: (error as Error).message }, "control score failed");
  }
}
