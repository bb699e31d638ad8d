import type { Change } from "../change/types.js";
import { createDefaultRegistry } from "../features/default-registry.js";
import type { FeatureRegistry } from "../features/registry.js";
import type { FeatureValues, FileContentProvider, HistoryProvider } from "../features/types.js";
import { explainScore, type ExplainOutput } from "../model/explain-score.js";
import type { RiskModel } from "../model/types.js";
import type { FileHistoryFacts, FunctionChange } from "../report/describe-types.js";
import type { ScoreResult } from "../report/types.js";
import { assembleScoreResult } from "./assemble-score-result.js";
import { cacheFileContents } from "./cache-file-contents.js";
import {
  collectFileHistory,
  collectFunctionChanges,
  type FileHistoryReader,
} from "./collect-explain-facts.js";
import { collectNotes } from "./collect-notes.js";
import { extractChangeFeatures } from "./extract-change-features.js";
import { applyIgnoreGlobs } from "./select-files.js";
import { DEFAULT_SCORING, type ScoringOptions } from "./types.js";

/** What {@link scoreChange} needs besides the change. */
export interface ScoreChangeDeps {
  model: RiskModel;
  /** Defaults to {@link createDefaultRegistry} (built once per process). */
  registry?: FeatureRegistry;
  history?: HistoryProvider;
  contents?: FileContentProvider;
  /**
   * The last changes of each path before the change and how many were later fixed, for "3 of the last 10
   * changes to `a.ts` were later fixed" (e.g. `createLocalFileHistory` over a labels store).
   */
  fileHistory?: FileHistoryReader;
  options: ScoringOptions;
}

/** The model returned something other than one finite probability per row: the model files are broken. */
export class ModelOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelOutputError";
  }
}

/** A scoring option is out of range; the message names it and the allowed values. */
export class InvalidScoringOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidScoringOptionsError";
  }
}

/** Built once per process: registering thousands of token features per call would be wasted work. */
let defaultRegistry: FeatureRegistry | undefined;

/**
 * Scores a change — a GitHub pull request or a local range, the same way:
 * 0. leave out ignored paths;
 * 1. features for the change and for each file;
 * 2. one batched `model.predict` for the change and all its files;
 * 3. explain the change's score (reasons, suggestions, per-file reasons, hunks), unless `options.explain` is false;
 * 4. assemble the {@link ScoreResult}: bands, files sorted by risk, hunks ranked, notes.
 */
export async function scoreChange(change: Change, deps: ScoreChangeDeps): Promise<ScoreResult> {
  const { model, options } = deps;
  checkOptions(options);
  const registry = deps.registry ?? (defaultRegistry ??= createDefaultRegistry());
  const maxFilesScored = options.maxFilesScored ?? DEFAULT_SCORING.maxFilesScored;

  const { change: scored, ignored } = applyIgnoreGlobs(change, options.ignore);
  const contents = deps.contents && cacheFileContents(deps.contents);
  const concurrency = options.concurrency ?? DEFAULT_SCORING.concurrency;

  const extracted = await extractChangeFeatures(
    registry,
    scored,
    { history: deps.history, contents },
    {
      maxFilesScored,
      concurrency,
      fileFeatureNames: fileFeatureNames(registry, model),
    },
  );

  const rows: FeatureValues[] = [
    extracted.features,
    ...scored.files.map((f) => extracted.fileFeatures[f.path]),
  ];
  const scores = await predictAll(model, rows);

  const facts: ExplainFacts = {};
  if (options.explain !== false) {
    const fileScores = Object.fromEntries(scored.files.map((f, i) => [f.path, scores[i + 1]]));
    if (contents)
      facts.functionChanges = await collectFunctionChanges(scored, fileScores, contents, { concurrency });
    if (deps.fileHistory) Object.assign(facts, await collectFileHistory(scored, deps.fileHistory));
  }
  const { explanation, explainError } = await explainUnlessOff(
    model,
    scored,
    extracted.features,
    extracted.fileFeatures,
    options,
    facts,
  );

  const notes = collectNotes({
    original: change,
    scored,
    ignored,
    diffOnly: extracted.diffOnly,
    maxFilesScored,
    errors: extracted.errors,
    explainError,
  });
  if (facts.note) notes.push(facts.note);
  return assembleScoreResult({
    original: change,
    scored,
    model,
    options,
    extracted,
    scores,
    explanation,
    notes,
  });
}

