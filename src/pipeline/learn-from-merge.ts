import { GitError, runGit } from "../git/run-git.js";
import { assessOutcome } from "../labels/assess-outcome.js";
import { detectFix, type FixEvidence } from "../labels/detect-fix.js";
import { detectRevert } from "../labels/detect-revert.js";
import type { GitHubGraphql, GitHubRest } from "../labels/github-api.js";
import { parseRepoRef } from "../labels/github-api.js";
import { openGitHubSzzHistory } from "../labels/github-szz-history.js";
import { openGitSzzHistory } from "../labels/git-szz-history.js";
import { labelFix, labelRevert, type FixLabelOutcome } from "../labels/label-fix.js";
import type { LabelOptions } from "../labels/label-options.js";
import {
  findPullRequestOnGitHub,
  LocalPullRequestMapper,
  pullRequestFromMessage,
} from "../labels/map-commit-to-pr.js";
import { applyLinkedIssues, readClosingIssues, readReferencedIssues } from "../labels/read-linked-issues.js";
import type { SzzHistory } from "../labels/szz-history.js";
import type { LabelStore } from "../store/labels.js";

/** What the live jobs need; the app builds it from the installation's Octokit and the mirror manager. */
export interface LearnDeps {
  store: LabelStore;
  options: LabelOptions;
  /** `octokit.request` / `octokit.graphql` of the installation (absent in CLI-only use). */
  github?: { rest: GitHubRest; graphql: GitHubGraphql };
  /** Path of an up-to-date local mirror of the repository (fetched before the job), when there is one. */
  mirrorPath?: string | null;
  /** Unix seconds; tests pin it. */
  now?: () => number;
  log?: { debug(msg: string): void; info(msg: string): void };
}

/** The part of a `pull_request.closed` payload the job uses. */
export interface ClosedPullRequest {
  /** `owner/name`. */
  repository: string;
  number: number;
  title: string;
  body: string | null;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  headSha: string;
}

/** What a live job did. */
export interface LearnResult {
  outcome: string;
  fix: FixEvidence | null;
  szz: FixLabelOutcome | null;
  reverted: string[];
}

const nowOf = (deps: LearnDeps) => (deps.now ?? (() => Math.floor(Date.now() / 1000)))();

async function openHistory(deps: LearnDeps, repository: string, sha: string): Promise<SzzHistory | null> {
  if (deps.mirrorPath) {
    const local = await openGitSzzHistory(deps.mirrorPath, deps.options);
    if (await local.readCommit(sha)) return local;
    await local.close();
    deps.log?.info(
      `mirror ${deps.mirrorPath} lacks ${sha}; using the GitHub API (fetch the mirror before the job)`,
    );
  }
  const ref = parseRepoRef(repository);
  return deps.github && ref ? openGitHubSzzHistory(deps.github.rest, deps.github.graphql, ref) : null;
}

function pullRequestFinder(deps: LearnDeps, repository: string): (sha: string) => Promise<number | null> {
  const ref = parseRepoRef(repository);
  if (deps.github && ref) return (sha) => findPullRequestOnGitHub(deps.github!.rest, ref, sha);
  if (deps.mirrorPath) {
    const cwd = deps.mirrorPath;
    const messageOf = (sha: string) =>
      runGit(["log", "-1", "--format=%B", sha], { cwd }).catch((error: unknown) => {
        if (error instanceof GitError) return null; // not in the mirror: no PR to name
        throw error;
      });
    const mapper = new LocalPullRequestMapper(cwd, "HEAD", messageOf);
    return (sha) => mapper.pullRequestOf(sha);
  }
  return async () => null;
}

/**
 * Traces a change that landed on the default branch: 1. read linked issues (bug labels, opening date),
 * 2. label what it reverts, 3. if it is a fix, run SZZ and label the inducing commits with their PRs.
 */
async function learnFromLanded(
  deps: LearnDeps,
  repository: string,
  change: { sha: string; commitTime: number; text: string; prNumber: number | null },
): Promise<Omit<LearnResult, "outcome">> {
  const ref = parseRepoRef(repository);
  let evidence = detectFix(change.text, deps.options);
  let issueOpenedAt: number | null = null;
  if (deps.github && ref) {
    const issues =
      change.prNumber !== null
        ? await readClosingIssues(deps.github.graphql, ref, change.prNumber)
        : await readReferencedIssues(deps.github.rest, ref, evidence.issueReferences);
    ({ evidence, issueOpenedAt } = applyLinkedIssues(evidence, issues, deps.options));
  }
  const revert = detectRevert(change.text);
  if (!evidence.isFix && !revert.isRevert) return { fix: evidence, szz: null, reverted: [] };
  const history = await openHistory(deps, repository, change.sha);
  if (!history) {
    deps.log?.info(`no mirror and no GitHub client for ${repository}: cannot trace ${change.sha}`);
    return { fix: evidence, szz: null, reverted: [] };
  }
  try {
    const labelDeps = { store: deps.store, history, pullRequestOf: pullRequestFinder(deps, repository) };
    let reverted: string[] = [];
    if (revert.isRevert) {
      ({ reverted } = await labelRevert(labelDeps, repository, {
        sha: change.sha,
        commitTime: change.commitTime,
        evidence: revert,
        commitOfPullRequest: async (pr) => {
          if (!deps.github || !ref) return null;
          const { data } = await deps.github.rest.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
            ...ref,
            pull_number: pr,
          });
          return (data as { merge_commit_sha: string | null }).merge_commit_sha;
        },
      }));
    }
    const szz = evidence.isFix
      ? await labelFix(
          labelDeps,
          repository,
          { sha: change.sha, commitTime: change.commitTime, issueOpenedAt, evidence },
          deps.options,
        )
      : null;
    return { fix: evidence, szz, reverted };
  } finally {
    await history.close();
  }
}

