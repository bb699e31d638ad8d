import * as tf from "@tensorflow/tfjs";
import { TOKEN_BUCKETS } from "./feature-schema.js";
import { aucRoc } from "./metrics.js";
import { type DesignMatrix, denseTokens } from "./preprocess.js";
import { createRandom, shuffledIndices } from "./random.js";

/** Shape of the network. */
export interface MlpShape {
  inputDim: number;
  /** Adds a sparse token input summed through a learned embedding (an embedding bag as a bias-free dense layer). */
  tokens: boolean;
  tokenEmbedding?: number;
  dropout?: number;
  seed: number;
}

/** Training options of the network. */
export interface MlpTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** "bce": weighted binary cross-entropy on logits; "focal": focal loss (γ, α). */
  loss: "bce" | "focal";
  /** Weight of positives in BCE (e.g. negatives/positives); 1 = unweighted. */
  positiveWeight: number;
  focalGamma: number;
  focalAlpha: number;
  l2: number;
  /** Epochs without validation AUC improvement before stopping (best weights are restored). */
  patience: number;
  seed: number;
  /** Called after each epoch with the validation AUC (TensorBoard logging, progress). */
  onEpoch?: (epoch: number, validAuc: number) => void;
}

export const DEFAULT_MLP_OPTIONS: MlpTrainOptions = {
  epochs: 40,
  batchSize: 256,
  learningRate: 2e-3,
  loss: "bce",
  positiveWeight: 1,
  focalGamma: 2,
  focalAlpha: 0.5,
  l2: 1e-4,
  patience: 6,
  seed: 1,
};

/**
 * The classic JIT network: Dense 64 ReLU → Dropout 0.3 → Dense 32 ReLU → BatchNorm → Dense 1 (logit).
 * Inputs are standardised features plus one presence indicator per group.
 */
export function createMlp(shape: MlpShape): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: shape.seed * 7919 + k });
  const dense = tf.input({ shape: [shape.inputDim], name: "features" });
  const inputs = [dense];
  let h: tf.SymbolicTensor = dense;
  if (shape.tokens) {
    const tokens = tf.input({ shape: [TOKEN_BUCKETS], name: "tokens" });
    inputs.push(tokens);
    const bag = tf.layers
      .dense({
        units: shape.tokenEmbedding ?? 16,
        useBias: false,
        kernelInitializer: init(9),
        name: "token_bag",
      })
      .apply(tokens) as tf.SymbolicTensor;
    h = tf.layers.concatenate().apply([dense, bag]) as tf.SymbolicTensor;
  }
  h = tf.layers
    .dense({ units: 64, activation: "relu", kernelInitializer: init(1) })
    .apply(h) as tf.SymbolicTensor;
  h = tf.layers.dropout({ rate: shape.dropout ?? 0.3, seed: shape.seed }).apply(h) as tf.SymbolicTensor;
  h = tf.layers
    .dense({ units: 32, activation: "relu", kernelInitializer: init(2) })
    .apply(h) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({ units: 1, kernelInitializer: init(3), name: "logit" })
    .apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs: logit, name: "jit_mlp" });
}

function batchInputs(m: DesignMatrix, rows: ArrayLike<number>, tokens: boolean): tf.Tensor[] {
  const x = new Float32Array(rows.length * m.dim);
  for (let k = 0; k < rows.length; k++)
    x.set(m.x.subarray(rows[k] * m.dim, (rows[k] + 1) * m.dim), k * m.dim);
  const out = [tf.tensor2d(x, [rows.length, m.dim])];
  if (tokens) out.push(tf.tensor2d(denseTokens(m, rows), [rows.length, TOKEN_BUCKETS]));
  return out;
}

/** Logits for every row of `m`, in batches. */
export function predictMlp(model: tf.LayersModel, m: DesignMatrix, batchSize = 4096): Float64Array {
  const tokens = model.inputs.length > 1;
  const out = new Float64Array(m.n);
  for (let start = 0; start < m.n; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, m.n - start) }, (_, k) => start + k);
    const values = tf.tidy(() => {
      const inputs = batchInputs(m, rows, tokens);
      return (model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor).dataSync();
    });
    out.set(values, start);
  }
  return out;
}

