import type { EvaluationMetrics } from "./evaluate-predictions.js";

const LABELS: [keyof EvaluationMetrics, string][] = [
  ["rows", "test rows"],
  ["positives", "bug-inducing"],
  ["auc", "AUC-ROC"],
  ["prAuc", "PR-AUC"],
  ["brier", "Brier"],
  ["logLoss", "log-loss"],
  ["threshold", "threshold"],
  ["precision", "precision"],
  ["recall", "recall"],
  ["f1", "F1"],
  ["mcc", "MCC"],
  ["alertRate", "alert rate"],
  ["recallAt20Effort", "Recall@20%Effort"],
  ["effortAt20Recall", "Effort@20%Recall"],
  ["popt", "Popt"],
  ["highBandRate", "high-band share"],
  ["highBandPrecision", "high-band precision"],
];

/** Human-readable metrics, one per line. */
export function formatMetricsText(m: EvaluationMetrics): string {
  return LABELS.map(([k, label]) => {
    const v = m[k];
    return `  ${label.padEnd(20)} ${Number.isInteger(v) ? v : Number.isNaN(v) ? "n/a" : v.toFixed(4)}`;
  }).join("\n");
}
