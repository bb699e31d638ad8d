import { applyVerdict } from "./apply-verdict.js";
import type { LearningConfig } from "./learning-config.js";
import { decidePromotion } from "./promotion-policy.js";
import { runStep, type StepScope } from "./run-step.js";
import type { CandidateOutcome } from "./train-candidate.js";
import type { LearningDeps } from "./types.js";

/**
 * The checkpointed "decide" step that ends a bootstrap or a retrain: judge the freshly trained candidate on its
 * time-ordered holdout (a win promotes it only while the repository has no live history; otherwise it shadows)
 * and place it. Resolves where it went and why.
 */
export async function decideOnHoldout(
  scope: StepScope,
  deps: Pick<LearningDeps, "store" | "now">,
  config: LearningConfig,
  candidate: CandidateOutcome,
  hasLiveHistory: () => Promise<boolean>,
): Promise<{ placement: "active" | "shadow" | "rejected"; reason: string }> {
  const decided = await runStep(scope, "decide", async () => {
    const verdict = decidePromotion({
      live: null,
      holdout: candidate.holdout,
      hasLiveHistory: await hasLiveHistory(),
      policy: config.promotion,
    });
    const placement = await applyVerdict(deps.store.models, {
      repository: scope.repository,
      version: candidate.version,
      verdict,
      evidence: candidate.holdout,
      at: deps.now(),
    });
    return { placement, reason: verdict.reason };
  });
  return { placement: decided.placement as "active" | "shadow" | "rejected", reason: decided.reason };
}
