import type { FeatureValues } from "../features/types.js";
import { ensembleProbabilities } from "./ensemble.js";
import { buildDesignMatrix } from "./preprocess.js";
import { type LabeledRows, type TrainOptions, type TrainResult, trainEnsemble } from "./train-ensemble.js";

/** Self-training settings: which pseudo-labels are trusted and how much they weigh. */
export interface SelfTrainingOptions {
  /** Calibrated probability at or above which an unlabeled change becomes a pseudo "bug". */
  bugAbove: number;
  /** At or below which it becomes a pseudo "clean". */
  cleanBelow: number;
  /** Sample weight of a pseudo-labelled row (labelled rows weigh 1). */
  weight: number;
  rounds: number;
}

export const DEFAULT_SELF_TRAINING: SelfTrainingOptions = {
  bugAbove: 0.8,
  cleanBelow: 0.1,
  weight: 0.5,
  rounds: 1,
};

/**
 * Self-training with confidence thresholds: train on labelled rows, pseudo-label the unlabeled rows the calibrated
 * model is confident about, retrain with them (down-weighted) inserted before the validation slice, so early
 * stopping and calibration still only see real labels.
 */
export async function trainSelfSupervised(
  labeled: LabeledRows,
  unlabeled: FeatureValues[],
  options: Partial<TrainOptions>,
  self: Partial<SelfTrainingOptions> = {},
): Promise<TrainResult & { pseudoLabels: { bug: number; clean: number } }> {
  const s = { ...DEFAULT_SELF_TRAINING, ...self };
  let result = await trainEnsemble(labeled, options);
  let pseudo = { bug: 0, clean: 0 };
  const n = labeled.rows.length;
  const nValid = options.validCount ?? Math.max(1, Math.round(n * (options.validFraction ?? 0.15)));
  for (let round = 0; round < s.rounds && unlabeled.length > 0; round++) {
    const probs = ensembleProbabilities(result.ensemble, buildDesignMatrix(unlabeled, result.ensemble.prep));
    const rows: FeatureValues[] = [];
    const labels: number[] = [];
    pseudo = { bug: 0, clean: 0 };
    probs.forEach((p, i) => {
      const label = p >= s.bugAbove ? 1 : p <= s.cleanBelow ? 0 : -1;
      if (label < 0) return;
      rows.push(unlabeled[i]);
      labels.push(label);
      if (label) pseudo.bug++;
      else pseudo.clean++;
    });
    if (rows.length === 0) break;
    result.ensemble.mlp?.dispose();
    const w = labeled.weights ?? new Array(n).fill(1);
    result = await trainEnsemble(
      {
        rows: [...labeled.rows.slice(0, n - nValid), ...rows, ...labeled.rows.slice(n - nValid)],
        labels: [...labeled.labels.slice(0, n - nValid), ...labels, ...labeled.labels.slice(n - nValid)],
        weights: [
          ...w.slice(0, n - nValid),
          ...new Array(rows.length).fill(s.weight),
          ...w.slice(n - nValid),
        ],
      },
      { ...options, validCount: nValid },
    );
  }
  result.info.pseudoBug = pseudo.bug;
  result.info.pseudoClean = pseudo.clean;
  return { ...result, pseudoLabels: pseudo };
}
