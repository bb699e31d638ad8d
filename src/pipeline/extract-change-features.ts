import type { Change } from "../change/types.js";
import { restrictChangeToFile } from "../change/restrict-change.js";
import type { ExtractionError, FeatureRegistry } from "../features/registry.js";
import type { FeatureValues, FileContentProvider, HistoryProvider } from "../features/types.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";
import { pickFullyScoredFiles } from "./select-files.js";

/** Feature vectors of a change and of each of its files, and what failed while computing them. */
export interface ChangeFeatures {
  features: FeatureValues;
  /** Keyed by path, in the change's file order. */
  fileFeatures: Record<string, FeatureValues>;
  /** Paths that got diff-only features because they were past `maxFilesScored`. */
  diffOnly: string[];
  errors: ExtractionError[];
}

/**
 * Step 1 of scoring: the whole change's vector, then one vector per file (the file's own part of the change,
 * same extractors). Files past `maxFilesScored` are extracted without history or contents providers, so only
 * the cheap diff features are known for them. With `fileFeatureNames`, per-file vectors hold only the extractors
 * that produce those features (the whole-change vector always holds everything).
 */
export async function extractChangeFeatures(
  registry: FeatureRegistry,
  change: Change,
  providers: { history?: HistoryProvider; contents?: FileContentProvider },
  limits: { maxFilesScored: number; concurrency: number; fileFeatureNames?: ReadonlySet<string> },
): Promise<ChangeFeatures> {
  const whole = await registry.extract({ change, ...providers });
  // Without providers every file gets the same (diff-only) extraction, so there is nothing to cap.
  const hasProviders = providers.history !== undefined || providers.contents !== undefined;
  const full = pickFullyScoredFiles(change.files, hasProviders ? limits.maxFilesScored : Infinity);
  const perFile = await mapWithConcurrency(change.files, limits.concurrency, (file) => {
    const ctx = { change: restrictChangeToFile(change, file) };
    return registry.extract(full.has(file.path) ? { ...ctx, ...providers } : ctx, limits.fileFeatureNames);
  });
  const fileFeatures: Record<string, FeatureValues> = {};
  const errors = [...whole.errors];
  const seenErrors = new Set(errors.map((e) => `${e.extractor}: ${e.message}`));
  change.files.forEach((file, i) => {
    fileFeatures[file.path] = perFile[i].values;
    for (const e of perFile[i].errors) {
      // The same failure on every file is one problem; report it once, with the first file it hit.
      const key = `${e.extractor}: ${e.message}`;
      if (seenErrors.has(key)) continue;
      seenErrors.add(key);
      errors.push({ extractor: e.extractor, message: `${e.message} (file ${file.path})` });
    }
  });
  const diffOnly = change.files.filter((f) => !full.has(f.path)).map((f) => f.path);
  return { features: whole.values, fileFeatures, diffOnly, errors };
}
