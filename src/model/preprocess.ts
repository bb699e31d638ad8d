import type { FeatureValues } from "../features/types.js";
import {
  DERIVED_FEATURES,
  type FeatureDef,
  type ModelFeatureGroup,
  TOKEN_BUCKETS,
  tokenBucket,
} from "./feature-schema.js";

/** One dense input column with the scaler fitted on training rows only. */
export interface ScalerColumn extends FeatureDef {
  mean: number;
  sd: number;
}

/** Preprocessing saved in the manifest: transform → standardise → mask. */
export interface Preprocessing {
  columns: ScalerColumn[];
  /** Maskable groups, in the order of their presence-indicator inputs. */
  groups: ModelFeatureGroup[];
  /** Whether the model has a sparse token (embedding-bag) input. */
  tokens: boolean;
}

/**
 * Rows turned into numbers. `x` is what the network sees (standardised, missing → 0 i.e. the training mean,
 * then one presence indicator per group); `raw` is transformed but unscaled with NaN for missing (for trees).
 */
export interface DesignMatrix {
  n: number;
  dim: number;
  x: Float32Array;
  rawDim: number;
  raw: Float32Array;
  /** Per row: sparse token buckets and their log1p counts (only when the model has tokens). */
  tokens?: { buckets: Int32Array; values: Float32Array }[];
}

function applyTransform(v: number, transform: FeatureDef["transform"]): number {
  // Signed log1p: counts are non-negative, but derived features may not be.
  return transform === "log1p" ? Math.sign(v) * Math.log1p(Math.abs(v)) : v;
}

const DERIVED = new Map(DERIVED_FEATURES.map((d) => [d.name, d]));

function valueOf(row: FeatureValues, name: string): number {
  const v = row[name];
  if (v === undefined && DERIVED.has(name)) {
    const d = DERIVED.get(name)!;
    const inputs = d.inputs.map((i) => valueOf(row, i));
    return inputs.some(Number.isNaN) ? NaN : d.compute(inputs);
  }
  return v === null || v === undefined || !Number.isFinite(v) ? NaN : v;
}

/** Fits the scaler (mean/sd after the transform) on training rows only. */
export function fitPreprocessing(
  rows: FeatureValues[],
  defs: readonly FeatureDef[],
  tokens = false,
): Preprocessing {
  const columns = defs.map((def) => {
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (const row of rows) {
      const v = valueOf(row, def.name);
      if (Number.isNaN(v)) continue;
      const t = applyTransform(v, def.transform);
      sum += t;
      sumSq += t * t;
      count++;
    }
    const mean = count ? sum / count : 0;
    const sd = count ? Math.sqrt(Math.max(0, sumSq / count - mean * mean)) : 1;
    return { ...def, mean, sd: sd > 1e-9 ? sd : 1 };
  });
  const groups = [...new Set(columns.map((c) => c.group))].filter((g) => g !== "tokens");
  return { columns, groups, tokens };
}

/** Builds the design matrix for rows under a fitted preprocessing. */
export function buildDesignMatrix(rows: FeatureValues[], prep: Preprocessing): DesignMatrix {
  const n = rows.length;
  const d = prep.columns.length;
  const dim = d + prep.groups.length;
  const x = new Float32Array(n * dim);
  const raw = new Float32Array(n * d);
  const groupIndex = prep.columns.map((c) => prep.groups.indexOf(c.group));
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    for (let j = 0; j < d; j++) {
      const c = prep.columns[j];
      const v = valueOf(row, c.name);
      if (Number.isNaN(v)) {
        raw[i * d + j] = NaN;
        continue;
      }
      const t = applyTransform(v, c.transform);
      raw[i * d + j] = t;
      x[i * dim + j] = (t - c.mean) / c.sd;
      x[i * dim + d + groupIndex[j]] = 1;
    }
  }
  const out: DesignMatrix = { n, dim, x, rawDim: d, raw };
  if (prep.tokens) out.tokens = rows.map(sparseTokens);
  return out;
}

function sparseTokens(row: FeatureValues): { buckets: Int32Array; values: Float32Array } {
  const buckets: number[] = [];
  const values: number[] = [];
  for (const [name, v] of Object.entries(row)) {
    const b = tokenBucket(name);
    if (b === undefined || v === null || !(v > 0)) continue;
    buckets.push(b);
    values.push(Math.log1p(v));
  }
  return { buckets: Int32Array.from(buckets), values: Float32Array.from(values) };
}

/** Dense multi-hot block of the token input for the given rows (built per batch to keep memory small). */
export function denseTokens(m: DesignMatrix, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * TOKEN_BUCKETS);
  for (let k = 0; k < rows.length; k++) {
    const t = m.tokens?.[rows[k]];
    if (!t) continue;
    for (let j = 0; j < t.buckets.length; j++) out[k * TOKEN_BUCKETS + t.buckets[j]] += t.values[j];
  }
  return out;
}

/** Copies the given rows of a matrix (used for splits, augmentation and oversampling). */
export function selectRows(m: DesignMatrix, rows: ArrayLike<number>): DesignMatrix {
  const n = rows.length;
  const x = new Float32Array(n * m.dim);
  const raw = new Float32Array(n * m.rawDim);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    x.set(m.x.subarray(i * m.dim, (i + 1) * m.dim), k * m.dim);
    raw.set(m.raw.subarray(i * m.rawDim, (i + 1) * m.rawDim), k * m.rawDim);
  }
  const out: DesignMatrix = { n, dim: m.dim, x, rawDim: m.rawDim, raw };
  if (m.tokens) out.tokens = Array.from(rows, (i) => m.tokens![i]);
  return out;
}

/** Concatenates two matrices with the same layout. */
export function concatRows(a: DesignMatrix, b: DesignMatrix): DesignMatrix {
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const raw = new Float32Array(a.raw.length + b.raw.length);
  raw.set(a.raw);
  raw.set(b.raw, a.raw.length);
  const out: DesignMatrix = { n: a.n + b.n, dim: a.dim, x, rawDim: a.rawDim, raw };
  if (a.tokens && b.tokens) out.tokens = [...a.tokens, ...b.tokens];
  return out;
}

/** Masks one group in place on every row of `m`: values → missing, indicator → 0 (as if never observed). */
export function maskGroup(m: DesignMatrix, prep: Preprocessing, group: ModelFeatureGroup): void {
  if (group === "tokens") {
    if (m.tokens)
      m.tokens = m.tokens.map(() => ({ buckets: new Int32Array(0), values: new Float32Array(0) }));
    return;
  }
  const g = prep.groups.indexOf(group);
  if (g < 0) return;
  const d = prep.columns.length;
  for (let i = 0; i < m.n; i++) {
    prep.columns.forEach((c, j) => {
      if (c.group !== group) return;
      m.x[i * m.dim + j] = 0;
      m.raw[i * m.rawDim + j] = NaN;
    });
    m.x[i * m.dim + d + g] = 0;
  }
}
