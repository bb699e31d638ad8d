import { applyVerdict } from "../learning/apply-verdict.js";
import { rollbackRepository } from "../learning/model-registry.js";
import { DEFAULT_LEARNING_CONFIG, type LearningConfig } from "../learning/learning-config.js";
import { decidePromotion, type EvaluationSet, type PromotionVerdict } from "../learning/promotion-policy.js";
import type { LearningDeps } from "../learning/types.js";

/** What one evaluation of the shadow candidate decided. */
export interface ShadowEvaluation {
  repository: string;
  shadowVersion: string | null;
  currentVersion: string | null;
  verdict: PromotionVerdict | null;
  placement?: "active" | "shadow" | "rejected";
}

/**
 * Shadow A/B: on the changes scored since the candidate started shadowing, at least the label maturity window
 * ago, whose labels are known, pair
 *   1. the shown model's score, 2. the shadow's score, 3. the label,
 * and let the promotion policy decide (DeLong on AUC + paired test on Brier, with margins and a minimum
 * sample). A win promotes the candidate (bands re-derived on that evidence); a loss rejects it; otherwise it
 * keeps shadowing. Run it after label jobs and on a schedule; it is cheap and idempotent.
 */
export async function evaluateShadow(
  deps: LearningDeps,
  repository: string,
  options: { config?: LearningConfig } = {},
): Promise<ShadowEvaluation> {
  const config = options.config ?? DEFAULT_LEARNING_CONFIG;
  const models = deps.store.models;
  const shadow = await models.getByStatus(repository, "shadow");
  const active = await models.getByStatus(repository, "active");
  const currentVersion = active?.version ?? (await deps.defaultModel()).model.version;
  if (!shadow) return { repository, shadowVersion: null, currentVersion, verdict: null };

  const since = shadow.shadowSince ?? shadow.createdAt;
  // Only changes old enough for a clean label to have matured (see pairMatured).
  const live = await pairMatured(deps, repository, currentVersion, shadow.version, since);
  const verdict = decidePromotion({
    live,
    holdout: null,
    hasLiveHistory: active !== null,
    policy: config.promotion,
  });
  const placement = await applyVerdict(models, {
    repository,
    version: shadow.version,
    verdict,
    evidence: live,
    at: deps.now(),
  });
  deps.log.info({ repository, shadow: shadow.version, current: currentVersion, placement }, verdict.reason);
  return { repository, shadowVersion: shadow.version, currentVersion, verdict, placement };
}

/** What the check of the active repository model against the default-model control decided. */
export interface ControlEvaluation {
  repository: string;
  activeVersion: string | null;
  verdict: PromotionVerdict | null;
  rolledBack: boolean;
}

/**
 * The safety net behind a holdout promotion: while a repository model is shown, the default model keeps scoring
 * as a hidden control. On the matured changes scored since the active version went live, the same policy asks
 * whether the default model would win against it; if so, the repository goes back to the default model
 * (a `rollback` decision with the evidence) and the next retrain starts again from there.
 */
export async function evaluateActiveAgainstDefault(
  deps: LearningDeps,
  repository: string,
  options: { config?: LearningConfig } = {},
): Promise<ControlEvaluation> {
  const config = options.config ?? DEFAULT_LEARNING_CONFIG;
  const models = deps.store.models;
  const active = await models.getByStatus(repository, "active");
  if (!active) return { repository, activeVersion: null, verdict: null, rolledBack: false };
  const defaultVersion = (await deps.defaultModel()).model.version;
  const since = active.activeSince ?? active.createdAt;
  const live = await pairMatured(deps, repository, active.version, defaultVersion, since);
  // The default model is the challenger here: the active model stays unless the default clearly wins.
  const verdict = decidePromotion({ live, holdout: null, hasLiveHistory: true, policy: config.promotion });
  if (verdict.action !== "promote")
    return { repository, activeVersion: active.version, verdict, rolledBack: false };
  await rollbackRepository(models, repository, deps.now(), {
    toDefault: true,
    reason: `the shipped default model beats ${active.version} on live labels: ${verdict.reason}`,
    evidence: { basis: "control", ...verdict.comparison },
  });
  deps.log.warn({ repository, version: active.version }, verdict.reason);
  return { repository, activeVersion: active.version, verdict, rolledBack: true };
}

/**
 * Pairs two versions' scores of the same labelled changes scored since `since`, keeping only changes older than
 * the label maturity window: among younger ones only bugs are known yet, and a sample enriched in bugs would
 * favour whichever model predicts higher.
 */
async function pairMatured(
  deps: LearningDeps,
  repository: string,
  currentVersion: string,
  candidateVersion: string,
  since: string,
): Promise<EvaluationSet> {
  const models = deps.store.models;
  const maturedBefore = new Date(deps.now().getTime() - deps.labelMaturityDays * 86_400_000).toISOString();
  const current = new Map(
    (await models.listPredictions(repository, currentVersion, since)).map((p) => [p.headSha, p]),
  );
  const paired = (await models.listPredictions(repository, candidateVersion, since)).filter(
    (p) => current.has(p.headSha) && p.scoredAt <= maturedBefore,
  );
  const labels = await deps.labelsFor(
    repository,
    paired.map((p) => ({ headSha: p.headSha, prNumber: p.prNumber })),
  );
  const set: EvaluationSet = { labels: [], current: [], candidate: [] };
  for (const p of paired) {
    const label = labels.get(p.headSha);
    if (label === undefined) continue;
    set.labels.push(label);
    set.current.push(current.get(p.headSha)!.probability);
    set.candidate.push(p.probability);
  }
  return set;
}
