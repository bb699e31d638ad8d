import { concatRows, type DesignMatrix } from "./preprocess.js";
import { createRandom } from "./random.js";

/**
 * SMOTE-style oversampling: synthetic minority rows on the segment between a minority row and one of its k nearest
 * minority neighbours (searched among a random candidate pool to stay O(n·pool)), until classes balance.
 * Interpolates both the scaled and the raw columns; a raw value missing on either end stays missing.
 */
export function oversampleSmote(
  m: DesignMatrix,
  y: number[],
  seed: number,
  k = 5,
  pool = 400,
): { m: DesignMatrix; y: number[] } {
  const random = createRandom(seed * 977 + 11);
  const pos = y.reduce((s, v) => s + v, 0);
  const minority = pos * 2 <= y.length ? 1 : 0;
  const idx = y.flatMap((v, i) => (v === minority ? [i] : []));
  const need = y.length - 2 * idx.length;
  if (need <= 0 || idx.length < 2) return { m, y };
  const x = new Float32Array(need * m.dim);
  const raw = new Float32Array(need * m.rawDim);
  const dist = (a: number, b: number) => {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += (m.x[a * m.dim + j] - m.x[b * m.dim + j]) ** 2;
    return s;
  };
  for (let s = 0; s < need; s++) {
    const a = idx[Math.floor(random() * idx.length)];
    const cands: { i: number; d: number }[] = [];
    for (let c = 0; c < Math.min(pool, idx.length); c++) {
      const b = idx[Math.floor(random() * idx.length)];
      if (b !== a) cands.push({ i: b, d: dist(a, b) });
    }
    cands.sort((p, q) => p.d - q.d);
    const b = cands[Math.floor(random() * Math.min(k, cands.length))]?.i ?? a;
    const t = random();
    for (let j = 0; j < m.dim; j++)
      x[s * m.dim + j] = m.x[a * m.dim + j] + t * (m.x[b * m.dim + j] - m.x[a * m.dim + j]);
    for (let j = 0; j < m.rawDim; j++) {
      const va = m.raw[a * m.rawDim + j];
      const vb = m.raw[b * m.rawDim + j];
      raw[s * m.rawDim + j] = va + t * (vb - va);
    }
  }
  const synthetic: DesignMatrix = { n: need, dim: m.dim, x, rawDim: m.rawDim, raw };
  if (m.tokens)
    synthetic.tokens = Array.from({ length: need }, () => ({
      buckets: new Int32Array(0),
      values: new Float32Array(0),
    }));
  return { m: concatRows(m, synthetic), y: y.concat(new Array(need).fill(minority)) };
}
