import { compareModels, type PairedComparison } from "./compare-models.js";

/**
 * When a candidate replaces the model that is shown. A candidate must beat the current model on BOTH
 * ranking (AUC, DeLong one-sided test) and calibration (Brier, paired test), each by a margin and at a
 * significance level, on enough labelled changes with both classes present. Anything less keeps the
 * current model: a worse or merely equal candidate is never promoted.
 */
export interface PromotionPolicy {
  /** Labelled changes needed before deciding (live: matured since the candidate started shadowing). */
  minSamples: number;
  /** Each class needs at least this many, or AUC is meaningless. */
  minPerClass: number;
  /** Candidate AUC − current AUC must be at least this. */
  aucMargin: number;
  /** Current Brier − candidate Brier must be at least this. */
  brierMargin: number;
  /** One-sided significance level for both tests. */
  alpha: number;
}

export const DEFAULT_PROMOTION_POLICY: PromotionPolicy = {
  minSamples: 50,
  minPerClass: 5,
  aucMargin: 0.01,
  brierMargin: 0,
  alpha: 0.05,
};

/** Scores of both models on the same labelled changes. */
export interface EvaluationSet {
  labels: number[];
  current: number[];
  candidate: number[];
}

/** `promote`: swap now. `reject`: enough evidence and the candidate did not win. `wait`: not enough evidence yet. */
export interface PromotionVerdict {
  action: "promote" | "reject" | "wait";
  /** One sentence with the numbers. */
  reason: string;
  /** Which evidence decided: the live shadow period or the time-ordered holdout. */
  basis: "live" | "holdout" | "none";
  comparison: PairedComparison | null;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "n/a";
}

/** Applies the thresholds to one comparison. */
export function judgeComparison(
  c: PairedComparison,
  policy: PromotionPolicy,
): { enough: boolean; wins: boolean; reason: string } {
  if (c.samples < policy.minSamples || c.positives < policy.minPerClass || c.negatives < policy.minPerClass) {
    return {
      enough: false,
      wins: false,
      reason: `${c.samples} labelled changes (${c.positives} bug-inducing, ${c.negatives} clean); need ${policy.minSamples} with ${policy.minPerClass} of each`,
    };
  }
  const aucWins = c.aucDiff >= policy.aucMargin && c.aucPValue < policy.alpha;
  const brierWins = -c.brierDiff >= policy.brierMargin && c.brierPValue < policy.alpha;
  const numbers =
    `AUC ${fmt(c.aucCandidate)} vs ${fmt(c.aucCurrent)} (DeLong p=${fmt(c.aucPValue)}), ` +
    `Brier ${fmt(c.brierCandidate)} vs ${fmt(c.brierCurrent)} (paired p=${fmt(c.brierPValue)}) on ${c.samples} changes`;
  if (aucWins && brierWins) return { enough: true, wins: true, reason: `candidate wins: ${numbers}` };
  const failed = [!aucWins ? "AUC" : null, !brierWins ? "Brier" : null].filter(Boolean).join(" and ");
  return { enough: true, wins: false, reason: `candidate does not win on ${failed}: ${numbers}` };
}

/**
 * Decides on a candidate. `live` are the changes whose labels matured since the candidate began shadowing;
 * `holdout` is the time-ordered holdout of its training run. The holdout alone may promote only when the
 * repository has no live history yet (still on the shipped default model with nothing scored and labelled).
 */
export function decidePromotion(input: {
  live: EvaluationSet | null;
  holdout: EvaluationSet | null;
  hasLiveHistory: boolean;
  policy?: Partial<PromotionPolicy>;
}): PromotionVerdict {
  const policy = { ...DEFAULT_PROMOTION_POLICY, ...input.policy };
  let waiting: PromotionVerdict | null = null;
  if (input.live && input.live.labels.length > 0) {
    const comparison = compareModels(input.live.labels, input.live.current, input.live.candidate);
    const judged = judgeComparison(comparison, policy);
    if (judged.enough) {
      return {
        action: judged.wins ? "promote" : "reject",
        reason: `live: ${judged.reason}`,
        basis: "live",
        comparison,
      };
    }
    waiting = { action: "wait", reason: `live: ${judged.reason}`, basis: "live", comparison };
    if (input.hasLiveHistory) return waiting;
  }
  if (!input.hasLiveHistory && input.holdout && input.holdout.labels.length > 0) {
    const comparison = compareModels(input.holdout.labels, input.holdout.current, input.holdout.candidate);
    const judged = judgeComparison(comparison, policy);
    // Losing on the holdout is not a final reject: the shadow period may still show a win.
    return {
      action: judged.wins ? "promote" : "wait",
      reason: `holdout (no live history yet): ${judged.reason}`,
      basis: "holdout",
      comparison,
    };
  }
  return (
    waiting ?? {
      action: "wait",
      reason: "no labelled changes to compare on yet",
      basis: "none",
      comparison: null,
    }
  );
}
