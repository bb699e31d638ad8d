import type * as tf from "@tensorflow/tfjs";
import type { FeatureValues } from "../features/types.js";
import { applyCalibration, type Calibration } from "./calibrate.js";
import type { BandPolicy } from "./choose-thresholds.js";
import { type GbtModel, predictGbt } from "./gradient-boosted-trees.js";
import { type LogisticModel, predictLogistic } from "./logistic-regression.js";
import { predictMlp } from "./mlp.js";
import { type ForestModel, predictForest } from "./random-forest.js";
import { type BagModel, predictBag } from "./token-bag.js";
import { buildDesignMatrix, type DesignMatrix, type Preprocessing } from "./preprocess.js";
import type { BandThresholds, RiskModel } from "./types.js";

/** Names of the model kinds an ensemble can hold. */
export type MemberKind = "mlp" | "gbt" | "forest" | "logistic" | "bag";

/** Every member kind, in the order members are combined and listed. */
export const MEMBER_KINDS: readonly MemberKind[] = ["mlp", "gbt", "forest", "logistic", "bag"];

/**
 * How the token bag joins the metric members, fitted on the validation slice (logistic stacking):
 * logit = metric · z_metrics + [has tokens] · (bag · z_bag + offset) + intercept.
 */
export interface BagBlend {
  metric: number;
  bag: number;
  offset: number;
  intercept: number;
}

/** A trained ensemble in memory: preprocessing, members, calibration and bands. */
export interface Ensemble {
  prep: Preprocessing;
  mlp?: tf.LayersModel;
  gbt?: GbtModel;
  forest?: ForestModel;
  logistic?: LogisticModel;
  bag?: BagModel;
  /** Present exactly when `bag` is. */
  blend?: BagBlend;
  calibration: Calibration;
  bands: BandThresholds;
  bandPolicy: BandPolicy;
}

/** The trained members of an ensemble (and the bag's blend), without preprocessing or calibration. */
export type EnsembleMembers = Pick<Ensemble, "mlp" | "gbt" | "forest" | "logistic" | "bag" | "blend">;

/** Members present, in a fixed order. */
export function membersOf(e: EnsembleMembers): MemberKind[] {
  const out: MemberKind[] = [];
  if (e.mlp) out.push("mlp");
  if (e.gbt) out.push("gbt");
  if (e.forest) out.push("forest");
  if (e.logistic) out.push("logistic");
  if (e.bag) out.push("bag");
  return out;
}

/** Mean of the metric members' logits per row (everything but the token bag). */
export function metricLogits(e: EnsembleMembers, m: DesignMatrix): Float64Array {
  const parts: Float64Array[] = [];
  if (e.mlp) parts.push(predictMlp(e.mlp, m));
  if (e.gbt) parts.push(predictGbt(e.gbt, m.raw, m.n));
  if (e.forest) parts.push(predictForest(e.forest, m.raw, m.n));
  if (e.logistic) parts.push(predictLogistic(e.logistic, m.x, m.n));
  if (parts.length === 0)
    throw new Error("an ensemble needs at least one metric member (mlp, gbt, forest, logistic)");
  const out = new Float64Array(m.n);
  for (const p of parts) for (let i = 0; i < m.n; i++) out[i] += p[i] / parts.length;
  return out;
}

/** Applies a bag blend to metric and bag logits (a NaN bag logit = the change has no tokens). */
export function blendLogits(blend: BagBlend, metric: Float64Array, bag: Float64Array): Float64Array {
  return metric.map((z, i) => {
    const b = bag[i];
    return blend.metric * z + (Number.isNaN(b) ? 0 : blend.bag * b + blend.offset) + blend.intercept;
  });
}

/**
 * Uncalibrated ensemble logit per row: the mean of the metric members' logits, blended with the token bag's logit
 * on rows that have tokens.
 */
export function ensembleLogits(e: EnsembleMembers, m: DesignMatrix): Float64Array {
  const metric = metricLogits(e, m);
  if (!e.bag || !e.blend) return metric;
  return blendLogits(e.blend, metric, predictBag(e.bag, m));
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
    readsTokens: e.prep.tokens,
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
