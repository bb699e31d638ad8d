import type { FeatureValues } from "../features/types.js";
import type { RiskModel } from "./types.js";

/** Where the attribution baseline came from, shown to the reader ("compared with a typical clean change here"). */
export type BaselineSource = "repository-clean" | "input" | "model" | "repository-all";

/** A baseline vector and where it came from. */
export interface ChosenBaseline {
  values: FeatureValues;
  source: BaselineSource;
}

/** Fewer clean rows than this and their median says more about chance than about the repository. */
export const MIN_CLEAN_ROWS = 5;

/** Thrown when nothing says what a typical change looks like. */
export class NoBaselineError extends Error {
  constructor(modelVersion: string) {
    super(
      `No attribution baseline for model ${modelVersion}: pass ExplainInput.baseline (e.g. the training scaler ` +
        `means), ExplainInput.cleanHistory (vectors of this repository's clean changes), or load a model that ` +
        `exposes \`baseline\`.`,
    );
    this.name = "NoBaselineError";
  }
}

/**
 * Picks the baseline, most specific first: the median of this repository's clean changes; the caller's explicit
 * baseline; the model's own (typical training change); the median of all this repository's changes.
 */
export function chooseBaseline(input: {
  model: RiskModel;
  baseline?: FeatureValues;
  cleanHistory?: FeatureValues[];
  history?: FeatureValues[];
}): ChosenBaseline {
  const names = input.model.featureNames;
  if (input.cleanHistory && input.cleanHistory.length >= MIN_CLEAN_ROWS) {
    return { values: medianVector(names, input.cleanHistory), source: "repository-clean" };
  }
  if (input.baseline) return { values: input.baseline, source: "input" };
  const fromModel = input.model.baseline;
  if (fromModel) return { values: fromModel, source: "model" };
  if (input.history && input.history.length >= MIN_CLEAN_ROWS) {
    return { values: medianVector(names, input.history), source: "repository-all" };
  }
  throw new NoBaselineError(input.model.version);
}

/** Per-feature median of the known values; null where no row knows the feature. */
export function medianVector(names: readonly string[], rows: FeatureValues[]): FeatureValues {
  const out: FeatureValues = {};
  for (const name of names) {
    const known = rows
      .map((r) => r[name])
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
      .sort((a, b) => a - b);
    if (known.length === 0) out[name] = null;
    else {
      const mid = known.length >> 1;
      out[name] = known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }
  }
  return out;
}

/**
 * The training data's typical change in raw units, from the scaler saved with a model: each feature's mean in
 * model space, transformed back (`expm1` for `log1p` features, so a count's typical value is its geometric mean).
 */
export function baselineFromScaler(
  columns: readonly { name: string; transform: "log1p" | "none"; mean: number }[],
): FeatureValues {
  return Object.fromEntries(
    columns.map((c) => [c.name, c.transform === "log1p" ? Math.expm1(c.mean) : c.mean]),
  );
}
