import type { FeatureValues } from "../features/types.js";
import { createStore } from "../store/index.js";
import { parseColumnMapping, readDatasetCsv, type JitDataset } from "./read-dataset-csv.js";
import { readTrainingStore } from "./read-training-store.js";

/** Where `defect train` / `defect eval` read labelled changes from. */
export interface DataSourceOptions {
  dataset?: string;
  db?: string;
  columns?: string;
  repository?: string;
  tokens?: boolean;
}

/** A dataset plus unlabeled rows (store only) and a description for reports. */
export interface TrainingData {
  dataset: JitDataset;
  unlabeled: FeatureValues[];
  source: string;
  hasTokens: boolean;
}

/** Thrown for a missing or ambiguous data source. */
export class DataSourceError extends Error {
  override name = "DataSourceError";
}

/** Reads `--dataset FILE.csv` or `--db FILE` (exactly one). */
export async function loadTrainingData(o: DataSourceOptions): Promise<TrainingData> {
  if (!!o.dataset === !!o.db) {
    throw new DataSourceError(
      "give exactly one of --dataset FILE.csv or --db FILE (the store written by `defect mine` + `defect label`).",
    );
  }
  if (o.dataset) {
    const dataset = await readDatasetCsv(o.dataset, parseColumnMapping(o.columns));
    return { dataset, unlabeled: [], source: o.dataset, hasTokens: false };
  }
  const store = await createStore({ file: o.db });
  try {
    const data = await readTrainingStore(store, { repository: o.repository, tokens: o.tokens });
    return {
      dataset: data.dataset,
      unlabeled: data.unlabeled.rows,
      source: `${o.db}${o.repository ? ` (${o.repository})` : ""}`,
      hasTokens: data.hasTokens,
    };
  } finally {
    await store.close();
  }
}

/** Names of the features a dataset's rows carry (union over rows, first-seen order). */
export function datasetFeatureNames(ds: JitDataset): string[] {
  const names = new Set<string>();
  for (const row of ds.rows) for (const [k, v] of Object.entries(row)) if (v !== null) names.add(k);
  return [...names];
}
