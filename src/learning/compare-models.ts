/**
 * Paired comparison of two models scored on the same labelled changes.
 *
 * AUC: DeLong, DeLong & Clarke-Pearson (1988) test for two correlated ROC curves, computed with the
 * midrank algorithm of Sun & Xu (2014). Brier: a paired z-test on the per-change squared errors (the
 * Diebold–Mariano test with squared loss), which needs no resampling and so no random seed.
 */

/** Result of a paired comparison; `candidate − current` for both differences. */
export interface PairedComparison {
  samples: number;
  positives: number;
  negatives: number;
  aucCurrent: number;
  aucCandidate: number;
  aucDiff: number;
  /** Standard error of the AUC difference (DeLong). */
  aucDiffSe: number;
  /** One-sided p-value of H0 "candidate AUC ≤ current AUC". */
  aucPValue: number;
  brierCurrent: number;
  brierCandidate: number;
  /** Negative is better for the candidate. */
  brierDiff: number;
  brierDiffSe: number;
  /** One-sided p-value of H0 "candidate Brier ≥ current Brier". */
  brierPValue: number;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** 1-based midranks (ties share the mean of their ranks). */
function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    for (let k = i; k < j; k++) ranks[order[k][1]] = (i + j + 1) / 2;
    i = j;
  }
  return ranks;
}

/** DeLong's structural components of one model: V10 per positive, V01 per negative, and the AUC. */
function components(pos: readonly number[], neg: readonly number[]) {
  const m = pos.length;
  const n = neg.length;
  const tx = midranks(pos);
  const ty = midranks(neg);
  const tz = midranks([...pos, ...neg]);
  const v10 = pos.map((_, i) => (tz[i] - tx[i]) / n);
  const v01 = neg.map((_, j) => 1 - (tz[m + j] - ty[j]) / m);
  const auc = v10.reduce((s, v) => s + v, 0) / m;
  return { v10, v01, auc };
}

function covariance(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i] - ma) * (b[i] - mb);
  return sum / (n - 1);
}

/** AUC with ties counted as half (Mann–Whitney). NaN when a class is missing. */
export function rocAuc(labels: readonly number[], scores: readonly number[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] !== 1);
  return pos.length && neg.length ? components(pos, neg).auc : Number.NaN;
}

/** Mean squared error of probabilities against 0/1 labels. */
export function brierScore(labels: readonly number[], probabilities: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return labels.length ? sum / labels.length : Number.NaN;
}

/** Compares `candidate` against `current` on the same changes with 0/1 `labels`. */
export function compareModels(
  labels: readonly number[],
  current: readonly number[],
  candidate: readonly number[],
): PairedComparison {
  if (labels.length !== current.length || labels.length !== candidate.length) {
    throw new RangeError(
      `compareModels needs one score per label from each model (labels ${labels.length}, current ${current.length}, candidate ${candidate.length}).`,
    );
  }
  const posIdx = labels.flatMap((y, i) => (y === 1 ? [i] : []));
  const negIdx = labels.flatMap((y, i) => (y === 1 ? [] : [i]));
  const m = posIdx.length;
  const n = negIdx.length;

  let aucCurrent = Number.NaN;
  let aucCandidate = Number.NaN;
  let aucDiffSe = Number.NaN;
  let aucPValue = 1;
  if (m > 0 && n > 0) {
    const a = components(
      posIdx.map((i) => current[i]),
      negIdx.map((i) => current[i]),
    );
    const b = components(
      posIdx.map((i) => candidate[i]),
      negIdx.map((i) => candidate[i]),
    );
    aucCurrent = a.auc;
    aucCandidate = b.auc;
    const variance =
      (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / m +
      (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / n;
    aucDiffSe = Math.sqrt(Math.max(variance, 0));
    const diff = aucCandidate - aucCurrent;
    aucPValue = aucDiffSe > 0 ? 1 - normalCdf(diff / aucDiffSe) : diff > 0 ? 0 : 1;
  }

  const d = labels.map((y, i) => (candidate[i] - y) ** 2 - (current[i] - y) ** 2);
  const brierDiff = d.length ? d.reduce((s, v) => s + v, 0) / d.length : Number.NaN;
  const brierDiffSe = d.length > 1 ? Math.sqrt(covariance(d, d) / d.length) : Number.NaN;
  const brierPValue = brierDiffSe > 0 ? normalCdf(brierDiff / brierDiffSe) : brierDiff < 0 ? 0 : 1;

  return {
    samples: labels.length,
    positives: m,
    negatives: n,
    aucCurrent,
    aucCandidate,
    aucDiff: aucCandidate - aucCurrent,
    aucDiffSe,
    aucPValue,
    brierCurrent: brierScore(labels, current),
    brierCandidate: brierScore(labels, candidate),
    brierDiff,
    brierDiffSe,
    brierPValue,
  };
}
