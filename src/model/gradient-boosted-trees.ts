import { binMatrix } from "./histogram-bins.js";
import { createRandom, sigmoid } from "./random.js";

/** Hyper-parameters of the gradient-boosted trees (logistic loss, histogram splits, missing values learned). */
export interface GbtParams {
  trees: number;
  depth: number;
  learningRate: number;
  /** Minimum hessian sum in a child. */
  minChildWeight: number;
  /** L2 on leaf values. */
  lambda: number;
  /** Row fraction per tree. */
  subsample: number;
  /** Feature fraction per tree. */
  colsample: number;
  bins: number;
  seed: number;
  /** Stop when validation log-loss has not improved for this many trees. */
  patience: number;
}

export const DEFAULT_GBT_PARAMS: GbtParams = {
  trees: 400,
  depth: 4,
  learningRate: 0.05,
  minChildWeight: 5,
  lambda: 5,
  subsample: 0.8,
  colsample: 0.8,
  bins: 64,
  seed: 1,
  patience: 60,
};

/** One tree as flat arrays; node 0 is the root, `feature[k] < 0` marks a leaf holding `value[k]`. */
export interface GbtTree {
  feature: number[];
  threshold: number[];
  /** Where a missing value goes at a split. */
  missingLeft: boolean[];
  left: number[];
  right: number[];
  value: number[];
}

/** A trained ensemble of trees over `featureCount` raw (transformed, unscaled) columns. */
export interface GbtModel {
  kind: "gbt";
  featureCount: number;
  base: number;
  trees: GbtTree[];
}

/** Raw logits (margins) for n rows of `d` columns; NaN means missing. */
export function predictGbt(model: GbtModel, raw: Float32Array, n: number): Float64Array {
  return addTreeValues(model.trees, raw, n, model.featureCount, new Float64Array(n).fill(model.base));
}

/** Adds, per row, the value of the leaf each tree sends it to (missing values follow the learned branch). */
export function addTreeValues(
  trees: readonly GbtTree[],
  raw: Float32Array,
  n: number,
  d: number,
  out: Float64Array,
): Float64Array {
  for (const t of trees) {
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (t.feature[k] >= 0) {
        const v = raw[i * d + t.feature[k]];
        k = Number.isNaN(v)
          ? t.missingLeft[k]
            ? t.left[k]
            : t.right[k]
          : v <= t.threshold[k]
            ? t.left[k]
            : t.right[k];
      }
      out[i] += t.value[k];
    }
  }
  return out;
}

/** Appends a leaf holding `value` and returns its index (a split later fills its feature, threshold, children). */
export function addLeaf(tree: GbtTree, value: number): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.missingLeft.push(false);
  tree.left.push(-1);
  tree.right.push(-1);
  return tree.value.push(value) - 1;
}

