import { chooseBands } from "../model/choose-thresholds.js";
import type { BandThresholds } from "../model/types.js";
import type { ModelStore } from "../store/models.js";
import { promoteVersion } from "./model-registry.js";
import type { EvaluationSet, PromotionVerdict } from "./promotion-policy.js";

/**
 * Carries out a promotion verdict on a candidate: `promote` makes it active with band thresholds re-derived
 * from its calibrated probabilities on the evidence it won on; `reject` retires it as rejected; `wait` leaves
 * (or puts) it in shadow. Promotions and rejections are recorded with their evidence.
 */
export async function applyVerdict(
  models: ModelStore,
  input: {
    repository: string;
    version: string;
    verdict: PromotionVerdict;
    /** The set the verdict was reached on (for re-deriving bands). */
    evidence: EvaluationSet | null;
    at: Date;
  },
): Promise<"active" | "shadow" | "rejected"> {
  const { repository, version, verdict, at } = input;
  const evidence = { basis: verdict.basis, ...(verdict.comparison ?? {}) };
  if (verdict.action === "promote") {
    const bands: BandThresholds | null = input.evidence
      ? chooseBands(input.evidence.candidate, input.evidence.labels)
      : null;
    await promoteVersion(models, {
      repository,
      version,
      action: "promote",
      reason: verdict.reason,
      evidence,
      bands,
      at,
    });
    return "active";
  }
  const previous = await models.getByStatus(repository, "active");
  if (verdict.action === "reject") {
    await models.setStatus(repository, version, "rejected", at.toISOString());
    await models.recordDecision({
      repository,
      version,
      previousVersion: previous?.version ?? null,
      action: "reject",
      reason: verdict.reason,
      evidence,
      decidedAt: at.toISOString(),
    });
    return "rejected";
  }
  const record = await models.getVersion(repository, version);
  const stale = await models.getByStatus(repository, "shadow");
  if (stale && stale.version !== version) {
    await models.recordDecision({
      repository,
      version: stale.version,
      previousVersion: previous?.version ?? null,
      action: "supersede",
      reason: `replaced in shadow by ${version} before enough live evidence for a verdict`,
      evidence: {},
      decidedAt: at.toISOString(),
    });
  }
  if (record && record.status !== "shadow") {
    await models.setStatus(repository, version, "shadow", at.toISOString());
    await models.recordDecision({
      repository,
      version,
      previousVersion: previous?.version ?? null,
      action: "wait",
      reason: `shadow: ${verdict.reason}`,
      evidence,
      decidedAt: at.toISOString(),
    });
  }
  return "shadow";
}
