import type { Change } from "../change/types.js";
import type { FeatureValues } from "../features/types.js";
import { describeReasons } from "../report/describe-reasons.js";
import { describeSuggestions } from "../report/describe-suggestions.js";
import type { FileHistoryFacts, FunctionChange } from "../report/describe-types.js";
import type { HunkRisk, Reason } from "../report/types.js";
import { chooseBaseline, type BaselineSource } from "./explain-baseline.js";
import { rankHunks } from "./explain-hunks.js";
import { attributeShapley } from "./explain-shapley.js";
import type { RiskModel } from "./types.js";

export type { FileHistoryFacts, FunctionChange } from "../report/describe-types.js";

/** Input to {@link explainScore}: the change, its vectors, and what to compare it with. */
export interface ExplainInput {
  model: RiskModel;
  change: Change;
  /** Whole-change feature vector. */
  features: FeatureValues;
  /** Per-file vectors (the file's own change in the PR's context), keyed by path. */
  fileFeatures: Record<string, FeatureValues>;
  /** Typical clean change of this repository (or of the training data) — the attribution baseline. */
  baseline?: FeatureValues;
  /** Earlier changes' vectors for "larger than 92 % of changes here" comparisons, when known. */
  history?: FeatureValues[];
  /** Earlier changes of this repository known to be clean: their median is the preferred baseline (≥ 5 rows). */
  cleanHistory?: FeatureValues[];
  /** Per-function AST detail from the miner ("cyclomatic complexity +12 in `acquire()`"), when it has it. */
  functionChanges?: FunctionChange[];
  /** What earlier changes to each file turned into ("3 of the last 10 changes were later fixed"), by path. */
  fileHistory?: Record<string, FileHistoryFacts>;
  /** Sampled permutations for the whole change (default 64; per-file vectors get a quarter). */
  permutations?: number;
}

export interface ExplainOutput {
  /** Attribution per feature: sums to score − baseline score. */
  attributions: Record<string, number>;
  baselineScore: number;
  reasons: Reason[];
  suggestions: string[];
  fileReasons: Record<string, Reason[]>;
  hunks: HunkRisk[];
  /** The score the attributions explain (the model's output for `features`). */
  score?: number;
  /** Where the baseline came from. */
  baselineSource?: BaselineSource;
  /** The baseline vector the attributions are measured from. */
  baseline?: FeatureValues;
  /** Per-file attributions (each sums to that file's score − baseline score), keyed by path. */
  fileAttributions?: Record<string, Record<string, number>>;
  /** Per-file model output for its vector, keyed by path. */
  fileScores?: Record<string, number>;
  /** Per-file baseline output (differs from `baselineScore` only where the file leaves other features unknown). */
  fileBaselineScores?: Record<string, number>;
}

const DEFAULT_PERMUTATIONS = 64;
/** Files explained one by one (the most-changed first); the rest keep their risk but get no reasons of their own. */
export const MAX_EXPLAINED_FILES = 40;

function filesToExplain(input: ExplainInput): string[] {
  const churn = new Map(input.change.files.map((f) => [f.path, f.additions + f.deletions]));
  return Object.keys(input.fileFeatures)
    .sort((a, b) => (churn.get(b) ?? 0) - (churn.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, MAX_EXPLAINED_FILES);
}

/**
 * Explains a score: (1) choose the baseline, (2) Owen–Shapley attributions for the change and every file in one
 * batched predict call, (3) sentences with the numbers, per change and per file, (4) suggestions, (5) hunk ranking.
 * Method and its guarantees: docs/explain.md.
 */
export async function explainScore(input: ExplainInput): Promise<ExplainOutput> {
  const baseline = chooseBaseline(input);
  const permutations = input.permutations ?? DEFAULT_PERMUTATIONS;
  const paths = filesToExplain(input);
  const [whole, ...files] = await attributeShapley(
    input.model,
    [
      { x: input.features, baseline: baseline.values },
      ...paths.map((p) => ({
        x: input.fileFeatures[p],
        baseline: baseline.values,
        permutations: Math.ceil(permutations / 4),
      })),
    ],
    { permutations, seed: `${input.change.repository}@${input.change.headSha}` },
  );
  const shared = {
    history: input.history,
    functionChanges: input.functionChanges,
    fileHistory: input.fileHistory,
  };
  const reasons = describeReasons({
    ...shared,
    scope: "change",
    values: input.features,
    attributions: whole.values,
    paths: input.change.files.map((f) => f.path),
  });
  const fileReasons: Record<string, Reason[]> = {};
  const fileAttributions: Record<string, Record<string, number>> = {};
  const fileScores: Record<string, number> = {};
  const fileBaselineScores: Record<string, number> = {};
  paths.forEach((path, i) => {
    fileAttributions[path] = files[i].values;
    fileScores[path] = files[i].score;
    fileBaselineScores[path] = files[i].baselineScore;
    fileReasons[path] = describeReasons(
      {
        ...shared,
        scope: "file",
        values: input.fileFeatures[path],
        attributions: files[i].values,
        paths: [path],
      },
      { limit: 4 },
    );
  });
  const suggestions = describeSuggestions({
    reasons,
    values: input.features,
    files: input.change.files,
    fileRisk: fileScores,
    fileHistory: input.fileHistory,
  });
  const hunks = await rankHunks({ ...input, fileReasons });
  return {
    attributions: whole.values,
    baselineScore: whole.baselineScore,
    score: whole.score,
    baselineSource: baseline.source,
    baseline: baseline.values,
    reasons,
    suggestions,
    fileReasons,
    fileAttributions,
    fileScores,
    fileBaselineScores,
    hunks,
  };
}