function lossOn(logits: tf.Tensor, y: tf.Tensor, sw: tf.Tensor, opts: MlpTrainOptions): tf.Scalar {
  // Per-example BCE on logits, stable form: max(z,0) − z·y + log(1 + e^−|z|).
  const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  if (opts.loss === "focal") {
    const p = tf.sigmoid(logits);
    const pt = tf.add(tf.mul(y, p), tf.mul(tf.sub(1, y), tf.sub(1, p)));
    const alpha = tf.add(tf.mul(y, opts.focalAlpha), tf.mul(tf.sub(1, y), 1 - opts.focalAlpha));
    const focal = tf.mul(tf.mul(alpha, tf.pow(tf.sub(1, pt), opts.focalGamma)), bce);
    return tf.div(tf.sum(tf.mul(sw, focal)), tf.sum(sw)) as tf.Scalar;
  }
  const w = tf.mul(sw, tf.add(tf.mul(y, opts.positiveWeight - 1), 1));
  return tf.div(tf.sum(tf.mul(w, bce)), tf.sum(w)) as tf.Scalar;
}

/** What training did: epochs run, the best epoch, and validation AUC per epoch. */
export interface MlpTrainResult {
  model: tf.LayersModel;
  bestEpoch: number;
  validAuc: number[];
}

/**
 * Trains with Adam, shuffling with a seeded PRNG, and early stopping on the AUC of `valid` (the most recent slice
 * of the training period), restoring the best weights.
 */
export async function trainMlp(
  train: DesignMatrix,
  y: ArrayLike<number>,
  valid: { m: DesignMatrix; y: ArrayLike<number> } | undefined,
  options: Partial<MlpTrainOptions> & {
    tokens?: boolean;
    dropout?: number;
    sampleWeights?: ArrayLike<number>;
  },
): Promise<MlpTrainResult> {
  const opts = { ...DEFAULT_MLP_OPTIONS, ...options };
  const tokens = options.tokens ?? false;
  const model = createMlp({ inputDim: train.dim, tokens, seed: opts.seed, dropout: options.dropout });
  const optimizer = tf.train.adam(opts.learningRate);
  const random = createRandom(opts.seed * 31 + 7);
  const kernels = model.trainableWeights.filter((w) => w.name.includes("kernel")).map((w) => w.read());
  let best = -Infinity;
  let bestEpoch = -1;
  let bestWeights: tf.Tensor[] | undefined;
  const history: number[] = [];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffledIndices(train.n, random);
    for (let start = 0; start < train.n; start += opts.batchSize) {
      const rows = order.subarray(start, Math.min(train.n, start + opts.batchSize));
      if (rows.length < 2) continue; // BatchNorm needs more than one row
      const labels = Float32Array.from(rows, (i) => y[i]);
      const weights = Float32Array.from(rows, (i) => options.sampleWeights?.[i] ?? 1);
      tf.tidy(() => {
        const inputs = batchInputs(train, rows, tokens);
        const target = tf.tensor2d(labels, [rows.length, 1]);
        const sw = tf.tensor2d(weights, [rows.length, 1]);
        optimizer.minimize(() => {
          const logits = model.apply(inputs.length === 1 ? inputs[0] : inputs, {
            training: true,
          }) as tf.Tensor;
          const penalty = kernels.reduce((s: tf.Tensor, k) => tf.add(s, tf.sum(tf.square(k))), tf.scalar(0));
          return tf.add(lossOn(logits, target, sw, opts), tf.mul(penalty, opts.l2)) as tf.Scalar;
        });
      });
    }
    if (!valid) continue;
    const auc = aucRoc(predictMlp(model, valid.m), valid.y);
    history.push(auc);
    opts.onEpoch?.(epoch, auc);
    if (auc > best + 1e-5) {
      best = auc;
      bestEpoch = epoch;
      bestWeights?.forEach((t) => t.dispose());
      bestWeights = model.getWeights().map((w) => w.clone());
    } else if (epoch - bestEpoch >= opts.patience) break;
    await new Promise((r) => setImmediate(r));
  }
  if (bestWeights) {
    model.setWeights(bestWeights);
    bestWeights.forEach((t) => t.dispose());
  }
  optimizer.dispose();
  return { model, bestEpoch: valid ? bestEpoch : opts.epochs - 1, validAuc: history };
}
