/**
 * Quantile binning shared by the tree learners: each feature's values become a bin index (a byte), so split search
 * is a pass over per-bin histograms instead of a sort.
 */

/** Quantile cut points per feature; bin b holds values ≤ cuts[b] (last bin: above all cuts; bin `nb + 1` = missing). */
export function quantileCuts(raw: Float32Array, n: number, d: number, j: number, bins: number): Float64Array {
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = raw[i * d + j];
    if (!Number.isNaN(v)) vals.push(v);
  }
  vals.sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = vals[Math.floor((b * vals.length) / bins)];
    if (v !== undefined && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  if (cuts.length && cuts[cuts.length - 1] >= vals[vals.length - 1]) cuts.pop();
  return Float64Array.from(cuts);
}

/** The bin of a (non-missing) value: the first cut it does not exceed. */
export function binIndex(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Row-major bin indices of a raw matrix; a missing value (NaN) of feature j gets bin `cuts[j].length + 1`. */
export function binMatrix(
  raw: Float32Array,
  n: number,
  d: number,
  bins: number,
): { cuts: Float64Array[]; binned: Uint8Array } {
  if (bins > 254) throw new RangeError("at most 254 bins fit a byte with the missing bin");
  const cuts = Array.from({ length: d }, (_, j) => quantileCuts(raw, n, d, j, bins));
  const binned = new Uint8Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = raw[i * d + j];
      binned[i * d + j] = Number.isNaN(v) ? cuts[j].length + 1 : binIndex(cuts[j], v);
    }
  return { cuts, binned };
}
