import type { BandThresholds } from "./types.js";

/** How the band thresholds were chosen, kept in the manifest next to the thresholds. */
export interface BandPolicy {
  /** "medium" starts where this share of changes (the riskiest) is flagged, e.g. 0.3. */
  mediumAlertRate: number;
  /** "high" starts at the lowest threshold whose precision on validation reaches this, e.g. 0.6. */
  highPrecision: number;
  /** If no threshold reaches `highPrecision`, "high" flags this share of changes instead. */
  fallbackHighAlertRate: number;
}

export const DEFAULT_BAND_POLICY: BandPolicy = {
  mediumAlertRate: 0.3,
  highPrecision: 0.6,
  fallbackHighAlertRate: 0.1,
};

/** Threshold that flags (about) the given share of the highest probabilities. */
export function thresholdForAlertRate(probs: ArrayLike<number>, rate: number): number {
  const sorted = Array.from(probs).sort((a, b) => b - a);
  if (sorted.length === 0) return 0.5;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(rate * sorted.length) - 1));
  return sorted[k];
}

/**
 * Lowest threshold whose precision (on calibrated validation probabilities) is at least `target`, among thresholds
 * flagging at least `minFlagged` changes; undefined when none reaches it.
 */
export function thresholdForPrecision(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  target: number,
  minFlagged = 10,
): number | undefined {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let tp = 0;
  let chosen: number | undefined;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]] ? 1 : 0;
    const next = order[k + 1];
    if (next !== undefined && probs[next] === probs[order[k]]) continue; // only cut between distinct scores
    if (k + 1 >= minFlagged && tp / (k + 1) >= target) chosen = probs[order[k]];
  }
  return chosen;
}

/** Band thresholds from calibrated validation probabilities under a policy (never guessed constants). */
export function chooseBands(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  policy: BandPolicy = DEFAULT_BAND_POLICY,
): BandThresholds {
  const medium = thresholdForAlertRate(probs, policy.mediumAlertRate);
  const high =
    thresholdForPrecision(probs, labels, policy.highPrecision) ??
    thresholdForAlertRate(probs, policy.fallbackHighAlertRate);
  return { medium: Math.min(medium, high), high: Math.max(medium, high) };
}
