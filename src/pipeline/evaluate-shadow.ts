import { applyVerdict } from "../learning/apply-verdict.js";
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
  const shadowScores = await models.listPredictions(repository, shadow.version, since);
  const shown = new Map(
    (await models.listPredictions(repository, currentVersion, since)).map((p) => [p.headSha, p]),
  );
  // Only changes old enough for a clean label to have matured: among younger ones only bugs are known yet,
  // and a sample enriched in bugs would favour whichever model predicts higher.
  const maturedBefore = new Date(deps.now().getTime() - deps.labelMaturityDays * 86_400_000).toISOString();
  const paired = shadowScores.filter((p) => shown.has(p.headSha) && p.scoredAt <= maturedBefore);
  const labels = await deps.labelsFor(
    repository,
    paired.map((p) => ({ headSha: p.headSha, prNumber: p.prNumber })),
  );
  const live: EvaluationSet = { labels: [], current: [], candidate: [] };
  for (const p of paired) {
    const label = labels.get(p.headSha);
    if (label === undefined) continue;
    live.labels.push(label);
    live.current.push(shown.get(p.headSha)!.probability);
    live.candidate.push(p.probability);
  }
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
