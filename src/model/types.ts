import type { FeatureValues } from "../features/types.js";

/** Band thresholds on the calibrated probability. Derived from calibration, stored in the manifest. */
export interface BandThresholds {
  /** p >= medium → "medium". */
  medium: number;
  /** p >= high → "high". */
  high: number;
}

export type RiskBand = "low" | "medium" | "high";

/** A loaded, ready-to-score model. Implemented in src/model; consumed by the pipeline. */
export interface RiskModel {
  /** e.g. `default-2026.12.04-1a2b3c4` — shown in every check run. */
  version: string;
  /** Feature names in the order the model expects them. */
  featureNames: readonly string[];
  bands: BandThresholds;
  /**
   * A typical change of the training data in raw feature units (e.g. the scaler means, transformed back; see
   * `baselineFromScaler`): the attribution baseline when the repository has no clean history of its own.
   */
  baseline?: FeatureValues;
  /**
   * The model also reads sparse `tok_<bucket>` counts (a token member). Explanations then treat all of a change's
   * tokens as one player, so the attributions still add up to the score.
   */
  readsTokens?: boolean;
  /** Calibrated probabilities that each change is bug-inducing, one per row. Missing features may be null/absent. */
  predict(rows: FeatureValues[]): Promise<number[]>;
}
