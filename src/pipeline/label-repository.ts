import { GitError, runGit } from "../git/run-git.js";
import { assessOutcome } from "../labels/assess-outcome.js";
import { detectFix, type FixEvidence } from "../labels/detect-fix.js";
import { detectRevert } from "../labels/detect-revert.js";
import { ensureCommitGraph } from "../labels/ensure-commit-graph.js";
import { assertDirectory, openGitSzzHistory } from "../labels/git-szz-history.js";
import { labelFix, labelRevert, type FixToLabel, type LabelFixDeps } from "../labels/label-fix.js";
import type { LabelOptions } from "../labels/label-options.js";
import { listCommits, type FixListEntry, type LogCommit } from "../labels/list-commits.js";
import { LocalPullRequestMapper } from "../labels/map-commit-to-pr.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";
import type { LabelSource } from "../labels/types.js";
import type { LabelStore } from "../store/labels.js";

/** Inputs of a whole-history labelling run. */
export interface LabelRepositoryInput {
  store: LabelStore;
  /** Local clone or bare mirror. */
  repoPath: string;
  /** Name the labels are stored under (default: owner/name of a GitHub origin, else the absolute path). */
  repository?: string;
  options: LabelOptions;
  /** Run SZZ on exactly these fixes (full or abbreviated hashes) instead of detecting fixes. */
  fixes?: (string | FixListEntry)[];
  /** Only commits after this date (git's --since syntax) are considered as fixes, reverts and outcomes. */
  since?: string;
  /** Re-run fixes already recorded under the same options. */
  force?: boolean;
  /** Never write into the repository (by default a missing commit-graph is written: blame gets faster). */
  readOnly?: boolean;
  /** "Now" for the maturity window, Unix seconds (tests pin it). */
  now?: number;
  onProgress?(done: number, total: number, stage: "fixes" | "reverts" | "outcomes"): void;
}

/** What the run found and wrote. */
export interface LabelRepositorySummary {
  repository: string;
  commits: number;
  fixesFound: number;
  fixesTraced: number;
  fixesAlreadyDone: number;
  fixesNotTraced: { sha: string; why: string }[];
  /** Hashes from `fixes` that are not in the repository. */
  missingFixes: string[];
  reverts: number;
  /** Distinct commits with an active bug label (any source) after the run. */
  inducingCommits: number;
  /** Active labels of the repository by source and value, after the run. */
  bySource: Record<LabelSource, Record<string, number>>;
  /** True when the run wrote a commit-graph into the repository to speed blame up. */
  wroteCommitGraph: boolean;
  seconds: number;
}

/** `owner/name` when origin points at GitHub, else the absolute path. */
export async function repositoryNameOf(repoPath: string): Promise<string> {
  const url = await runGit(["config", "--get", "remote.origin.url"], { cwd: repoPath }).catch(() => "");
  const m = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\s*$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : (await import("node:path")).resolve(repoPath);
}

/**
 * Labels a whole local history:
 * 1. list commits (git log), 2. pick the fixes (given or detected), 3. trace each with SZZ and label the
 * inducing commits, 4. label what reverts undo, 5. record merge outcomes, 6. summarise from the store.
 */
