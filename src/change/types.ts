import type { Hunk } from "../diff/types.js";

/** Who made a change. GitHub gives a login; local git gives name + email. */
export interface ChangeAuthor {
  login?: string | null;
  name?: string | null;
  email?: string | null;
}

export interface ChangeCommit {
  sha: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  authorLogin?: string | null;
  /** ISO 8601 author date. */
  date: string;
  parents: string[];
}

export type FileStatus = "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";

/** One file of a change, with its parsed hunks. */
export interface ChangedFile {
  path: string;
  /** Set for renames and copies. */
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  binary: boolean;
  /** Parsed hunks; empty when the patch is missing (see `patchOmitted`). */
  hunks: Hunk[];
  /**
   * Why there is no patch: GitHub omits patches of large or binary files; local git marks binary files.
   * Line counts (`additions`/`deletions`) are still known.
   */
  patchOmitted?: "binary" | "too-large" | "unknown";
}

/**
 * A change to score: a GitHub pull request or a local base..head range. Both sources produce this
 * same plain, JSON-serialisable record, so features, model and report never know where it came from.
 */
export interface Change {
  source: "github" | "git";
  /** `owner/name` on GitHub, or the absolute path of a local repository. */
  repository: string;
  /** Pull request number (GitHub only). */
  number?: number;
  baseSha: string;
  headSha: string;
  title: string;
  body: string;
  author: ChangeAuthor;
  /** ISO 8601: when the PR was opened, or the head commit's author date locally. */
  createdAt: string;
  commits: ChangeCommit[];
  files: ChangedFile[];
  /** Files GitHub reports for the change (may exceed `files.length` past GitHub's 3,000-file limit). */
  totalFiles: number;
  draft?: boolean;
}
