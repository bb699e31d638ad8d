import type { FeatureValues } from "../features/types.js";
import { decodeTokenCounts } from "../features/tokens/encode-token-counts.js";
import type { Store } from "../store/types.js";
import type { JitDataset } from "./read-dataset-csv.js";

/** Labelled rows from the store, plus the commits that have no usable label yet (for semi-supervised training). */
export interface StoreTrainingData {
  dataset: JitDataset;
  unlabeled: { rows: FeatureValues[]; times: number[] };
  /** Non-token feature names seen on the mined commits, in first-seen order. */
  featureNames: string[];
  hasTokens: boolean;
}

/** Thrown when the store has nothing to train on; the message says which command fills it. */
export class EmptyTrainingStoreError extends Error {
  override name = "EmptyTrainingStoreError";
}

/**
 * Joins mined commits (commits domain) with their active labels (labels domain). A commit with any active `bug`
 * label is bug-inducing; otherwise one with a `clean` label is clean; `unlabeled` (too young) or no label goes to
 * `unlabeled`; `unmerged` pull requests are left out (they never shipped, so they are neither).
 */
export async function readTrainingStore(
  store: Store,
  options: { repository?: string; tokens?: boolean } = {},
): Promise<StoreTrainingData> {
  const labels = await store.labels.listLabels(options.repository ? { repository: options.repository } : {});
  const verdict = new Map<string, "bug" | "clean" | "unlabeled" | "unmerged">();
  const rank = { bug: 3, unmerged: 2, clean: 1, unlabeled: 0 } as const;
  for (const l of labels) {
    const key = `${l.repository}\u0000${l.commitSha}`;
    const prev = verdict.get(key);
    if (!prev || rank[l.label] > rank[prev]) verdict.set(key, l.label);
  }
  const dataset: JitDataset = {
    rows: [],
    labels: [],
    times: [],
    ids: [],
    projects: [],
    mapping: {},
    absentFeatures: [],
  };
  const unlabeled: StoreTrainingData["unlabeled"] = { rows: [], times: [] };
  const names = new Set<string>();
  let hasTokens = false;
  let after = 0;
  for (;;) {
    const page = await store.commits.listCommits({ repository: options.repository, after, limit: 1000 });
    for (const c of page.records) {
      Object.keys(c.features).forEach((k) => names.add(k));
      const row: FeatureValues = { ...c.features };
      if (options.tokens && c.tokens) {
        Object.assign(row, decodeTokenCounts(c.tokens));
        hasTokens = true;
      }
      const time = Math.floor(Date.parse(c.date) / 1000);
      const v = verdict.get(`${c.repository}\u0000${c.sha}`);
      if (v === "bug" || v === "clean") {
        dataset.rows.push(row);
        dataset.labels.push(v === "bug" ? 1 : 0);
        dataset.times.push(time);
        dataset.ids.push(c.sha);
        dataset.projects!.push(c.repository);
      } else if (v !== "unmerged") {
        unlabeled.rows.push(row);
        unlabeled.times.push(time);
      }
    }
    if (page.next === null) break;
    after = page.next;
  }
  if (dataset.rows.length === 0) {
    throw new EmptyTrainingStoreError(
      `the store has no labelled commits${options.repository ? ` for ${options.repository}` : ""} ` +
        `(${unlabeled.rows.length} mined commits without a bug/clean label). Run \`defect mine\` and then \`defect label\` first.`,
    );
  }
  return { dataset, unlabeled, featureNames: [...names], hasTokens };
}
