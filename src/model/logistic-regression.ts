/** A logistic regression on the standardised design matrix (the "wide" member and the bench baseline). */
export interface LogisticModel {
  kind: "logistic";
  weights: number[];
  bias: number;
}

/** Raw logits for n rows of `dim` columns. */
export function predictLogistic(model: LogisticModel, x: Float32Array, n: number): Float64Array {
  const dim = model.weights.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.bias;
    for (let j = 0; j < dim; j++) z += model.weights[j] * x[i * dim + j];
    out[i] = z;
  }
  return out;
}

/** Solves A·b = r for symmetric positive-definite A (Cholesky); A is k×k row-major. */
function solveSpd(a: Float64Array, r: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * k + j];
    }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = r[i];
    for (let m = 0; m < i; m++) s -= l[i * k + m] * z[m];
    z[i] = s / l[i * k + i];
  }
  const b = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let m = i + 1; m < k; m++) s -= l[m * k + i] * b[m];
    b[i] = s / l[i * k + i];
  }
  return b;
}

/**
 * Fits by Newton–Raphson (IRLS) with an L2 penalty on the weights (not the bias). Deterministic: no randomness.
 * `weights` are per-row sample weights (e.g. class balancing).
 */
export function trainLogistic(
  x: Float32Array,
  n: number,
  dim: number,
  y: ArrayLike<number>,
  sampleWeights?: ArrayLike<number>,
  l2 = 1,
  iterations = 25,
): LogisticModel {
  const k = dim + 1; // last coefficient = bias
  let beta = new Float64Array(k);
  const row = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    const hess = new Float64Array(k * k);
    const grad = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) row[j] = x[i * dim + j];
      row[dim] = 1;
      let z = 0;
      for (let j = 0; j < k; j++) z += beta[j] * row[j];
      const p = 1 / (1 + Math.exp(-z));
      const w = sampleWeights ? sampleWeights[i] : 1;
      const g = w * (p - y[i]);
      const h = w * Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < k; a++) {
        grad[a] += g * row[a];
        const hr = h * row[a];
        for (let b = 0; b <= a; b++) hess[a * k + b] += hr * row[b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hess[b * k + a] = hess[a * k + b];
    for (let j = 0; j < dim; j++) {
      grad[j] += l2 * beta[j];
      hess[j * k + j] += l2;
    }
    hess[dim * k + dim] += 1e-6;
    const step = solveSpd(hess, grad, k);
    let maxStep = 0;
    const next = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      next[j] = beta[j] - step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    beta = next;
    if (maxStep < 1e-6) break;
  }
  return { kind: "logistic", weights: Array.from(beta.subarray(0, dim)), bias: beta[dim] };
}
