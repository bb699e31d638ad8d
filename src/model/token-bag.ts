import type { BagBlend } from "./ensemble.js";
import { TOKEN_BUCKETS } from "./feature-schema.js";
import { minimizeLbfgs } from "./lbfgs.js";
import type { DesignMatrix } from "./preprocess.js";
import { sigmoid } from "./random.js";

/**
 * The "wide" token member: an L2 logistic regression on the hashed bag of diff tokens, each present bucket weighted
 * by its inverse document frequency and each row scaled to unit length (tf-idf with binary term frequency, as in
 * JITLine, Pornprasit & Tantithamthavorn, MSR 2021). It scores only changes that have tokens; for the others it
 * abstains (NaN) and the ensemble uses the metric members alone.
 */
export interface BagModel {
  kind: "bag";
  buckets: number;
  /** Smoothed idf per bucket: ln((1 + n) / (1 + df)) + 1, fitted on training rows with tokens. */
  idf: number[];
  weights: number[];
  bias: number;
}

export interface BagParams {
  /** Inverse regularisation strength, as sklearn's C: the objective is ½‖w‖² + C · Σ weighted log-loss. */
  c: number;
  maxIterations: number;
}

export const DEFAULT_BAG_PARAMS: BagParams = { c: 1, maxIterations: 300 };

/** Whether row i of the matrix has any token (the bag scores only those). */
export function hasTokens(m: DesignMatrix, i: number): boolean {
  const t = m.tokens?.[i];
  return t !== undefined && t.buckets.length > 0;
}

/**
 * Unit-length tf-idf rows (binary term frequency) as parallel bucket/value arrays; empty for rows without tokens.
 * A row's buckets are distinct: they come from the keys of its feature object (`buildDesignMatrix`).
 */
function tfidfRows(m: DesignMatrix, idf: ArrayLike<number>): { b: Int32Array; v: Float64Array }[] {
  return Array.from({ length: m.n }, (_, i) => {
    const t = m.tokens?.[i];
    const b = t ? t.buckets.filter((_, j) => t.values[j] > 0) : new Int32Array(0);
    const v = Float64Array.from(b, (bucket) => idf[bucket]);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < v.length; j++) v[j] /= norm;
    return { b, v };
  });
}

/** Raw logits; NaN for rows without tokens. */
export function predictBag(model: BagModel, m: DesignMatrix): Float64Array {
  const rows = tfidfRows(m, model.idf);
  return Float64Array.from(rows, (r) => {
    if (r.b.length === 0) return NaN;
    let z = model.bias;
    for (let j = 0; j < r.b.length; j++) z += model.weights[r.b[j]] * r.v[j];
    return z;
  });
}

/** Fits the bag on the rows that have tokens (L-BFGS; deterministic). Returns undefined when too few rows have any. */
export function trainBag(
  m: DesignMatrix,
  y: ArrayLike<number>,
  sampleWeights: ArrayLike<number> | undefined,
  params: Partial<BagParams> = {},
): BagModel | undefined {
  const p = { ...DEFAULT_BAG_PARAMS, ...params };
  const used: number[] = [];
  for (let i = 0; i < m.n; i++) if (hasTokens(m, i)) used.push(i);
  let positives = 0;
  for (const i of used) positives += y[i] ? 1 : 0;
  if (used.length < 20 || positives === 0 || positives === used.length) return undefined;
  const df = new Float64Array(TOKEN_BUCKETS);
  for (const i of used) {
    const t = m.tokens![i];
    for (let j = 0; j < t.buckets.length; j++) if (t.values[j] > 0) df[t.buckets[j]]++;
  }
  const idf = Array.from(df, (d) => Math.log((1 + used.length) / (1 + d)) + 1);
  const all = tfidfRows(m, idf);
  const rows = used.map((i) => all[i]);
  const ys = used.map((i) => y[i]);
  const ws = used.map((i) => (sampleWeights ? sampleWeights[i] : 1));
  // Rescale weights to mean 1 so C keeps its meaning whatever the recency weighting.
  const meanW = ws.reduce((a, b) => a + b, 0) / ws.length;
  for (let k = 0; k < ws.length; k++) ws[k] /= meanW;
  const dim = TOKEN_BUCKETS + 1;
  const { x } = minimizeLbfgs(
    (theta, grad) => {
      grad.fill(0);
      let loss = 0;
      const bias = theta[TOKEN_BUCKETS];
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        let z = bias;
        for (let j = 0; j < r.b.length; j++) z += theta[r.b[j]] * r.v[j];
        const pr = sigmoid(z);
        // log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, computed stably.
        const signed = ys[k] ? -z : z;
        loss += ws[k] * (signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed)));
        const e = ws[k] * (pr - ys[k]) * p.c;
        for (let j = 0; j < r.b.length; j++) grad[r.b[j]] += e * r.v[j];
        grad[TOKEN_BUCKETS] += e;
      }
      let reg = 0;
      for (let j = 0; j < TOKEN_BUCKETS; j++) {
        reg += theta[j] * theta[j];
        grad[j] += theta[j];
      }
      return 0.5 * reg + p.c * loss;
    },
    new Float64Array(dim),
    { maxIterations: p.maxIterations },
  );
  return {
    kind: "bag",
    buckets: TOKEN_BUCKETS,
    idf,
    weights: Array.from(x.subarray(0, TOKEN_BUCKETS)),
    bias: x[TOKEN_BUCKETS],
  };
}

/**
 * bag.json: weights and idf rounded to 7 significant digits (the logit moves by < 1e-6 per token), and the blend,
 * so that the file's checksum (and so the model version) covers how the bag joins the other members.
 */
export function serializeBag(model: BagModel, blend: BagBlend): string {
  const r = (v: number) => Number(v.toPrecision(7));
  return JSON.stringify({
    ...model,
    idf: model.idf.map(r),
    weights: model.weights.map(r),
    bias: r(model.bias),
    blend,
  });
}

/** Thrown when bag.json does not have the expected shape. */
export class BagFormatError extends Error {
  override name = "BagFormatError";
}

/** Parses {@link serializeBag}'s output, checking the vocabulary size and the blend. */
export function parseBag(text: string): { bag: BagModel; blend: BagBlend } {
  const json = JSON.parse(text) as Partial<BagModel> & { blend?: Partial<BagBlend> };
  if (json.kind !== "bag" || !Array.isArray(json.weights) || !Array.isArray(json.idf))
    throw new BagFormatError("not a token-bag file");
  if (
    json.buckets !== TOKEN_BUCKETS ||
    json.weights.length !== TOKEN_BUCKETS ||
    json.idf.length !== TOKEN_BUCKETS
  )
    throw new BagFormatError(
      `token bag has ${json.weights.length} buckets, this code hashes into ${TOKEN_BUCKETS}`,
    );
  const b = json.blend;
  if (
    !b ||
    ![b.metric, b.bag, b.offset, b.intercept].every((v) => typeof v === "number" && Number.isFinite(v))
  )
    throw new BagFormatError("token bag has no blend (metric, bag, offset, intercept)");
  return {
    bag: {
      kind: "bag",
      buckets: TOKEN_BUCKETS,
      idf: json.idf,
      weights: json.weights,
      bias: Number(json.bias),
    },
    blend: b as BagBlend,
  };
}
