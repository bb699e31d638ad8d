import type { BlamedLine } from "./blame-lines.js";
import type { FixFileLines } from "./read-fix-diff.js";

/** Size and subject of a commit, to skip huge and mass-formatting ones. */
export interface CommitSize {
  files: number;
  /** Lines added + deleted (against the first parent for a merge); null when not asked for. */
  lines: number | null;
  subject: string;
}

/** A commit's header fields. */
export interface CommitHeader {
  sha: string;
  parents: string[];
  /** Committer date, Unix seconds. */
  commitTime: number;
  message: string;
}

/**
 * What SZZ needs from a repository's history. Two implementations: a local mirror through git
 * (git-szz-history.ts) and the GitHub API when there is no mirror (github-szz-history.ts).
 */
export interface SzzHistory {
  readCommit(sha: string): Promise<CommitHeader | null>;
  /** The lines the fix deleted or modified against `parent`, filters for blank/comment/whitespace applied. */
  readFixLines(fixSha: string, parent: string): Promise<{ files: FixFileLines[]; fileCount: number }>;
  /** Blames `lines` of `path` at `rev`, looking through `ignoreRevs` where the source supports it. */
  blame(
    rev: string,
    path: string,
    lines: readonly number[],
    ignoreRevs: ReadonlySet<string>,
  ): Promise<BlamedLine[]>;
  /**
   * Sizes of many commits at once (missing ones are left out). Counting lines means diffing blobs, so
   * callers ask for them (`withLines`) only where the file count and subject are not enough.
   */
  commitSizes(shas: readonly string[], withLines?: boolean): Promise<Map<string, CommitSize>>;
  /** Revisions listed in `.git-blame-ignore-revs` as of `rev` (empty when there is none). */
  ignoredRevisions(rev: string): Promise<Set<string>>;
  /** Whether blame honours `ignoreRevs` itself (otherwise SZZ can only drop those candidates). */
  readonly canIgnoreRevs: boolean;
  close(): Promise<void>;
}