export async function labelRepository(input: LabelRepositoryInput): Promise<LabelRepositorySummary> {
  const started = Date.now();
  const { store, repoPath, options } = input;
  assertDirectory(repoPath);
  const repository = input.repository ?? (await repositoryNameOf(repoPath));
  // A read-only clone cannot take a commit-graph: blame still works, only slower.
  const wroteCommitGraph = input.readOnly
    ? false
    : await ensureCommitGraph(repoPath).catch((error: unknown) => {
        if (error instanceof GitError) return false;
        throw error;
      });
  const history = await openGitSzzHistory(repoPath, options);
  try {
    // 1. commits (all, for PR and subject look-ups), then the window the run considers.
    const all = await listCommits(repoPath);
    const since = input.since
      ? new Set((await listCommits(repoPath, { since: input.since })).map((c) => c.sha))
      : null;
    const inWindow = since ? all.filter((c) => since.has(c.sha)) : all;
    const bySha = new Map(all.map((c) => [c.sha, c]));
    const mapper = new LocalPullRequestMapper(
      repoPath,
      "HEAD",
      async (sha) => bySha.get(sha)?.message ?? null,
    );
    const deps: LabelFixDeps = { store, history, pullRequestOf: (sha) => mapper.pullRequestOf(sha) };

    // 2. fixes
    const missingFixes: string[] = [];
    let fixes: FixToLabel[];
    if (input.fixes) {
      fixes = [];
      for (const given of input.fixes) {
        const entry = typeof given === "string" ? { sha: given } : given;
        const header = await history.readCommit(entry.sha);
        if (!header) {
          missingFixes.push(entry.sha);
          continue;
        }
        fixes.push({
          sha: header.sha,
          commitTime: header.commitTime,
          issueOpenedAt: entry.issueOpenedAt ?? null,
          evidence: { listed: true },
        });
      }
    } else {
      fixes = inWindow
        .map((c) => ({ c, evidence: detectFix(c.message, options) }))
        .filter((x): x is { c: LogCommit; evidence: FixEvidence } => x.evidence.isFix)
        .map(({ c, evidence }) => ({ sha: c.sha, commitTime: c.commitTime, evidence }));
    }

    // 3. SZZ
    let done = 0;
    // More fixes in flight than git processes: the history caps processes at `concurrency`, and the
    // fixes waiting meanwhile share one batched line count of their candidates.
    const outcomes = await mapWithConcurrency(fixes, options.concurrency * 4, async (fix) => {
      const r = await labelFix(deps, repository, fix, { ...options, concurrency: 1 }, input.force);
      input.onProgress?.(++done, fixes.length, "fixes");
      return r;
    });

    // 4. reverts
    const subjects = new Map<string, LogCommit[]>();
    for (const c of all) {
      const s = c.message.split("\n")[0];
      subjects.set(s, [...(subjects.get(s) ?? []), c]);
    }
    const reverts = inWindow
      .map((c) => ({ c, evidence: detectRevert(c.message) }))
      .filter((r) => r.evidence.isRevert);
    for (const [i, { c, evidence }] of reverts.entries()) {
      await labelRevert(deps, repository, {
        sha: c.sha,
        commitTime: c.commitTime,
        evidence,
        findBySubject: async (subject, before) =>
          (subjects.get(subject) ?? []).filter((x) => x.commitTime <= before && x.sha !== c.sha).pop()?.sha ??
          null,
      });
      input.onProgress?.(i + 1, reverts.length, "reverts");
    }

    // 5. outcomes: every non-merge commit reachable from HEAD landed when it was committed.
    const implicated = await store.listImplicatedCommits(repository);
    const now = input.now ?? Math.floor(Date.now() / 1000);
    const changes = inWindow.filter((c) => c.parents.length <= 1);
    await store.recordLabels(
      changes.map((c) =>
        assessOutcome(
          repository,
          { commitSha: c.sha, mergedAt: c.commitTime },
          implicated,
          now,
          options.maturityDays,
        ),
      ),
    );
    input.onProgress?.(changes.length, changes.length, "outcomes");

    // 6. summary
    const bySource = { szz: {}, revert: {}, outcome: {}, feedback: {} } as LabelRepositorySummary["bySource"];
    for (const l of await store.listLabels({ repository }))
      bySource[l.source][l.label] = (bySource[l.source][l.label] ?? 0) + 1;
    return {
      repository,
      commits: inWindow.length,
      fixesFound: fixes.length,
      fixesTraced: outcomes.filter((o) => !o.skipped).length,
      fixesAlreadyDone: outcomes.filter((o) => o.skipped).length,
      fixesNotTraced: outcomes
        .filter((o) => o.result?.skippedFix)
        .map((o) => ({ sha: o.fixSha, why: o.result!.skippedFix! })),
      missingFixes,
      reverts: reverts.length,
      inducingCommits: implicated.size,
      bySource,
      wroteCommitGraph,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await history.close();
  }
}
