import type { Change, ChangedFile } from "../change/types.js";
import type { ExplainOutput } from "../model/explain-score.js";
import type { RiskModel } from "../model/types.js";
import type { FileRisk, ScoreResult } from "../report/types.js";
import { assignBand } from "./assign-band.js";
import type { ChangeFeatures } from "./extract-change-features.js";
import { rankHunksByFileRisk } from "./rank-hunks.js";
import { DEFAULT_SCORING, type ScoringOptions } from "./types.js";

/**
 * Step 4 of scoring: the {@link ScoreResult} from the pieces — bands (the options' or the model's), files sorted
 * by risk, hunks from the explanation or ranked by file risk, and the notes.
 */
export function assembleScoreResult(input: {
  original: Change;
  scored: Change;
  model: RiskModel;
  options: ScoringOptions;
  extracted: ChangeFeatures;
  /** The change's score, then one per file of `scored`, in order. */
  scores: number[];
  explanation: ExplainOutput | null;
  notes: string[];
}): ScoreResult {
  const { original, scored, model, options, extracted, scores, explanation, notes } = input;
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
  if (explanation) result.baselineProbability = explanation.baselineScore;
  return result;
}

function fileNote(file: ChangedFile, diffOnly: boolean): string | undefined {
  const parts: string[] = [];
  if (file.binary) parts.push("binary file: no line-level diff");
  else if (file.patchOmitted === "too-large") parts.push("patch omitted by GitHub (too large)");
  else if (file.patchOmitted) parts.push("patch unavailable");
  if (diffOnly) parts.push("scored on diff features only");
  return parts.length > 0 ? parts.join("; ") : undefined;
}
