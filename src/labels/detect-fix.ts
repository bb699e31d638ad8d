import type { LabelOptions } from "./label-options.js";

/** A reference to an issue found in a message: `#12` (same repository) or `owner/repo#12`. */
export interface IssueReference {
  owner: string | null;
  repo: string | null;
  number: number;
  /** The closing keyword before it (`fixes`, `closes`…), lower-case. */
  keyword: string;
}

/** Why a commit or pull request was (or was not) taken for a bug fix. */
export interface FixEvidence {
  isFix: boolean;
  /** Fix keywords found in the subject (or PR title). */
  keywords: string[];
  /** Closing references (`fixes #123`, `closes owner/repo#45`). */
  issueReferences: IssueReference[];
  /** Jira-style keys (`ZEPPELIN-123`). */
  jiraKeys: string[];
  /** Linked issues carrying a bug label (filled in on GitHub). */
  bugIssues: number[];
}

const CLOSING = "close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved";
// Apache's merge script writes "Closes #123 from user/branch": that number is the pull request itself.
const REFERENCE = new RegExp(
  `\\b(${CLOSING})(?::)?\\s+(?:([\\w.-]+)\\/([\\w.-]+))?#(\\d+)(?!\\d)(?!\\s+from\\s)`,
  "gi",
);
const JIRA = /\b([A-Z][A-Z0-9_]+)-(\d+)\b/g;
const MERGE_SUBJECT = /^Merge (pull request|branch|remote-tracking branch|tag)\b/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The line that says what a commit does: for a merge commit, the PR title GitHub puts in the body. */
export function headlineOf(message: string): string {
  const lines = message.split("\n");
  if (MERGE_SUBJECT.test(lines[0] ?? ""))
    return (
      lines
        .slice(1)
        .find((l) => l.trim() !== "")
        ?.trim() ?? lines[0]
    );
  return (lines[0] ?? "").trim();
}

/** Parses closing references in any text. */
export function parseIssueReferences(text: string): IssueReference[] {
  const refs: IssueReference[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    refs.push({ keyword: m[1].toLowerCase(), owner: m[2] ?? null, repo: m[3] ?? null, number: Number(m[4]) });
  }
  return refs;
}

/** Parses Jira-style keys, optionally limited to some project keys. */
export function parseJiraKeys(text: string, projects: readonly string[] = []): string[] {
  const wanted = new Set(projects.map((p) => p.toUpperCase()));
  const keys = new Set<string>();
  for (const m of text.matchAll(JIRA)) {
    if (wanted.size === 0 || wanted.has(m[1])) keys.add(`${m[1]}-${m[2]}`);
  }
  return [...keys];
}

/**
 * Decides from text alone whether a commit (or a PR: title + body) is a bug fix. A fix keyword in the
 * headline, or a closing reference with a fix keyword (`fixes #12`), makes it a fix; issue labels read
 * from GitHub can add to this later (see read-linked-issues.ts). Reverts are handled by detect-revert.ts.
 */
export function detectFix(
  message: string,
  options: Pick<LabelOptions, "fixKeywords" | "jiraProjects">,
): FixEvidence {
  const headline = headlineOf(message);
  const keywords: string[] = [];
  for (const word of options.fixKeywords) {
    if (new RegExp(`(^|[^\\w-])${escapeRegExp(word)}($|[^\\w-])`, "i").test(headline))
      keywords.push(word.toLowerCase());
  }
  const issueReferences = parseIssueReferences(message);
  const jiraKeys = parseJiraKeys(message, options.jiraProjects);
  const fixingReference = issueReferences.some((r) => r.keyword.startsWith("fix"));
  const isRevert = /^Revert\b/i.test(headline);
  return {
    isFix: !isRevert && (keywords.length > 0 || fixingReference),
    keywords,
    issueReferences,
    jiraKeys,
    bugIssues: [],
  };
}
