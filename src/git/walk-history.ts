import { runGit } from "./run-git.js";
import type { LogCommit } from "./parse-log-records.js";
import { GitError } from "./run-git.js";
import { isMissingObjectError, logArgs, streamGitLog } from "./stream-git-log.js";

/** Why a commit's line counts are missing: git could not read an object it needs. */
export interface DamagedCommit {
  sha: string;
  /** `numstat-missing`: files known (from `--raw --no-renames`), line counts not; `unreadable`: nothing known. */
  kind: "numstat-missing" | "unreadable";
  /** git's own words (last stderr line). */
  detail: string;
}

/** What {@link walkHistory} did besides emitting commits. */
export interface WalkResult {
  /** `git log` processes started (1 on a healthy repository). */
  processes: number;
  damaged: DamagedCommit[];
}

const lastLine = (text: string): string => text.trim().split("\n").pop() ?? "";

/**
 * Streams every commit of `range` (oldest first, parents before children) through `onCommit` with ONE
 * `git log` process. When git stops on a missing object (snapshot or partial clone), the walk records the
 * commit it stopped at, reads that commit without line counts, and continues with the rest in a new
 * process fed the remaining ids: one bad commit never ends the run.
 */
export async function walkHistory(
  repo: string,
  range: readonly string[],
  onCommit: (commit: LogCommit, damaged?: DamagedCommit) => void,
  drain?: () => Promise<void>,
): Promise<WalkResult> {
  const result: WalkResult = { processes: 0, damaged: [] };
  let lastDone: string | null = null;
  const emit = (c: LogCommit): void => {
    lastDone = c.sha;
    onCommit(c);
  };
  let attemptStart: string | null = null;
  let run = await streamGitLog(repo, logArgs(["--reverse", "--date-order", ...range, "--"]), emit, { drain });
  result.processes++;
  let order: string[] | null = null;
  while (run.code !== 0) {
    if (!isMissingObjectError(run.stderr)) throw new GitError(["log", ...range], run.code, run.stderr);
    order ??= (await runGit(["rev-list", "--reverse", "--date-order", ...range, "--"], { cwd: repo }))
      .split("\n")
      .filter(Boolean);
    let remaining = order.slice(lastDone === null ? 0 : order.indexOf(lastDone) + 1);
    // No commit completed in this attempt: the first remaining one is the one git cannot read.
    // Otherwise git may have stopped on the commit after the last complete one: rerun from there to find out.
    if (lastDone === attemptStart && remaining.length > 0) {
      result.damaged.push(await readWithoutLineCounts(repo, remaining[0], lastLine(run.stderr), onCommit));
      lastDone = remaining[0];
      remaining = remaining.slice(1);
    }
    if (remaining.length === 0) break;
    attemptStart = lastDone;
    run = await streamGitLog(repo, logArgs(["--no-walk=unsorted", "--stdin"]), emit, {
      input: remaining.join("\n") + "\n",
      drain,
    });
    result.processes++;
  }
  return result;
}

/** Reads one commit with `--raw --no-renames` (tree objects only, no blobs); emits it flagged as damaged. */
async function readWithoutLineCounts(
  repo: string,
  sha: string,
  detail: string,
  onCommit: (commit: LogCommit, damaged?: DamagedCommit) => void,
): Promise<DamagedCommit> {
  let commit: LogCommit | null = null;
  const args = logArgs(["--no-walk", sha]).filter((a) => a !== "--numstat" && a !== "-M");
  const run = await streamGitLog(repo, [...args, "--no-renames"], (c) => (commit = c));
  if (run.code === 0 && commit) {
    const damaged: DamagedCommit = { sha, kind: "numstat-missing", detail };
    onCommit(commit, damaged);
    return damaged;
  }
  const damaged: DamagedCommit = { sha, kind: "unreadable", detail: lastLine(run.stderr) || detail };
  const meta = await runGit(["show", "-s", "--format=%P%x1f%at%x1f%an%x1f%ae", sha], { cwd: repo }).catch(
    () => "",
  );
  const [parents = "", at = "0", name = "", email = ""] = meta.trim().split("\x1f");
  onCommit(
    {
      sha,
      parents: parents ? parents.split(" ") : [],
      authorTime: Number(at),
      authorName: name,
      authorEmail: email,
      message: "",
      files: [],
    },
    damaged,
  );
  return damaged;
}
