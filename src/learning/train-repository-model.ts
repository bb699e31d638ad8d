import * as tf from "@tensorflow/tfjs";
import { applyCalibration, fitPlatt } from "../model/calibrate.js";
import { chooseBands, DEFAULT_BAND_POLICY } from "../model/choose-thresholds.js";
import { type Ensemble, type EnsembleMembers, ensembleLogits, metricLogits } from "../model/ensemble.js";
import { KAMEI_FEATURES } from "../model/feature-schema.js";
import { type GbtParams, trainGbt } from "../model/gradient-boosted-trees.js";
import { loadModelWithManifest } from "../model/load-model.js";
import { trainLogistic } from "../model/logistic-regression.js";
import { brierScore, aucRoc } from "../model/metrics.js";
import { buildDesignMatrix, type DesignMatrix, fitPreprocessing } from "../model/preprocess.js";
import { fitBagBlend } from "../model/train-ensemble.js";
import { predictBag, trainBag } from "../model/token-bag.js";
import { createRandom, shuffledIndices } from "../model/random.js";
import { saveEnsemble } from "../model/save-model.js";
import type { TrainRequest } from "./types.js";

/** Knobs of repository training; the defaults keep a bootstrap to seconds on two cores. */
export interface RepositoryTrainOptions {
  /** Most recent share of the training rows used for calibration, bands and tree early stopping. */
  validFraction: number;
  /** Learning rate of the network's fine-tuning (smaller than from-scratch training: it starts from good weights). */
  fineTuneLearningRate: number;
  batchSize: number;
  gbt: Partial<GbtParams>;
}

export const DEFAULT_REPOSITORY_TRAIN_OPTIONS: RepositoryTrainOptions = {
  validFraction: 0.2,
  fineTuneLearningRate: 5e-4,
  batchSize: 64,
  gbt: { trees: 150, depth: 3, patience: 30, minChildWeight: 3 },
};

/** Not enough rows of both classes to train and calibrate. */
export class TrainingDataError extends Error {
  override name = "TrainingDataError";
}

/**
 * Trains a repository model warm-started from `warmStartDir` (the default model or the current repository
 * model), with the public pieces of src/model:
 *   1. keep the base model's feature schema and scaler, so the base network's weights stay meaningful;
 *   2. fine-tune the base network (Dense 64 → 32 → 1 on logits) on the repository's labelled rows, classes
 *      weighted, for `epochs` epochs at a small learning rate;
 *   3. refit the trees and the logistic member on the same rows (trees cannot be warm-started here), and, when the
 *      commits were mined with diff tokens, fit the token bag and its blend (as `defect train --tokens` does);
 *   4. calibrate (Platt) and choose bands on the most recent `validFraction` — time-ordered, never random;
 *   5. save the artifacts (model.json, weights, trees, manifest with checksum) and return the version.
 * Unlabeled rows are not used: the model work found no gain from self-training (see docs/learning.md).
 */
