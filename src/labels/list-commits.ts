import { GitError, streamGitLines } from "../git/run-git.js";

/** A commit as the labeler needs it: no diff, no features. */
export interface LogCommit {
  sha: string;
  parents: string[];
  /** Author and committer dates, Unix seconds. */
  authorTime: number;
  commitTime: number;
  authorEmail: string;
  /** Full message (subject + body). */
  message: string;
}

export interface ListCommitsOptions {
  /** Revision to walk from (default HEAD). */
  rev?: string;
  /** Only commits committed after this date (anything `git log --since` accepts). */
  since?: string;
  /** Walk only the first-parent chain (what the default branch saw land). */
  firstParent?: boolean;
}

const START = "\x1e";
const SEP = "\x1f";

/**
 * Streams `git log` once (bounded memory per line) and returns the commits oldest first.
 * Throws {@link GitError} when git fails, e.g. a path that is not a repository.
 */
export async function listCommits(cwd: string, options: ListCommitsOptions = {}): Promise<LogCommit[]> {
  const args = ["log", `--format=${START}%H${SEP}%P${SEP}%at${SEP}%ct${SEP}%ae%n%B`, "--reverse"];
  if (options.firstParent) args.push("--first-parent");
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.rev ?? "HEAD", "--");
  const commits: LogCommit[] = [];
  let current: LogCommit | null = null;
  let body: string[] = [];
  const flush = () => {
    if (current) commits.push({ ...current, message: body.join("\n").trimEnd() });
  };
  const { code, stderr } = await streamGitLines(args, { cwd }, (line) => {
    if (line.startsWith(START)) {
      flush();
      const [sha, parents, at, ct, email] = line.slice(1).split(SEP);
      current = {
        sha,
        parents: parents ? parents.split(" ") : [],
        authorTime: Number(at),
        commitTime: Number(ct),
        authorEmail: email,
        message: "",
      };
      body = [];
    } else {
      body.push(line);
    }
  });
  flush();
  if (code !== 0) throw new GitError(args, code, stderr);
  return commits;
}

/** One line of a fixes file: the fix and, when the tracker exported it, when its issue was opened. */
export interface FixListEntry {
  sha: string;
  /** Unix seconds; enables SZZ's issue-date filter for this fix. */
  issueOpenedAt?: number;
}

/**
 * Reads a fixes file: one commit hash per line, optionally followed (space or comma) by the date its
 * issue was opened (ISO 8601 or Unix seconds). `#` comments and blank lines are allowed; a hash listed
 * twice counts once. Throws naming the line when a hash or a date cannot be read.
 */
export function parseFixList(text: string): FixListEntry[] {
  const out = new Map<string, FixListEntry>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const [hash, date] = line.split(/[\s,]+/);
    if (!/^[0-9a-fA-F]{4,40}$/.test(hash)) {
      throw new Error(
        `Line ${i + 1} of the fixes file is not a commit hash: "${raw}". Write one hash per line.`,
      );
    }
    const entry: FixListEntry = { sha: hash.toLowerCase() };
    if (date) {
      const seconds = /^\d+$/.test(date) ? Number(date) : Date.parse(date) / 1000;
      if (!Number.isFinite(seconds)) {
        throw new Error(
          `Line ${i + 1} of the fixes file has "${date}" after the hash, which is not a date. ` +
            "Give the issue's opening date as ISO 8601 (2020-01-31T12:00:00Z) or Unix seconds, or nothing.",
        );
      }
      entry.issueOpenedAt = Math.floor(seconds);
    }
    if (!out.has(entry.sha)) out.set(entry.sha, entry);
  });
  return [...out.values()];
}