function checkOptions(options: ScoringOptions): void {
  const { bands } = options;
  if (bands && !(bands.medium >= 0 && bands.medium <= bands.high && bands.high <= 1)) {
    throw new InvalidScoringOptionsError(
      `band thresholds must satisfy 0 ≤ medium ≤ high ≤ 1 (got medium ${bands.medium}, high ${bands.high}); ` +
        `fix the bands in the configuration`,
    );
  }
  for (const key of ["maxFilesScored", "maxHunks", "concurrency"] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= (key === "concurrency" ? 1 : 0))) {
      throw new InvalidScoringOptionsError(
        `${key} must be a whole number ≥ ${key === "concurrency" ? 1 : 0} (got ${value})`,
      );
    }
  }
}

/**
 * Per-file vectors need what the model reads plus the diff group (cheap, and what the file table shows) — not
 * every registered feature: a group may declare thousands (hashed tokens), and 3,000 files × thousands of keys
 * is seconds of work nobody reads. A model with a token member reads them, so its files get their tokens.
 */
function fileFeatureNames(registry: FeatureRegistry, model: RiskModel): ReadonlySet<string> {
  const cached = FILE_FEATURES.get(registry)?.get(model);
  if (cached) return cached;
  const names = new Set(model.featureNames);
  for (const spec of registry.specs)
    if (spec.group === "diff" || spec.group === "kamei" || (model.readsTokens && spec.group === "tokens"))
      names.add(spec.name);
  const byModel = FILE_FEATURES.get(registry) ?? new WeakMap<RiskModel, ReadonlySet<string>>();
  byModel.set(model, names);
  FILE_FEATURES.set(registry, byModel);
  return names;
}

const FILE_FEATURES = new WeakMap<FeatureRegistry, WeakMap<RiskModel, ReadonlySet<string>>>();

async function predictAll(model: RiskModel, rows: FeatureValues[]): Promise<number[]> {
  const scores = await model.predict(rows);
  if (scores.length !== rows.length || scores.some((s) => !Number.isFinite(s) || s < 0 || s > 1)) {
    throw new ModelOutputError(
      `model ${model.version} returned ${scores.length} score(s) for ${rows.length} row(s), or a value outside ` +
        `[0, 1]; reinstall or retrain the model (npm run train:default)`,
    );
  }
  return scores;
}

/** Detail for the reasons beyond the feature values: per-function changes and the files' recent history. */
interface ExplainFacts {
  functionChanges?: FunctionChange[];
  fileHistory?: Record<string, FileHistoryFacts>;
  note?: string;
}

async function explainUnlessOff(
  model: RiskModel,
  change: Change,
  features: FeatureValues,
  fileFeatures: Record<string, FeatureValues>,
  options: ScoringOptions,
  facts: ExplainFacts,
): Promise<{ explanation: ExplainOutput | null; explainError?: string }> {
  if (options.explain === false) return { explanation: null };
  try {
    const explanation = await explainScore({
      model,
      change,
      features,
      fileFeatures,
      baseline: options.baseline,
      history: options.history,
      functionChanges: facts.functionChanges,
      fileHistory: facts.fileHistory,
    });
    return { explanation };
  } catch (error) {
    // The score stands without its reasons; the reader is told they are missing.
    return { explanation: null, explainError: error instanceof Error ? error.message : String(error) };
  }
}
