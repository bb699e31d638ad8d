import type { FeatureValues } from "../features/types.js";
import { applyCalibration, type Calibration, fitIsotonic, fitPlatt } from "./calibrate.js";
import { type BandPolicy, chooseBands, DEFAULT_BAND_POLICY } from "./choose-thresholds.js";
import {
  type BagBlend,
  type Ensemble,
  type EnsembleMembers,
  ensembleLogits,
  type MemberKind,
  metricLogits,
} from "./ensemble.js";
import { type FeatureDef, type ModelFeatureGroup } from "./feature-schema.js";
import { type GbtParams, trainGbt } from "./gradient-boosted-trees.js";
import { trainLogistic } from "./logistic-regression.js";
import { type ForestParams, trainForest } from "./random-forest.js";
import { type BagParams, predictBag, trainBag } from "./token-bag.js";
import { type MlpTrainOptions, trainMlp } from "./mlp.js";
import { oversampleSmote } from "./oversample-smote.js";
import {
  buildDesignMatrix,
  concatRows,
  type DesignMatrix,
  fitPreprocessing,
  maskGroup,
  type Preprocessing,
  selectRows,
} from "./preprocess.js";
import { createRandom } from "./random.js";

/** Labelled rows in time order (oldest first). */
export interface LabeledRows {
  rows: FeatureValues[];
  labels: number[];
  /** Optional per-row weights (e.g. a lower weight for rows borrowed from other projects). */
  weights?: number[];
}

