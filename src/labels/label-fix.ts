import type { LabelStore, RecordSummary } from "../store/labels.js";
import { CONFIDENCE } from "./confidence.js";
import type { FixEvidence } from "./detect-fix.js";
import type { RevertEvidence } from "./detect-revert.js";
import { szzOptionsKey, type LabelOptions } from "./label-options.js";
import type { SzzHistory } from "./szz-history.js";
import { traceInducingCommits, type SzzResult } from "./trace-inducing-commits.js";
import type { LabelInput } from "./types.js";

/** What labelling needs besides the fix: where labels go, the history, and how to find a commit's PR. */
export interface LabelFixDeps {
  store: LabelStore;
  history: SzzHistory;
  /** The pull request that brought a commit in (null when unknown). */
  pullRequestOf(sha: string): Promise<number | null>;
}

/** A fix to trace. */
export interface FixToLabel {
  sha: string;
  /** Committer date of the fix, Unix seconds. */
  commitTime: number;
  issueOpenedAt?: number | null;
  evidence?: FixEvidence | { listed: true };
}

/** What labelling one fix did. */
export interface FixLabelOutcome {
  fixSha: string;
  /** True when a previous run with the same options already recorded this fix. */
  skipped: boolean;
  result: SzzResult | null;
  summary: RecordSummary;
}

const EMPTY: RecordSummary = { inserted: 0, unchanged: 0, superseded: 0, withdrawn: 0 };

/**
 * Traces one fix with SZZ and records a `bug` label (source `szz`, origin = the fix) on every candidate.
 * Idempotent: a fix already run under the same options is skipped unless `force`; a re-run replaces the
 * fix's labels as a set, so a commit that is no longer a candidate is withdrawn (kept as history).
 */
export async function labelFix(
  deps: LabelFixDeps,
  repository: string,
  fix: FixToLabel,
  options: LabelOptions,
  force = false,
): Promise<FixLabelOutcome> {
  const optionsKey = szzOptionsKey(options);
  const previous = await deps.store.getFixRun(repository, fix.sha, "szz");
  if (!force && previous?.optionsKey === optionsKey)
    return { fixSha: fix.sha, skipped: true, result: null, summary: EMPTY };
  const result = await traceInducingCommits(
    deps.history,
    { sha: fix.sha, issueOpenedAt: fix.issueOpenedAt },
    options,
  );
  const labels: LabelInput[] = [];
  for (const c of result.candidates) {
    labels.push({
      repository,
      commitSha: c.sha,
      prNumber: await deps.pullRequestOf(c.sha),
      label: "bug",
      source: "szz",
      confidence: c.confidence,
      fixSha: fix.sha,
      details: {
        rank: c.rank,
        lines: c.lines,
        paths: c.paths,
        candidates: result.candidates.length,
        evidence: fix.evidence ?? null,
      },
      observedAt: new Date(fix.commitTime * 1000).toISOString(),
    });
  }
  const summary = await deps.store.replaceLabelsFrom(
    { repository, source: "szz", origin: fix.sha },
    labels,
    `no longer an SZZ candidate of fix ${fix.sha} (options ${optionsKey})`,
  );
  await deps.store.recordFixRun({
    repository,
    fixSha: fix.sha,
    kind: "szz",
    candidates: result.candidates.length,
    ranAt: new Date().toISOString(),
    optionsKey,
  });
  return { fixSha: fix.sha, skipped: false, result, summary };
}

/** A revert and how to resolve what it names. */
export interface RevertToLabel {
  sha: string;
  commitTime: number;
  evidence: RevertEvidence;
  /** Finds the reverted commit by its subject (the most recent before the revert), for `Revert "…"`. */
  findBySubject?(subject: string, before: number): Promise<string | null>;
  /** Head or merge commit of a reverted pull request, when known (GitHub). */
  commitOfPullRequest?(pr: number): Promise<string | null>;
}

/** Records `bug` (source `revert`) on what a revert undoes; returns the reverted commits it resolved. */
export async function labelRevert(
  deps: LabelFixDeps,
  repository: string,
  revert: RevertToLabel,
): Promise<{ reverted: string[]; summary: RecordSummary }> {
  const found = new Map<string, { confidence: number; via: string; pr: number | null }>();
  for (const short of revert.evidence.revertedShas) {
    const header = await deps.history.readCommit(short);
    if (header)
      found.set(header.sha, { confidence: CONFIDENCE.revertBySha, via: "this-reverts-commit", pr: null });
  }
  for (const pr of revert.evidence.revertedPullRequests) {
    const sha = await revert.commitOfPullRequest?.(pr);
    if (sha && !found.has(sha))
      found.set(sha, { confidence: CONFIDENCE.revertBySha, via: "reverts-pull-request", pr });
  }
  if (found.size === 0 && revert.evidence.revertedSubject && revert.findBySubject) {
    const sha = await revert.findBySubject(revert.evidence.revertedSubject, revert.commitTime);
    if (sha) found.set(sha, { confidence: CONFIDENCE.revertBySubject, via: "revert-subject", pr: null });
  }
  const labels: LabelInput[] = [];
  for (const [sha, f] of found) {
    labels.push({
      repository,
      commitSha: sha,
      prNumber: f.pr ?? (await deps.pullRequestOf(sha)),
      label: "bug",
      source: "revert",
      confidence: f.confidence,
      fixSha: revert.sha,
      details: { via: f.via },
      observedAt: new Date(revert.commitTime * 1000).toISOString(),
    });
  }
  const summary = await deps.store.replaceLabelsFrom(
    { repository, source: "revert", origin: revert.sha },
    labels,
    `no longer resolved as reverted by ${revert.sha}`,
  );
  return { reverted: [...found.keys()], summary };
}
