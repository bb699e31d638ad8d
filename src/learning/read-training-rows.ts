import { decodeTokenCounts } from "../features/tokens/index.js";
import type { LabelRecord } from "../labels/types.js";
import type { Store } from "../store/types.js";
import { sortRowsByDate } from "./train-candidate.js";
import type { TrainingRow } from "./types.js";

/** One change's verdict from its active labels: any `bug` wins; else `clean`; else unknown. */
export interface ResolvedLabel {
  label: 0 | 1;
  /** When the deciding evidence happened (fix date, maturity). */
  at: string;
}

/**
 * Resolves the active labels of one commit (or PR). A bug label from any source (SZZ, revert, feedback)
 * outweighs a clean outcome: a clean outcome only says nothing was found yet. `unlabeled` and `unmerged`
 * say nothing.
 */
export function resolveLabel(labels: readonly LabelRecord[]): ResolvedLabel | null {
  const active = labels.filter((l) => l.supersededAt === null);
  const bugs = active.filter((l) => l.label === "bug");
  if (bugs.length > 0) return { label: 1, at: bugs.map((l) => l.observedAt).sort()[0] };
  const clean = active.filter((l) => l.label === "clean");
  if (clean.length > 0) return { label: 0, at: clean.map((l) => l.observedAt).sort()[0] };
  return null;
}

function group<K>(labels: readonly LabelRecord[], key: (l: LabelRecord) => K | null): Map<K, LabelRecord[]> {
  const out = new Map<K, LabelRecord[]>();
  for (const l of labels) {
    const k = key(l);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(l);
    else out.set(k, [l]);
  }
  return out;
}

/**
 * Mined commits of a repository joined with their resolved labels, oldest first, from `since` (ISO) on. A commit
 * mined with tokens carries its `tok_<bucket>` counts among its features (for the token bag).
 */
export async function readTrainingRows(
  store: Store,
  repository: string,
  since: string | null,
): Promise<TrainingRow[]> {
  const labels = group(await store.labels.listLabels({ repository }), (l) => l.commitSha);
  const rows: TrainingRow[] = [];
  let after = 0;
  for (;;) {
    const page = await store.commits.listCommits({ repository, after, limit: 2000 });
    for (const c of page.records) {
      const date = new Date(c.date).toISOString();
      if (since && date < since) continue;
      const resolved = resolveLabel(labels.get(c.sha) ?? []);
      rows.push({
        id: c.sha,
        date,
        features: c.tokens ? { ...c.features, ...decodeTokenCounts(c.tokens) } : c.features,
        label: resolved?.label ?? null,
        labelledAt: resolved?.at ?? null,
      });
    }
    if (page.next === null) break;
    after = page.next;
  }
  return sortRowsByDate(rows);
}

/** Matured labels of scored changes, by head sha (labels on the PR number count for its head). */
export async function readLabelsFor(
  store: Store,
  repository: string,
  changes: readonly { headSha: string; prNumber: number | null }[],
): Promise<Map<string, 0 | 1>> {
  const all = await store.labels.listLabels({ repository });
  const bySha = group(all, (l) => l.commitSha);
  const byPr = group(all, (l) => l.prNumber);
  const out = new Map<string, 0 | 1>();
  for (const c of changes) {
    const found = [
      ...(bySha.get(c.headSha) ?? []),
      ...(c.prNumber !== null ? (byPr.get(c.prNumber) ?? []) : []),
    ];
    const resolved = resolveLabel(found);
    if (resolved) out.set(c.headSha, resolved.label);
  }
  return out;
}
