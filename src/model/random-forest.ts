import { addLeaf, addTreeValues, type GbtTree, partitionRows } from "./gradient-boosted-trees.js";
import { binMatrix } from "./histogram-bins.js";
import { createRandom, logit } from "./random.js";

/** Hyper-parameters of the random forest (bagged deep classification trees, Gini splits on quantile bins). */
export interface ForestParams {
  trees: number;
  /** Depth limit; leaves are mostly bounded by `minLeaf`. */
  maxDepth: number;
  /** Minimum bootstrap rows (with multiplicity) in a leaf. */
  minLeaf: number;
  /** Share of the features tried at each node. */
  maxFeatures: number;
  bins: number;
  seed: number;
}

export const DEFAULT_FOREST_PARAMS: ForestParams = {
  trees: 200,
  maxDepth: 24,
  minLeaf: 20,
  maxFeatures: 0.5,
  bins: 64,
  seed: 1,
};

/**
 * A trained forest over `featureCount` raw (transformed, unscaled) columns. Trees share the GBT tree layout; a leaf
 * holds the weighted share of bug-inducing rows that reached it, divided by the number of trees, so the sum over
 * trees is the forest's probability.
 */
export interface ForestModel {
  kind: "forest";
  featureCount: number;
  trees: GbtTree[];
}

/** The forest's mean leaf probability per row, as a logit (so it averages with the other members' logits). */
export function predictForest(model: ForestModel, raw: Float32Array, n: number): Float64Array {
  const prob = addTreeValues(model.trees, raw, n, model.featureCount, new Float64Array(n));
  // A leaf share of exactly 0 or 1 is common; keep the logit finite and the ranking within 1e-4 of the ends.
  return prob.map((p) => logit(Math.min(1 - 1e-4, Math.max(1e-4, p))));
}

/**
 * Trains a random forest (Breiman 2001): each tree on a bootstrap sample, each node choosing the best Gini split
 * among a random `maxFeatures` share of the features, missing values sent to whichever side is better. Sample
 * weights (recency, borrowed rows) scale both the impurity and the leaf shares. Deterministic under `seed`.
 */
export function trainForest(
  raw: Float32Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  params: Partial<ForestParams> = {},
): ForestModel {
  const p = { ...DEFAULT_FOREST_PARAMS, ...params };
  if (n === 0) throw new Error("trainForest: no rows");
  const random = createRandom(p.seed * 7919 + 17);
  const { cuts, binned } = binMatrix(raw, n, d, p.bins);
  const stride = p.bins + 1;
  const tryCount = Math.max(1, Math.min(d, Math.round(p.maxFeatures * d)));
  const hw = new Float64Array(d * stride);
  const hp = new Float64Array(d * stride);
  const hc = new Float64Array(d * stride);
  const count = new Uint16Array(n);
  const wt = new Float64Array(n);
  const model: ForestModel = { kind: "forest", featureCount: d, trees: [] };
  const order = Array.from({ length: d }, (_, j) => j);

  for (let t = 0; t < p.trees; t++) {
    count.fill(0);
    for (let s = 0; s < n; s++) count[Math.floor(random() * n)]++;
    const rows: number[] = [];
    for (let i = 0; i < n; i++)
      if (count[i] > 0) {
        rows.push(i);
        wt[i] = count[i] * (weights ? weights[i] : 1);
      }
    const tree: GbtTree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
    const grow = (nodeRows: number[], depth: number): number => {
      let W = 0;
      let P = 0;
      let C = 0;
      for (const i of nodeRows) {
        W += wt[i];
        P += wt[i] * y[i];
        C += count[i];
      }
      const k = addLeaf(tree, (W > 0 ? P / W : 0) / p.trees);
      if (depth >= p.maxDepth || C < 2 * p.minLeaf || P <= 0 || P >= W) return k;
      // Partial Fisher–Yates: the first tryCount entries of `order` are this node's candidate features.
      for (let a = 0; a < tryCount; a++) {
        const b = a + Math.floor(random() * (d - a));
        const tmp = order[a];
        order[a] = order[b];
        order[b] = tmp;
      }
      const feats = order.slice(0, tryCount);
      for (const j of feats) {
        hw.fill(0, j * stride, (j + 1) * stride);
        hp.fill(0, j * stride, (j + 1) * stride);
        hc.fill(0, j * stride, (j + 1) * stride);
      }
      for (const i of nodeRows) {
        const w = wt[i];
        const yp = w * y[i];
        const c = count[i];
        for (const j of feats) {
          const idx = j * stride + binned[i * d + j];
          hw[idx] += w;
          hp[idx] += yp;
          hc[idx] += c;
        }
      }
      // Gini impurity of a node, weighted by its size: W · 2p(1 − p) = 2 P (W − P) / W.
      const gini = (w: number, pos: number) => (w > 0 ? (2 * pos * (w - pos)) / w : 0);
      const parent = gini(W, P);
      let best = { gain: 1e-12, feature: -1, bin: -1, missingLeft: false };
      for (const j of feats) {
        const nb = cuts[j].length;
        const mw = hw[j * stride + nb + 1];
        const mp = hp[j * stride + nb + 1];
        const mc = hc[j * stride + nb + 1];
        let wl = 0;
        let pl = 0;
        let cl = 0;
        for (let b = 0; b < nb; b++) {
          wl += hw[j * stride + b];
          pl += hp[j * stride + b];
          cl += hc[j * stride + b];
          for (const missLeft of mc > 0 ? [false, true] : [false]) {
            const WL = missLeft ? wl + mw : wl;
            const PL = missLeft ? pl + mp : pl;
            const CL = missLeft ? cl + mc : cl;
            if (CL < p.minLeaf || C - CL < p.minLeaf) continue;
            const gain = parent - gini(WL, PL) - gini(W - WL, P - PL);
            if (gain > best.gain) best = { gain, feature: j, bin: b, missingLeft: missLeft };
          }
        }
      }
      if (best.feature < 0) return k;
      const j = best.feature;
      const parts = partitionRows(nodeRows, binned, d, j, cuts[j].length, best.bin, best.missingLeft);
      tree.feature[k] = j;
      tree.threshold[k] = cuts[j][best.bin];
      tree.missingLeft[k] = best.missingLeft;
      tree.left[k] = grow(parts.left, depth + 1);
      tree.right[k] = grow(parts.right, depth + 1);
      return k;
    };
    grow(rows, 0);
    model.trees.push(tree);
  }
  return model;
}
