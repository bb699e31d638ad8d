import type { FeatureValues } from "../features/types.js";
import { groupOfFeature } from "./explain-groups.js";
import type { RiskModel } from "./types.js";
import { createRandom as createSeededRandom } from "./random.js";

/** One vector to explain against its baseline. */
export interface AttributionRequest {
  x: FeatureValues;
  baseline: FeatureValues;
  /** Overrides {@link ShapleyOptions.permutations} for this vector (e.g. fewer for per-file vectors). */
  permutations?: number;
}

/** Shapley attributions of one vector: `sum(values) === score − baselineScore` (up to float rounding). */
export interface Attribution {
  score: number;
  baselineScore: number;
  /** Per model feature; exactly 0 for a feature equal to its baseline value or unused by the model. */
  values: Record<string, number>;
  /** Permutations actually sampled for this vector. */
  permutations: number;
}

export interface ShapleyOptions {
  /** Sampled permutations per vector (rounded up to an even number: each is paired with its reverse). */
  permutations: number;
  /** Any string; the same seed gives the same attributions. */
  seed: string;
}

/**
 * Owen–Shapley values by permutation sampling (Castro et al. 2009; Owen 1977 for the group structure).
 *
 * For each sampled order, features are switched from baseline to actual one at a time and each gets the change in
 * the model's output at its step. The steps of one order telescope to f(x) − f(baseline), so completeness holds
 * EXACTLY for every sample, not only in expectation. Orders keep the features of one group adjacent (groups from
 * {@link groupOfFeature}), which makes the group a single player and splits its value among its members.
 * All rows of all vectors go to the model in ONE `predict` call.
 */
export async function attributeShapley(
  model: RiskModel,
  requests: AttributionRequest[],
  options: ShapleyOptions,
): Promise<Attribution[]> {
  const random = createRandom(options.seed);
  const rows: FeatureValues[] = [];
  const plans = requests.map((request) => planRequest(model, request, rows, options, random));
  const predictions = rows.length > 0 ? await model.predict(rows) : [];
  if (predictions.length !== rows.length) {
    throw new Error(
      `Model ${model.version} returned ${predictions.length} predictions for ${rows.length} rows; check its predict().`,
    );
  }
  return plans.map((plan) => {
    const values: Record<string, number> = Object.fromEntries(model.featureNames.map((name) => [name, 0]));
    if (plan.steps.some((s) => s.feature === TOKENS_PLAYER)) values[TOKENS_PLAYER] = 0;
    for (const step of plan.steps)
      values[step.feature] += (predictions[step.after] - predictions[step.before]) / plan.k;
    return {
      score: predictions[plan.last],
      baselineScore: predictions[plan.first],
      values,
      permutations: plan.k,
    };
  });
}

interface Plan {
  first: number;
  last: number;
  k: number;
  steps: { feature: string; before: number; after: number }[];
}

function planRequest(
  model: RiskModel,
  request: AttributionRequest,
  rows: FeatureValues[],
  options: ShapleyOptions,
  random: () => number,
): Plan {
  // A feature the vector does not carry at all stays absent from every row: a model may derive it from the
  // others (e.g. churn from la + ld), and then its effect belongs to those inputs.
  const names = model.featureNames.filter((n) => n in request.x);
  const start = effectiveBaseline(names, request);
  const target: FeatureValues = Object.fromEntries(names.map((n) => [n, request.x[n] ?? null]));
  const moving = names.filter((name) => start[name] !== target[name]);
  // The change's tokens join as one player: absent in the baseline (the token member abstains), all present after.
  const tokens = model.readsTokens ? tokenValues(request.x) : {};
  if (Object.keys(tokens).length > 0) {
    Object.assign(target, tokens);
    moving.push(TOKENS_PLAYER);
  }
  const first = rows.push(start) - 1;
  if (moving.length === 0) return { first, last: first, k: 1, steps: [] };
  const last = rows.push(target) - 1;
  const k =
    moving.length < 2 ? 1 : Math.max(2, Math.ceil((request.permutations ?? options.permutations) / 2) * 2);
  const steps: Plan["steps"] = [];
  let order: string[] = [];
  for (let i = 0; i < k; i++) {
    // Antithetic pairs: every other order is the reverse of the one before, which halves the variance for
    // near-additive models at no cost, and keeps group members adjacent.
    order = i % 2 === 1 ? [...order].reverse() : groupedOrder(moving, random);
    let current = start;
    let before = first;
    order.forEach((feature, j) => {
      const isLast = j === order.length - 1;
      current =
        feature === TOKENS_PLAYER ? { ...current, ...tokens } : { ...current, [feature]: target[feature] };
      const after = isLast ? last : rows.push(current) - 1;
      steps.push({ feature, before, after });
      before = after;
    });
  }
  return { first, last, k, steps };
}

/** The attribution key of a change's tokens taken together (group "tokens"). */
export const TOKENS_PLAYER = "tok_*";

/** The non-zero `tok_<bucket>` counts of a feature vector. */
function tokenValues(x: FeatureValues): FeatureValues {
  const out: FeatureValues = {};
  for (const [name, v] of Object.entries(x))
    if (name.startsWith("tok_") && typeof v === "number" && v > 0) out[name] = v;
  return out;
}

/** A feature the change leaves unknown (null) is unknown in the baseline too, so it can never take credit. */
function effectiveBaseline(names: readonly string[], request: AttributionRequest): FeatureValues {
  return Object.fromEntries(
    names.map((n) => [n, request.x[n] == null ? null : (request.baseline[n] ?? null)]),
  );
}

function groupedOrder(features: string[], random: () => number): string[] {
  const groups = new Map<string, string[]>();
  for (const f of features) {
    const g = groupOfFeature(f);
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  return shuffle([...groups.values()], random).flatMap((members) => shuffle(members, random));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The model's seeded PRNG (mulberry32), seeded with FNV-1a of the seed string: reproducible per PR head. */
export function createRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return createSeededRandom(h >>> 0);
}
