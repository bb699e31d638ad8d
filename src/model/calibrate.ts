import { sigmoid } from "./random.js";

/** Maps an uncalibrated ensemble logit to a probability. Fitted on the time-ordered validation slice. */
export type Calibration =
  | { method: "platt"; a: number; b: number }
  | {
      method: "isotonic";
      /** Ascending logits. */ x: number[];
      /** Non-decreasing probabilities at `x`. */ y: number[];
    };

/** Applies a calibration to one logit. Isotonic interpolates linearly between steps and clamps at the ends. */
export function applyCalibration(cal: Calibration, z: number): number {
  if (cal.method === "platt") return sigmoid(cal.a * z + cal.b);
  const { x, y } = cal;
  if (z <= x[0]) return y[0];
  if (z >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= z) lo = mid;
    else hi = mid;
  }
  const t = x[hi] === x[lo] ? 0 : (z - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

/**
 * Platt scaling: p = σ(a·z + b) by Newton's method on the log-loss, with Platt's smoothed targets so that
 * small validation sets do not yield 0/1 probabilities.
 */
export function fitPlatt(z: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const n = z.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] ? 1 : 0;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  let a = 1;
  let b = 0;
  let loss = plattLoss(z, labels, a, b, hi, lo);
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const t = labels[i] ? hi : lo;
      const p = sigmoid(a * z[i] + b);
      const g = p - t;
      const h = Math.max(p * (1 - p), 1e-12);
      ga += g * z[i];
      gb += g;
      haa += h * z[i] * z[i];
      hab += h * z[i];
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Backtracking (Lin, Lin & Weng 2007): a full Newton step can overshoot when the classes are (nearly)
    // separable on a small slice, and the slope then runs off to ~1e10, giving exact 0/1 probabilities.
    let step = 1;
    let next = plattLoss(z, labels, a - da, b - db, hi, lo);
    while (step > 1e-10 && next > loss + 1e-12) {
      step /= 2;
      next = plattLoss(z, labels, a - step * da, b - step * db, hi, lo);
    }
    loss = next;
    a -= step * da;
    b -= step * db;
    if (step * (Math.abs(da) + Math.abs(db)) < 1e-9) break;
  }
  return { method: "platt", a, b };
}

/** Cross-entropy of σ(a·z + b) against Platt's smoothed targets, computed without overflow. */
function plattLoss(
  z: ArrayLike<number>,
  labels: ArrayLike<number>,
  a: number,
  b: number,
  hi: number,
  lo: number,
): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const t = labels[i] ? hi : lo;
    const f = a * z[i] + b;
    // −[t·log σ(f) + (1 − t)·log(1 − σ(f))] = log(1 + e^f) − t·f
    loss += (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - t * f;
  }
  return loss;
}

/** Isotonic regression by pool-adjacent-violators; the steps are stored at block-mean logits. */
export function fitIsotonic(z: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const order = Array.from({ length: z.length }, (_, i) => i).sort((a, b) => z[a] - z[b]);
  const blocks: { sumY: number; sumX: number; n: number }[] = [];
  for (const i of order) {
    blocks.push({ sumY: labels[i] ? 1 : 0, sumX: z[i], n: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (prev.sumY / prev.n < last.sumY / last.n) break;
      prev.sumY += last.sumY;
      prev.sumX += last.sumX;
      prev.n += last.n;
      blocks.pop();
    }
  }
  return { method: "isotonic", x: blocks.map((b) => b.sumX / b.n), y: blocks.map((b) => b.sumY / b.n) };
}