/**
 * Job for `pull_request.closed`. Closed without merge → outcome `unmerged` on the head commit. Merged →
 * outcome `unlabeled` (maturing) on the merge commit, then fix/revert tracing. Idempotent under
 * redelivery: outcomes upsert, reverts replace their set, and a fix already traced is skipped.
 */
export async function learnFromClosedPullRequest(
  deps: LearnDeps,
  pr: ClosedPullRequest,
): Promise<LearnResult> {
  if (!pr.merged || !pr.mergeCommitSha) {
    const label = assessOutcome(
      pr.repository,
      { commitSha: pr.headSha, prNumber: pr.number, mergedAt: null },
      new Set(),
      nowOf(deps),
      deps.options.maturityDays,
    );
    await deps.store.recordLabel(label);
    return { outcome: label.label, fix: null, szz: null, reverted: [] };
  }
  const mergedAt = pr.mergedAt ? Math.floor(Date.parse(pr.mergedAt) / 1000) : nowOf(deps);
  const landed = await learnFromLanded(deps, pr.repository, {
    sha: pr.mergeCommitSha,
    commitTime: mergedAt,
    text: `${pr.title}\n\n${pr.body ?? ""}`,
    prNumber: pr.number,
  });
  const implicated = await deps.store.listImplicatedCommits(pr.repository);
  const label = assessOutcome(
    pr.repository,
    { commitSha: pr.mergeCommitSha, prNumber: pr.number, mergedAt },
    implicated,
    nowOf(deps),
    deps.options.maturityDays,
  );
  await deps.store.recordLabel(label);
  return { outcome: label.label, ...landed };
}

/** The part of a `push` the job uses (the app's PushSummary fits). */
export interface PushToDefaultBranch {
  repository: string;
  ref: string;
  defaultBranch: string;
  /** Commits the push brought, oldest first. */
  commitShas: string[];
}

/**
 * Job for `push`: only the default branch; commits that belong to a pull request (named in the message,
 * or associated on GitHub) are left to the pull_request job, the rest are treated like merged PRs. Each
 * commit's message and date are read from the mirror (or the GitHub API), not from the payload.
 */
export async function learnFromPush(deps: LearnDeps, push: PushToDefaultBranch): Promise<LearnResult[]> {
  if (push.ref !== `refs/heads/${push.defaultBranch}`) {
    deps.log?.debug(`push to ${push.ref}, not the default branch ${push.defaultBranch}: nothing to learn`);
    return [];
  }
  const findPr = pullRequestFinder(deps, push.repository);
  const results: LearnResult[] = [];
  for (const sha of push.commitShas) {
    const history = await openHistory(deps, push.repository, sha);
    const header = await history?.readCommit(sha);
    await history?.close();
    if (!header) {
      deps.log?.info(`${sha} is neither in the mirror nor readable on GitHub: skipped`);
      continue;
    }
    if (pullRequestFromMessage(header.message) !== null || (deps.github && (await findPr(sha)) !== null)) {
      deps.log?.debug(`${sha} came with a pull request: the pull_request.closed job labels it`);
      continue;
    }
    const landed = await learnFromLanded(deps, push.repository, {
      sha: header.sha,
      commitTime: header.commitTime,
      text: header.message,
      prNumber: null,
    });
    const implicated = await deps.store.listImplicatedCommits(push.repository);
    const label = assessOutcome(
      push.repository,
      { commitSha: header.sha, mergedAt: header.commitTime },
      implicated,
      nowOf(deps),
      deps.options.maturityDays,
    );
    await deps.store.recordLabel(label);
    results.push({ outcome: label.label, ...landed });
  }
  return results;
}

/**
 * Periodic job: re-assesses every active outcome label still `unlabeled` because it was maturing, so
 * changes that lived through the window become `clean` (or stay unlabeled when implicated meanwhile).
 */
export async function matureOutcomes(deps: Pick<LearnDeps, "store" | "options" | "now">, repository: string) {
  const implicated = await deps.store.listImplicatedCommits(repository);
  const maturing = (await deps.store.listLabels({ repository, source: "outcome" })).filter(
    (l) => l.label === "unlabeled" || l.label === "clean",
  );
  const now = nowOf(deps as LearnDeps);
  return deps.store.recordLabels(
    maturing
      .filter((l) => typeof l.details.mergedAt === "string")
      .map((l) =>
        assessOutcome(
          repository,
          {
            commitSha: l.commitSha,
            prNumber: l.prNumber,
            mergedAt: Math.floor(Date.parse(l.details.mergedAt as string) / 1000),
          },
          implicated,
          now,
          deps.options.maturityDays,
        ),
      ),
  );
}