export async function trainRepositoryModel(
  request: TrainRequest,
  options: Partial<RepositoryTrainOptions> = {},
): Promise<{ version: string }> {
  const o = { ...DEFAULT_REPOSITORY_TRAIN_OPTIONS, ...options };
  const labelled = request.rows.filter((r) => r.label !== null);
  const labels = labelled.map((r) => r.label as number);
  const nValid = Math.max(10, Math.round(labelled.length * o.validFraction));
  const nTrain = labelled.length - nValid;
  const pos = labels.slice(0, nTrain).reduce((s, v) => s + v, 0);
  if (nTrain < 20 || pos === 0 || pos === nTrain) {
    throw new TrainingDataError(
      `cannot train on ${labelled.length} labelled rows (${pos} bug-inducing in the training part); ` +
        "raise learning.historyWindowDays or wait for more labels",
    );
  }
  const base = request.warmStartDir ? await loadModelWithManifest(request.warmStartDir) : null;
  // Commits mined with tokens bring them: the model then reads them through a token bag (the network does not).
  const withTokens = labelled.some((r) => Object.keys(r.features).some((k) => k.startsWith("tok_")));
  const prep = {
    ...(base
      ? base.ensemble.prep
      : fitPreprocessing(
          labelled.slice(0, nTrain).map((r) => r.features),
          KAMEI_FEATURES,
        )),
    ...(withTokens ? { tokens: true } : {}),
  };
  const m = buildDesignMatrix(
    labelled.map((r) => r.features),
    prep,
  );
  const yTrain = labels.slice(0, nTrain);
  const yValid = labels.slice(nTrain);
  const positiveWeight = (nTrain - pos) / pos;

  const members: EnsembleMembers = {};
  if (base?.ensemble.mlp && base.ensemble.mlp.inputs.length === 1) {
    const net = base.ensemble.mlp;
    net.compile({
      optimizer: tf.train.adam(o.fineTuneLearningRate),
      loss: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, logits),
    });
    // tfjs shuffles with Math.random; a seeded permutation per epoch keeps training reproducible.
    const random = createRandom(request.seed * 7919 + 17);
    for (let epoch = 0; epoch < request.epochs; epoch++) {
      const order = shuffledIndices(nTrain, random);
      const xs = new Float32Array(nTrain * m.dim);
      order.forEach((row, k) => xs.set(m.x.subarray(row * m.dim, (row + 1) * m.dim), k * m.dim));
      const x = tf.tensor2d(xs, [nTrain, m.dim]);
      const y = tf.tensor2d(
        Array.from(order, (row) => yTrain[row]),
        [nTrain, 1],
      );
      await net.fit(x, y, {
        epochs: 1,
        batchSize: o.batchSize,
        shuffle: false,
        verbose: 0,
        classWeight: { 0: 1, 1: positiveWeight },
      });
      tf.dispose([x, y]);
    }
    members.mlp = net;
  }
  const sliceRaw = (from: number, to: number) => m.raw.subarray(from * m.rawDim, to * m.rawDim);
  members.gbt = trainGbt(
    sliceRaw(0, nTrain),
    nTrain,
    m.rawDim,
    yTrain,
    yTrain.map((v) => (v ? positiveWeight : 1)),
    { ...o.gbt, seed: request.seed },
    { raw: sliceRaw(nTrain, labelled.length), n: nValid, y: yValid },
  );
  members.logistic = trainLogistic(m.x.subarray(0, nTrain * m.dim), nTrain, m.dim, yTrain, undefined, 1);

  const valid: DesignMatrix = {
    ...m,
    n: nValid,
    x: m.x.subarray(nTrain * m.dim),
    raw: sliceRaw(nTrain, labelled.length),
    tokens: m.tokens?.slice(nTrain),
  };
  if (withTokens) {
    const bag = trainBag({ ...m, n: nTrain, tokens: m.tokens?.slice(0, nTrain) }, yTrain, undefined);
    if (bag) {
      members.bag = bag;
      members.blend = fitBagBlend(metricLogits(members, valid), predictBag(bag, valid), yValid);
    }
  }
  const z = ensembleLogits(members, valid);
  const calibration = fitPlatt(z, yValid);
  const probs = Array.from(z, (v) => applyCalibration(calibration, v));
  const ensemble: Ensemble = {
    prep,
    ...members,
    calibration,
    bands: chooseBands(probs, yValid, DEFAULT_BAND_POLICY),
    bandPolicy: DEFAULT_BAND_POLICY,
  };
  const manifest = await saveEnsemble(ensemble, request.outDir, {
    name: request.name,
    metrics: { validAuc: aucRoc(probs, yValid), validBrier: brierScore(probs, yValid), validRows: nValid },
    dataCard: {
      source: "this repository's mined history, labelled by SZZ, reverts, outcomes and feedback",
      labelled: labelled.length,
      positives: labels.reduce((s, v) => s + v, 0),
      from: labelled[0]?.date ?? null,
      to: labelled[labelled.length - 1]?.date ?? null,
    },
    training: {
      warmStartFrom: base?.manifest.version ?? null,
      fineTunedNetwork: Boolean(members.mlp),
      epochs: request.epochs,
      seed: request.seed,
      trainRows: nTrain,
      positiveWeight,
    },
  });
  return { version: manifest.version };
}
