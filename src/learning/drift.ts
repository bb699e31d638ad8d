import type { FeatureValues } from "../features/types.js";

/**
 * Drift detection: the distribution of recent PRs compared with the training data, per feature and for the
 * score, as the Population Stability Index and the Kullback–Leibler divergence on binned values.
 * Bins are quantiles of the training data (so each holds about the same share there), plus one bin for
 * missing values; the reference is saved with the model version so later checks use the same bins.
 */

/** Bin edges and expected shares of one feature (or the score) on the training data. */
export interface BinnedReference {
  /** Upper edges (inclusive) of every bin but the last; a value above all edges falls in the last bin. */
  edges: number[];
  /** Share of training rows per bin; the last entry is the missing-value bin. Sums to 1. */
  shares: number[];
  /** Training rows behind the shares. */
  count: number;
}

/** What a model version was trained on, in binned form. JSON-serialisable; stored with the version. */
export interface DriftReference {
  features: Record<string, BinnedReference>;
  score: BinnedReference | null;
}

/** Thresholds. PSI: < 0.1 stable, 0.1–0.25 moderate, > 0.25 significant (the usual credit-scoring reading). */
export interface DriftOptions {
  psiThreshold: number;
  klThreshold: number;
  /** Fewer recent rows than this: no verdict (small samples make PSI jump). */
  minSamples: number;
}

export const DEFAULT_DRIFT_OPTIONS: DriftOptions = { psiThreshold: 0.25, klThreshold: 0.2, minSamples: 50 };

/** One feature's comparison. `drifted` when PSI or KL passes its threshold. */
export interface FeatureDrift {
  feature: string;
  psi: number;
  kl: number;
  drifted: boolean;
  /** Shares per bin on the recent rows (same bins as the reference). */
  recentShares: number[];
}

export interface DriftReport {
  sampleSize: number;
  /** False when there were fewer than `minSamples` recent rows. */
  evaluated: boolean;
  features: FeatureDrift[];
  score: FeatureDrift | null;
  /** Features (and `score`) that drifted, worst PSI first. */
  alerts: FeatureDrift[];
  /** Features with no value in any recent row: not compared. */
  unavailable: string[];
}

// Empty bins would make both measures infinite; a small floor keeps them finite and comparable.
const FLOOR = 1e-4;

/** Quantile bins of `values` (nulls go to the missing bin). Ties collapse edges, so a 0-heavy feature gets fewer bins. */
export function binReference(values: readonly (number | null | undefined)[], bins = 10): BinnedReference {
  const present = values
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
    .sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins && present.length > 0; i++) {
    const edge = present[Math.min(present.length - 1, Math.floor((i * present.length) / bins))];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  // The last quantile edge may equal the maximum; an edge no value exceeds adds an empty bin.
  if (edges.length > 0 && edges[edges.length - 1] >= present[present.length - 1]) edges.pop();
  return { edges, shares: shareOf(values, edges), count: values.length };
}

/** Share of `values` per bin defined by `edges` (+ the missing bin). */
export function shareOf(values: readonly (number | null | undefined)[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      counts[edges.length + 1]++;
      continue;
    }
    let bin = 0;
    while (bin < edges.length && v > edges[bin]) bin++;
    counts[bin]++;
  }
  const total = values.length || 1;
  return counts.map((c) => c / total);
}

/** Population Stability Index: Σ (a − e) · ln(a / e). Symmetric; 0 when identical. */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], FLOOR);
    const a = Math.max(actual[i] ?? 0, FLOOR);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** KL(actual ‖ expected) = Σ a · ln(a / e): how surprising the recent data is under the training distribution. */
export function klDivergence(expected: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? 0;
    if (a <= 0) continue;
    sum += a * Math.log(a / Math.max(expected[i], FLOOR));
  }
  return Math.max(0, sum);
}

/** Builds the reference from training rows (and, when given, the model's scores on them). */
export function buildDriftReference(
  rows: readonly FeatureValues[],
  featureNames: readonly string[],
  scores?: readonly number[],
  bins = 10,
): DriftReference {
  const features: Record<string, BinnedReference> = {};
  for (const name of featureNames)
    features[name] = binReference(
      rows.map((r) => r[name]),
      bins,
    );
  return { features, score: scores && scores.length > 0 ? binReference(scores, bins) : null };
}

function compare(
  name: string,
  ref: BinnedReference,
  values: readonly (number | null | undefined)[],
  o: DriftOptions,
) {
  const recentShares = shareOf(values, ref.edges);
  const psi = populationStabilityIndex(ref.shares, recentShares);
  const kl = klDivergence(ref.shares, recentShares);
  return { feature: name, psi, kl, drifted: psi > o.psiThreshold || kl > o.klThreshold, recentShares };
}

/** Compares recent rows (and their scores) with the reference. */
export function detectDrift(
  reference: DriftReference,
  recentRows: readonly FeatureValues[],
  recentScores: readonly number[] = [],
  options: Partial<DriftOptions> = {},
): DriftReport {
  const o = { ...DEFAULT_DRIFT_OPTIONS, ...options };
  const sampleSize = recentRows.length;
  if (sampleSize < o.minSamples)
    return { sampleSize, evaluated: false, features: [], score: null, alerts: [], unavailable: [] };
  const features: FeatureDrift[] = [];
  const unavailable: string[] = [];
  for (const [name, ref] of Object.entries(reference.features)) {
    const values = recentRows.map((r) => r[name]);
    // A feature missing from every recent row means no source for it (e.g. no history mirror), not drift.
    if (values.every((v) => typeof v !== "number" || !Number.isFinite(v))) unavailable.push(name);
    else features.push(compare(name, ref, values, o));
  }
  const score =
    reference.score && recentScores.length >= o.minSamples
      ? compare("score", reference.score, recentScores, o)
      : null;
  const alerts = [...features, ...(score ? [score] : [])]
    .filter((f) => f.drifted)
    .sort((a, b) => b.psi - a.psi);
  return { sampleSize, evaluated: true, features, score, alerts, unavailable };
}