/** Splits a node's rows by bin: ≤ `bin` left, missing (bin `nb + 1`) to the side `missingLeft` names. */
export function partitionRows(
  rows: readonly number[],
  binned: Uint8Array,
  d: number,
  feature: number,
  nb: number,
  bin: number,
  missingLeft: boolean,
): { left: number[]; right: number[] } {
  const left: number[] = [];
  const right: number[] = [];
  for (const i of rows) {
    const b = binned[i * d + feature];
    ((b === nb + 1 ? missingLeft : b <= bin) ? left : right).push(i);
  }
  return { left, right };
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

/** Trains the trees with early stopping on `valid` (when given), keeping the best number of trees. */
export function trainGbt(
  raw: Float32Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  params: Partial<GbtParams> = {},
  valid?: { raw: Float32Array; n: number; y: ArrayLike<number> },
): GbtModel {
  const p = { ...DEFAULT_GBT_PARAMS, ...params };
  const random = createRandom(p.seed);
  const { cuts, binned } = binMatrix(raw, n, d, p.bins);
  const stride = p.bins + 1;
  const w = (i: number) => (weights ? weights[i] : 1);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w(i);
    swy += w(i) * y[i];
  }
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, swy / sw));
  const base = Math.log(prior / (1 - prior));
  const margin = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const model: GbtModel = { kind: "gbt", featureCount: d, base, trees: [] };
  const validMargin = valid ? new Float64Array(valid.n).fill(base) : undefined;
  let best = Infinity;
  let bestCount = 0;
  const hg = new Float64Array(d * stride);
  const hh = new Float64Array(d * stride);

  for (let t = 0; t < p.trees; t++) {
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(margin[i]);
      grad[i] = w(i) * (pr - y[i]);
      hess[i] = w(i) * Math.max(pr * (1 - pr), 1e-6);
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (p.subsample >= 1 || random() < p.subsample) rows.push(i);
    const feats: number[] = [];
    for (let j = 0; j < d; j++) if (random() < p.colsample) feats.push(j);
    if (feats.length === 0) feats.push(Math.floor(random() * d));

    const tree: GbtTree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
    const grow = (nodeRows: number[], depth: number): number => {
      let G = 0;
      let H = 0;
      for (const i of nodeRows) {
        G += grad[i];
        H += hess[i];
      }
      const k = addLeaf(tree, (-G / (H + p.lambda)) * p.learningRate);
      if (depth >= p.depth || H < 2 * p.minChildWeight) return k;
      hg.fill(0);
      hh.fill(0);
      for (const i of nodeRows) {
        const g = grad[i];
        const h = hess[i];
        for (const j of feats) {
          const idx = j * stride + binned[i * d + j];
          hg[idx] += g;
          hh[idx] += h;
        }
      }
      const parent = (G * G) / (H + p.lambda);
      let split: Split = { gain: 1e-9, feature: -1, bin: -1, missingLeft: false };
      for (const j of feats) {
        const nb = cuts[j].length;
        const mg = hg[j * stride + nb + 1];
        const mh = hh[j * stride + nb + 1];
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nb; b++) {
          gl += hg[j * stride + b];
          hl += hh[j * stride + b];
          for (const missLeft of [false, true]) {
            const GL = missLeft ? gl + mg : gl;
            const HL = missLeft ? hl + mh : hl;
            const GR = G - GL;
            const HR = H - HL;
            if (HL < p.minChildWeight || HR < p.minChildWeight) continue;
            const gain = (GL * GL) / (HL + p.lambda) + (GR * GR) / (HR + p.lambda) - parent;
            if (gain > split.gain) split = { gain, feature: j, bin: b, missingLeft: missLeft };
          }
        }
      }
      if (split.feature < 0) return k;
      const j = split.feature;
      const parts = partitionRows(nodeRows, binned, d, j, cuts[j].length, split.bin, split.missingLeft);
      tree.feature[k] = j;
      tree.threshold[k] = cuts[j][split.bin];
      tree.missingLeft[k] = split.missingLeft;
      tree.left[k] = grow(parts.left, depth + 1);
      tree.right[k] = grow(parts.right, depth + 1);
      return k;
    };
    grow(rows, 0);
    model.trees.push(tree);
    const one: GbtModel = { ...model, base: 0, trees: [tree] };
    const delta = predictGbt(one, raw, n);
    for (let i = 0; i < n; i++) margin[i] += delta[i];
    if (valid && validMargin) {
      const vd = predictGbt(one, valid.raw, valid.n);
      let loss = 0;
      for (let i = 0; i < valid.n; i++) {
        validMargin[i] += vd[i];
        const pr = Math.min(1 - 1e-7, Math.max(1e-7, sigmoid(validMargin[i])));
        loss -= valid.y[i] ? Math.log(pr) : Math.log(1 - pr);
      }
      if (loss < best - 1e-9) {
        best = loss;
        bestCount = model.trees.length;
      } else if (model.trees.length - bestCount >= p.patience) break;
    }
  }
  if (valid) model.trees.length = Math.max(1, bestCount);
  return model;
}
