import type { FeatureValues } from "../features/types.js";
import type { Store } from "../store/types.js";
import { MIN_CLEAN_ROWS, medianVector } from "./explain-baseline.js";

/** A repository's own history, as the explanation compares with it. */
export interface RepositoryHistory {
  /** Feature vectors of its most recent mined changes ("larger than 92 % of changes here"). */
  history: FeatureValues[];
  /** Median of those known to be clean (active `clean` label, no active `bug` label); absent under 5 such rows. */
  baseline?: FeatureValues;
  /** How many of `history` are known clean. */
  cleanRows: number;
}

const PAGE = 1_000;

/**
 * Reads what explanations compare a change with: the last `limit` mined changes of the repository (mining order
 * is oldest first, so the tail is the most recent) and, from the labels store, which of them are clean. Its
 * result fits `ScoringOptions` as is: `{ ...options, ...(await loadRepositoryHistory(store, "owner/name")) }`.
 * A repository that was never mined gives an empty history, and the explanation falls back to the model's
 * baseline.
 */
export async function loadRepositoryHistory(
  store: Pick<Store, "commits" | "labels">,
  repository: string,
  options: { limit?: number } = {},
): Promise<RepositoryHistory> {
  const limit = options.limit ?? 2_000;
  let recent: { sha: string; features: FeatureValues }[] = [];
  let after = 0;
  for (;;) {
    const page = await store.commits.listCommits({ repository, after, limit: PAGE });
    recent.push(...page.records.map((r) => ({ sha: r.sha, features: r.features })));
    if (recent.length > limit) recent = recent.slice(-limit);
    if (page.next === null) break;
    after = page.next;
  }
  const labels = await store.labels.listLabels({ repository });
  const clean = new Set(labels.filter((l) => l.label === "clean").map((l) => l.commitSha));
  for (const l of labels) if (l.label === "bug") clean.delete(l.commitSha);
  const cleanVectors = recent.filter((r) => clean.has(r.sha)).map((r) => r.features);
  const history = recent.map((r) => r.features);
  const out: RepositoryHistory = { history, cleanRows: cleanVectors.length };
  if (cleanVectors.length >= MIN_CLEAN_ROWS) {
    const names = [...new Set(cleanVectors.flatMap((v) => Object.keys(v)))];
    out.baseline = medianVector(names, cleanVectors);
  }
  return out;
}
