import { effortMetrics } from "./effort-metrics.js";
import { aucRoc, brierScore, logLoss, metricsAtThreshold, prAuc } from "./metrics.js";

/** Every evaluation metric by name (the JSON of `defect eval --format json`). */
export interface EvaluationMetrics {
  rows: number;
  positives: number;
  auc: number;
  prAuc: number;
  brier: number;
  logLoss: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  mcc: number;
  alertRate: number;
  recallAt20Effort: number;
  effortAt20Recall: number;
  popt: number;
  /** Share of test rows at or above the model's "high" band. */
  highBandRate: number;
  highBandPrecision: number;
}

/** Computes all metrics for calibrated probabilities; `effort` is LA + LD per row. */
export function evaluatePredictions(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  effort: ArrayLike<number>,
  threshold: number,
  highBand: number,
): EvaluationMetrics {
  const at = metricsAtThreshold(probs, labels, threshold);
  const high = metricsAtThreshold(probs, labels, highBand);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
  return {
    rows: probs.length,
    positives,
    auc: aucRoc(probs, labels),
    prAuc: prAuc(probs, labels),
    brier: brierScore(probs, labels),
    logLoss: logLoss(probs, labels),
    threshold,
    precision: at.precision,
    recall: at.recall,
    f1: at.f1,
    mcc: at.mcc,
    alertRate: at.alertRate,
    ...effortMetrics(probs, labels, effort),
    highBandRate: high.alertRate,
    highBandPrecision: high.precision,
  };
}

/** LA + LD of a feature row (missing counts as 0). */
export function effortOf(row: Record<string, number | null>): number {
  return (row.la ?? 0) + (row.ld ?? 0);
}
