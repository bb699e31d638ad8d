import type { Change } from "../change/types.js";
import { createDefaultRegistry } from "../features/default-registry.js";
import type { FeatureRegistry } from "../features/registry.js";
import type { FeatureValues, FileContentProvider, HistoryProvider } from "../features/types.js";
import { explainScore, type ExplainOutput } from "../model/explain-score.js";
import type { RiskModel } from "../model/types.js";
import type { FileRisk, ScoreResult } from "../report/types.js";
import { assignBand } from "./assign-band.js";
import { collectNotes } from "./collect-notes.js";
import { extractChangeFeatures } from "./extract-change-features.js";
import { rankHunksByFileRisk } from "./rank-hunks.js";
import { applyIgnoreGlobs } from "./select-files.js";
import { DEFAULT_SCORING, type ScoringOptions } from "./types.js";

/** What {@link scoreChange} needs besides the change. */
export interface ScoreChangeDeps {
  model: RiskModel;
  /** Defaults to {@link createDefaultRegistry}. */
  registry?: FeatureRegistry;
  history?: HistoryProvider;
  contents?: FileContentProvider;
  options: ScoringOptions;
}

/** The model returned something other than one finite probability per row: the model files are broken. */
export class ModelOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelOutputError";
  }
}

/**
 * Scores a change — a GitHub pull request or a local range, the same way:
 * 0. leave out ignored paths;
 * 1. features for the change and for each file;
 * 2. one batched `model.predict` for the change and all its files;
 * 3. explain the change's score (reasons, suggestions, per-file reasons, hunks);
 * 4. assemble the {@link ScoreResult}: bands, files sorted by risk, hunks ranked, notes.
 */
export async function scoreChange(change: Change, deps: ScoreChangeDeps): Promise<ScoreResult> {
  const { model, options } = deps;
  const registry = deps.registry ?? createDefaultRegistry();
  const maxFilesScored = options.maxFilesScored ?? DEFAULT_SCORING.maxFilesScored;

  const { change: scored, ignored } = applyIgnoreGlobs(change, options.ignore);

  const extracted = await extractChangeFeatures(
    registry,
    scored,
    { history: deps.history, contents: deps.contents },
    {
      maxFilesScored,
      concurrency: options.concurrency ?? DEFAULT_SCORING.concurrency,
      fileFeatureNames: fileFeatureNames(registry, model),
    },
  );

  const rows: FeatureValues[] = [
    extracted.features,
    ...scored.files.map((f) => extracted.fileFeatures[f.path]),
  ];
  const scores = await predictAll(model, rows);

  const { explanation, explainError } = await explain(
    model,
    scored,
    extracted.features,
    extracted.fileFeatures,
    options,
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
  return assemble(change, scored, model, options, extracted, scores, explanation, notes);
}

/**
 * Per-file vectors need what the model reads plus the diff group (cheap, and what the file table shows) — not
 * every registered feature: a group may declare thousands (hashed tokens), and 3,000 files × thousands of keys
 * is seconds of work nobody reads.
 */
function fileFeatureNames(registry: FeatureRegistry, model: RiskModel): ReadonlySet<string> {
  const cached = FILE_FEATURES.get(registry)?.get(model);
  if (cached) return cached;
  const names = new Set(model.featureNames);
  for (const spec of registry.specs)
    if (spec.group === "diff" || spec.group === "kamei") names.add(spec.name);
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

async function explain(
  model: RiskModel,
  change: Change,
  features: FeatureValues,
  fileFeatures: Record<string, FeatureValues>,
  options: ScoringOptions,
): Promise<{ explanation: ExplainOutput | null; explainError?: string }> {
  try {
    const explanation = await explainScore({
      model,
      change,
      features,
      fileFeatures,
      baseline: options.baseline,
      history: options.history,
    });
    return { explanation };
  } catch (error) {
    // The score stands without its reasons; the reader is told they are missing.
    return { explanation: null, explainError: error instanceof Error ? error.message : String(error) };
  }
}

function assemble(
  original: Change,
  scored: Change,
  model: RiskModel,
  options: ScoringOptions,
  extracted: Awaited<ReturnType<typeof extractChangeFeatures>>,
  scores: number[],
  explanation: ExplainOutput | null,
  notes: string[],
): ScoreResult {
  const bands = options.bands ?? model.bands;
  const diffOnly = new Set(extracted.diffOnly);
  const files: FileRisk[] = scored.files.map((file, i) => {
    const risk = scores[i + 1];
    const entry: FileRisk = {
      path: file.path,
      risk,
      band: assignBand(risk, bands),
      additions: file.additions,
      deletions: file.deletions,
      features: extracted.fileFeatures[file.path],
      reasons: explanation?.fileReasons[file.path] ?? [],
    };
    if (file.previousPath) entry.previousPath = file.previousPath;
    const note = fileNote(file, diffOnly.has(file.path));
    if (note) entry.note = note;
    return entry;
  });
  files.sort(
    (a, b) =>
      b.risk - a.risk ||
      b.additions + b.deletions - (a.additions + a.deletions) ||
      a.path.localeCompare(b.path),
  );
  const maxHunks = options.maxHunks ?? DEFAULT_SCORING.maxHunks;
  const hunks =
    explanation && explanation.hunks.length > 0
      ? [...explanation.hunks].sort((a, b) => b.risk - a.risk).slice(0, maxHunks)
      : rankHunksByFileRisk(scored, new Map(files.map((f) => [f.path, f.risk])), maxHunks);
  const probability = scores[0];
  const result: ScoreResult = {
    repository: original.repository,
    headSha: original.headSha,
    baseSha: original.baseSha,
    title: original.title,
    probability,
    band: assignBand(probability, bands),
    bands,
    modelVersion: model.version,
    features: extracted.features,
    reasons: explanation?.reasons ?? [],
    suggestions: explanation?.suggestions ?? [],
    files,
    hunks,
    notes,
    scoredAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  if (original.number !== undefined) result.number = original.number;
  return result;
}

function fileNote(file: Change["files"][number], diffOnly: boolean): string | undefined {
  const parts: string[] = [];
  if (file.binary) parts.push("binary file: no line-level diff");
  else if (file.patchOmitted === "too-large") parts.push("patch omitted by GitHub (too large)");
  else if (file.patchOmitted) parts.push("patch unavailable");
  if (diffOnly) parts.push("scored on diff features only");
  return parts.length > 0 ? parts.join("; ") : undefined;
}
