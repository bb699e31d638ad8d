import type { FixEvidence, IssueReference } from "./detect-fix.js";
import { isNotFound, type GitHubGraphql, type GitHubRest, type RepoRef } from "./github-api.js";
import type { LabelOptions } from "./label-options.js";

/** An issue linked to a fix, as far as the labeler cares. */
export interface LinkedIssue {
  number: number;
  /** ISO 8601. */
  createdAt: string;
  labels: string[];
}

const CLOSING_ISSUES = `query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: 25) { nodes { number createdAt labels(first: 30) { nodes { name } } } }
    }
  }
}`;

interface ClosingIssuesData {
  repository: {
    pullRequest: {
      closingIssuesReferences: {
        nodes: { number: number; createdAt: string; labels: { nodes: { name: string }[] } }[];
      };
    } | null;
  } | null;
}

/** Issues a pull request closes (GraphQL `closingIssuesReferences`: body keywords and sidebar links alike). */
export async function readClosingIssues(
  api: GitHubGraphql,
  repo: RepoRef,
  prNumber: number,
): Promise<LinkedIssue[]> {
  const data = await api.graphql<ClosingIssuesData>(CLOSING_ISSUES, { ...repo, number: prNumber });
  const nodes = data.repository?.pullRequest?.closingIssuesReferences.nodes ?? [];
  return nodes.map((n) => ({
    number: n.number,
    createdAt: n.createdAt,
    labels: n.labels.nodes.map((l) => l.name),
  }));
}

/**
 * Issues named by closing references in a commit message (`fixes #12`, `closes owner/repo#4` in this
 * repository only), read through REST; a reference that is missing (404) or a pull request is skipped.
 */
export async function readReferencedIssues(
  api: GitHubRest,
  repo: RepoRef,
  refs: readonly IssueReference[],
): Promise<LinkedIssue[]> {
  const same = refs.filter(
    (r) =>
      r.owner === null ||
      (r.owner.toLowerCase() === repo.owner.toLowerCase() &&
        r.repo?.toLowerCase() === repo.repo.toLowerCase()),
  );
  const out: LinkedIssue[] = [];
  for (const number of [...new Set(same.map((r) => r.number))]) {
    try {
      const { data } = await api.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: number,
      });
      const issue = data as {
        number: number;
        created_at: string;
        pull_request?: unknown;
        labels: (string | { name?: string })[];
      };
      if (issue.pull_request) continue;
      out.push({
        number: issue.number,
        createdAt: issue.created_at,
        labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
      });
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
  }
  return out;
}

/**
 * Folds linked issues into fix evidence: an issue with a bug label makes the change a fix; the earliest
 * bug issue's opening date becomes the issue-date filter of SZZ (Unix seconds).
 */
export function applyLinkedIssues(
  evidence: FixEvidence,
  issues: readonly LinkedIssue[],
  options: Pick<LabelOptions, "bugIssueLabels">,
): { evidence: FixEvidence; issueOpenedAt: number | null } {
  const bugNames = new Set(options.bugIssueLabels.map((l) => l.toLowerCase()));
  const bugs = issues.filter((i) => i.labels.some((l) => bugNames.has(l.toLowerCase())));
  const dates = bugs.map((i) => Date.parse(i.createdAt) / 1000).filter((t) => Number.isFinite(t));
  return {
    evidence: { ...evidence, isFix: evidence.isFix || bugs.length > 0, bugIssues: bugs.map((i) => i.number) },
    issueOpenedAt: dates.length ? Math.min(...dates) : null,
  };
}
