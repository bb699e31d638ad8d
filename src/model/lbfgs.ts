/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4) with a backtracking Armijo line search, for smooth convex
 * objectives such as an L2-penalised logistic loss. `evaluate` returns the objective and writes its gradient.
 */
export interface LbfgsOptions {
  /** Pairs of (step, gradient change) kept. */
  memory: number;
  maxIterations: number;
  /** Stop when the gradient's max-norm falls below this. */
  gradientTolerance: number;
  /** Stop when the objective improves by less than this share in an iteration. */
  relativeTolerance: number;
}

export const DEFAULT_LBFGS_OPTIONS: LbfgsOptions = {
  memory: 10,
  maxIterations: 200,
  gradientTolerance: 1e-5,
  relativeTolerance: 1e-9,
};

export function minimizeLbfgs(
  evaluate: (x: Float64Array, gradient: Float64Array) => number,
  start: Float64Array,
  options: Partial<LbfgsOptions> = {},
): { x: Float64Array; value: number; iterations: number } {
  const o = { ...DEFAULT_LBFGS_OPTIONS, ...options };
  const k = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(k);
  let f = evaluate(x, g);
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const rho: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let t = 0;
    for (let i = 0; i < k; i++) t += a[i] * b[i];
    return t;
  };
  let iterations = 0;
  for (; iterations < o.maxIterations; iterations++) {
    let gmax = 0;
    for (let i = 0; i < k; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (gmax < o.gradientTolerance) break;
    // Two-loop recursion: d = −H·g.
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let m = s.length - 1; m >= 0; m--) {
      const a = rho[m] * dot(s[m], q);
      alpha[m] = a;
      for (let i = 0; i < k; i++) q[i] -= a * yv[m][i];
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last], yv[last]) / dot(yv[last], yv[last]) : 1 / Math.max(1, gmax);
    for (let i = 0; i < k; i++) q[i] *= gamma;
    for (let m = 0; m < s.length; m++) {
      const b = rho[m] * dot(yv[m], q);
      for (let i = 0; i < k; i++) q[i] += s[m][i] * (alpha[m] - b);
    }
    const d = q.map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = yv.length = rho.length = 0;
      for (let i = 0; i < k; i++) d[i] = -g[i] / Math.max(1, gmax);
      slope = dot(g, d);
    }
    let step = 1;
    const xn = new Float64Array(k);
    const gn = new Float64Array(k);
    let fn = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < k; i++) xn[i] = x[i] + step * d[i];
      fn = evaluate(xn, gn);
      if (fn <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < f)) break;
    const sk = new Float64Array(k);
    const yk = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      sk[i] = xn[i] - x[i];
      yk[i] = gn[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      yv.push(yk);
      rho.push(1 / sy);
      if (s.length > o.memory) {
        s.shift();
        yv.shift();
        rho.shift();
      }
    }
    const improvement = (f - fn) / Math.max(1, Math.abs(f));
    x = Float64Array.from(xn);
    g = Float64Array.from(gn);
    f = fn;
    if (improvement < o.relativeTolerance) {
      iterations++;
      break;
    }
  }
  return { x, value: f, iterations };
}
