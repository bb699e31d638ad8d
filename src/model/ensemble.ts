import type * as tf from "@tensorflow/tfjs";
import type { FeatureValues } from "../features/types.js";
import { applyCalibration, type Calibration } from "./calibrate.js";
import type { BandPolicy } from "./choose-thresholds.js";
import { type GbtModel, predictGbt } from "./gradient-boosted-trees.js";
import { type LogisticModel, predictLogistic } from "./logistic-regression.js";
import { predictMlp } from "./mlp.js";
import { buildDesignMatrix, type DesignMatrix, type Preprocessing } from "./preprocess.js";
import type { BandThresholds, RiskModel } from "./types.js";

/** Names of the model kinds an ensemble can hold. */
export type MemberKind = "mlp" | "gbt" | "logistic";

/** A trained ensemble in memory: preprocessing, members, calibration and bands. */
export interface Ensemble {
  prep: Preprocessing;
  mlp?: tf.LayersModel;
  gbt?: GbtModel;
  logistic?: LogisticModel;
  calibration: Calibration;
  bands: BandThresholds;
  bandPolicy: BandPolicy;
}

/** Members present, in a fixed order. */
export function membersOf(e: Pick<Ensemble, "mlp" | "gbt" | "logistic">): MemberKind[] {
  const out: MemberKind[] = [];
  if (e.mlp) out.push("mlp");
  if (e.gbt) out.push("gbt");
  if (e.logistic) out.push("logistic");
  return out;
}

/** Uncalibrated ensemble logit per row: the mean of the members' logits. */
export function ensembleLogits(e: Pick<Ensemble, "mlp" | "gbt" | "logistic">, m: DesignMatrix): Float64Array {
  const parts: Float64Array[] = [];
  if (e.mlp) parts.push(predictMlp(e.mlp, m));
  if (e.gbt) parts.push(predictGbt(e.gbt, m.raw, m.n));
  if (e.logistic) parts.push(predictLogistic(e.logistic, m.x, m.n));
  const out = new Float64Array(m.n);
  for (const p of parts) for (let i = 0; i < m.n; i++) out[i] += p[i] / parts.length;
  return out;
}

/** Calibrated probabilities for a design matrix. */
export function ensembleProbabilities(e: Ensemble, m: DesignMatrix): Float64Array {
  const z = ensembleLogits(e, m);
  return z.map((v) => applyCalibration(e.calibration, v));
}

/** Wraps an ensemble as the RiskModel the pipeline uses. */
export function toRiskModel(e: Ensemble, version: string): RiskModel {
  return {
    version,
    featureNames: e.prep.columns.map((c) => c.name),
    bands: e.bands,
    // The training data's typical change: scaler means back in raw units (geometric mean for log1p counts).
    baseline: Object.fromEntries(
      e.prep.columns.map((c) => [c.name, c.transform === "log1p" ? Math.expm1(c.mean) : c.mean]),
    ),
    async predict(rows: FeatureValues[]): Promise<number[]> {
      if (rows.length === 0) return [];
      return Array.from(ensembleProbabilities(e, buildDesignMatrix(rows, e.prep)));
    },
  };
}