/** Everything that shapes training; defaults are what the benchmark supports (see docs/model.md). */
export interface TrainOptions {
  features: readonly FeatureDef[];
  members: MemberKind[];
  seed: number;
  /** Most recent share of the training period held out for early stopping, calibration and bands. */
  validFraction: number;
  /** Exact number of trailing rows to validate on (overrides validFraction; for pooled multi-project data). */
  validCount?: number;
  mlp: Partial<MlpTrainOptions>;
  gbt: Partial<GbtParams>;
  forest: Partial<ForestParams>;
  /** The token bag (member `bag`; needs `tokens`). */
  bag: Partial<BagParams>;
  logisticL2: number;
  /** Weight positives by negatives/positives in the MLP's BCE. */
  balanceClasses: boolean;
  oversample: "none" | "smote";
  /** Augmentation: copies of a share of training rows with a whole group masked, so one model serves both. */
  maskGroups: { group: ModelFeatureGroup; rate: number }[];
  calibration: Calibration["method"];
  /**
   * Recency weighting against concept drift: a row's weight halves every `recencyHalfLife` × training period
   * (0 = off).
   */
  recencyHalfLife: number;
  /**
   * After early stopping has chosen epochs / trees on the validation slice, retrain on training + validation rows
   * with those counts (the slice is the most recent, most relevant data). Calibration and bands stay those fitted
   * on the validation slice's out-of-sample scores.
   */
  refit: boolean;
  bandPolicy: BandPolicy;
  tokens: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, "features"> = {
  // MLP + GBT beat MLP + GBT + wide LR on the benchmark (docs/model.md), so the LR is opt-in.
  members: ["mlp", "gbt"],
  seed: 1,
  validFraction: 0.15,
  mlp: {},
  gbt: {},
  forest: {},
  bag: {},
  logisticL2: 1,
  balanceClasses: true,
  oversample: "none",
  maskGroups: [],
  calibration: "platt",
  recencyHalfLife: 0.3,
  refit: true,
  bandPolicy: DEFAULT_BAND_POLICY,
  tokens: false,
};

/** Options of the shipped default model: what the benchmark supports, plus history masking for PRs without history. */
export const DEFAULT_MODEL_OPTIONS: Omit<TrainOptions, "features"> = {
  ...DEFAULT_TRAIN_OPTIONS,
  maskGroups: [{ group: "history", rate: 0.5 }],
  // Pooled projects are ordered project by project, not by date, so row position says nothing about recency.
  recencyHalfLife: 0,
};

/** A trained ensemble plus what training saw (for the manifest and reports). */
export interface TrainResult {
  ensemble: Ensemble;
  info: Record<string, number | string | boolean>;
}

/** A training set: matrix, labels and per-row sample weights. */
interface TrainingSet {
  m: DesignMatrix;
  y: number[];
  w: number[];
}

/** Appends masked copies of a random share of rows for each group in `maskGroups`. */
function augmentWithMasks(set: TrainingSet, opts: TrainOptions, prep: Preprocessing): TrainingSet {
  const random = createRandom(opts.seed * 131 + 3);
  let { m, y, w } = set;
  for (const { group, rate } of opts.maskGroups) {
    const rows: number[] = [];
    for (let i = 0; i < set.m.n; i++) if (random() < rate) rows.push(i);
    const copy = selectRows(set.m, rows);
    maskGroup(copy, prep, group);
    m = concatRows(m, copy);
    y = y.concat(rows.map((i) => set.y[i]));
    w = w.concat(rows.map((i) => set.w[i]));
  }
  return { m, y, w };
}

/** Builds the (augmented, oversampled, recency-weighted) training set from time-ordered rows. */
function buildTrainingSet(
  data: LabeledRows,
  count: number,
  prep: Preprocessing,
  opts: TrainOptions,
): TrainingSet {
  const m = buildDesignMatrix(data.rows.slice(0, count), prep);
  const y = data.labels.slice(0, count);
  const hl = opts.recencyHalfLife * count;
  const w = y.map((_, i) => (hl > 0 ? Math.pow(0.5, (count - 1 - i) / hl) : 1) * (data.weights?.[i] ?? 1));
  let set = augmentWithMasks({ m, y, w }, opts, prep);
  if (opts.oversample === "smote") {
    const over = oversampleSmote(set.m, set.y, opts.seed);
    const meanW = set.w.reduce((a, b) => a + b, 0) / set.w.length;
    set = { ...over, w: set.w.concat(new Array(over.y.length - set.y.length).fill(meanW)) };
  }
  return set;
}

/** Member counts chosen by early stopping, reused when refitting. */
interface StopCounts {
  mlpEpochs?: number;
  gbtTrees?: number;
}

async function fitMembers(
  set: TrainingSet,
  valid: { m: DesignMatrix; y: number[] } | undefined,
  counts: StopCounts,
  opts: TrainOptions,
): Promise<{
  members: EnsembleMembers;
  counts: StopCounts;
  positiveWeight: number;
}> {
  const { m, y, w } = set;
  let pw = 0;
  let nw = 0;
  y.forEach((v, i) => (v ? (pw += w[i]) : (nw += w[i])));
  const positiveWeight = opts.balanceClasses && pw > 0 ? nw / pw : 1;
  const members: EnsembleMembers = {};
  const out: StopCounts = {};
  if (opts.members.includes("mlp")) {
    const r = await trainMlp(m, y, valid, {
      positiveWeight,
      ...opts.mlp,
      ...(counts.mlpEpochs ? { epochs: counts.mlpEpochs } : {}),
      seed: opts.seed,
      // With a token bag the tokens go to the bag; otherwise the network takes them through its embedding bag.
      tokens: opts.tokens && !opts.members.includes("bag"),
      sampleWeights: w,
    });
    members.mlp = r.model;
    out.mlpEpochs = r.bestEpoch + 1;
  }
  if (opts.members.includes("gbt")) {
    const params = { ...opts.gbt, seed: opts.seed, ...(counts.gbtTrees ? { trees: counts.gbtTrees } : {}) };
    members.gbt = trainGbt(
      m.raw,
      m.n,
      m.rawDim,
      y,
      w,
      params,
      valid && { raw: valid.m.raw, n: valid.m.n, y: valid.y },
    );
    out.gbtTrees = members.gbt.trees.length;
  }
  if (opts.members.includes("forest")) {
    members.forest = trainForest(m.raw, m.n, m.rawDim, y, w, { ...opts.forest, seed: opts.seed });
  }
  if (opts.members.includes("logistic")) {
    members.logistic = trainLogistic(m.x, m.n, m.dim, y, w, opts.logisticL2);
  }
  if (opts.members.includes("bag")) {
    if (!opts.tokens) throw new Error('the "bag" member needs token features (train with --tokens)');
    members.bag = trainBag(m, y, w, opts.bag);
  }
  return { members, counts: out, positiveWeight };
}

/**
 * Trains the ensemble on time-ordered rows. The last `validFraction` of rows (the most recent part of the training
 * period) is held out: it drives early stopping, calibration and the band thresholds — a random slice would leak
 * the future into those choices. With `refit`, members are then retrained on all rows with the chosen counts.
 */
export async function trainEnsemble(data: LabeledRows, options: Partial<TrainOptions>): Promise<TrainResult> {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, features: [], ...options };
  if (opts.features.length === 0) throw new Error("trainEnsemble: no features given");
  const n = data.rows.length;
  const nValid = opts.validCount ?? Math.max(1, Math.round(n * opts.validFraction));
  const nTrain = n - nValid;
  if (nTrain < 20 || nValid < 5) throw new Error(`need at least ~30 labelled rows to train, got ${n}`);
  const prep = fitPreprocessing(data.rows.slice(0, nTrain), opts.features, opts.tokens);
  const valid = { m: buildDesignMatrix(data.rows.slice(nTrain), prep), y: data.labels.slice(nTrain) };
  const set = buildTrainingSet(data, nTrain, prep, opts);
  const first = await fitMembers(set, valid, {}, opts);
  const info: TrainResult["info"] = {
    trainRows: nTrain,
    validRows: nValid,
    trainingSetRows: set.m.n,
    positiveWeight: first.positiveWeight,
  };
  if (first.counts.mlpEpochs) info.mlpEpochs = first.counts.mlpEpochs;
  if (first.counts.gbtTrees) info.gbtTrees = first.counts.gbtTrees;
  if (first.members.bag) {
    first.members.blend = fitBagBlend(
      metricLogits(first.members, valid.m),
      predictBag(first.members.bag, valid.m),
      valid.y,
    );
    info.bagBlend = JSON.stringify(first.members.blend);
  } else if (opts.members.includes("bag")) {
    info.bag = "skipped: fewer than 20 training changes with tokens, or only one class among them";
  }
  const z = ensembleLogits(first.members, valid.m);
  const calibration = opts.calibration === "isotonic" ? fitIsotonic(z, valid.y) : fitPlatt(z, valid.y);
  const probs = Array.from(z, (v) => applyCalibration(calibration, v));
  const bands = chooseBands(probs, valid.y, opts.bandPolicy);
  let members = first.members;
  if (opts.refit) {
    first.members.mlp?.dispose();
    members = (await fitMembers(buildTrainingSet(data, n, prep, opts), undefined, first.counts, opts))
      .members;
    // The blend stays the one fitted on the validation slice's out-of-sample scores, like the calibration.
    if (members.bag && first.members.blend) members.blend = first.members.blend;
    else delete members.bag;
    info.refitRows = n;
  }
  return { ensemble: { prep, ...members, calibration, bands, bandPolicy: opts.bandPolicy }, info };
}

/**
 * Logistic stacking of the metric members' mean logit and the bag's logit on the validation slice:
 * logit = metric · z_metrics + [has tokens] · (bag · z_bag + offset) + intercept. Without validation rows that have
 * tokens the bag gets weight 0 (the metric logit passes through unchanged).
 */
export function fitBagBlend(metric: Float64Array, bag: Float64Array, y: number[]): BagBlend {
  const n = metric.length;
  const withTokens = bag.reduce((c, b) => c + (Number.isNaN(b) ? 0 : 1), 0);
  if (withTokens < 5) return { metric: 1, bag: 0, offset: 0, intercept: 0 };
  const x = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const has = !Number.isNaN(bag[i]);
    x[i * 3] = metric[i];
    x[i * 3 + 1] = has ? bag[i] : 0;
    x[i * 3 + 2] = has ? 1 : 0;
  }
  // L2 = 1 (as the wide member): negligible on thousands of validation rows, but on a small separable slice it keeps
  // the weights, and so the calibrated probabilities, from running off to exactly 0 or 1.
  const fit = trainLogistic(x, n, 3, y, undefined, 1);
  return { metric: fit.weights[0], bag: fit.weights[1], offset: fit.weights[2], intercept: fit.bias };
}
