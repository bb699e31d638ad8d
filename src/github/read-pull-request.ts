import type { Change, ChangeCommit, ChangedFile, FileStatus } from "../change/types.js";
import { parsePatch } from "../diff/parse-patch.js";
import { describeGitHubError, githubStatus } from "./describe-github-error.js";
import type { GitHubLog, GitHubOctokit, PullRequestRef } from "./types.js";

/** GitHub lists at most 3,000 files of a pull request (30 pages of 100). */
export const GITHUB_FILE_LIMIT = 3_000;
const PER_PAGE = 100;

/** A file as `GET /repos/{owner}/{repo}/pulls/{number}/files` returns it (the fields we read). */
interface PullFile {
  filename: string;
  previous_filename?: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|bmp|ico|webp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|o|a|lib|woff2?|ttf|otf|eot|mp[34]|mov|avi|wav|ogg|flac|sqlite|db|pyc|wasm)$/i;

/**
 * Reads a pull request as a {@link Change}: the PR, its files (paginated, 100 a page, up to GitHub's 3,000)
 * and its commits (the two listings run together). GitHub omits the patch of binary and very large files: such
 * a file keeps its line counts and says why it has no hunks. Resolves `null` (with a log line) on a 404.
 */
export async function readPullRequest(
  octokit: GitHubOctokit,
  ref: PullRequestRef,
  log: GitHubLog,
): Promise<Change | null> {
  const { owner, repo, number } = ref;
  let listed = 0;
  try {
    // The PR first: a 404 or a permission error stops here, before two listings are in flight.
    const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    const [files, commits] = await Promise.all([
      octokit.paginate(
        octokit.rest.pulls.listFiles,
        { owner, repo, pull_number: number, per_page: PER_PAGE },
        (response, done) => {
          // GitHub's listing ends at 3,000 files; stopping there ourselves bounds the calls whatever the links say.
          listed += response.data.length;
          if (listed >= GITHUB_FILE_LIMIT) done();
          return response.data;
        },
      ),
      octokit.paginate(octokit.rest.pulls.listCommits, {
        owner,
        repo,
        pull_number: number,
        per_page: PER_PAGE,
      }),
    ]);
    const notes: string[] = [];
    const changedFiles = (files as PullFile[])
      .slice(0, GITHUB_FILE_LIMIT)
      .map((f) => toChangedFile(f, notes));
    if (notes.length)
      log.info({ owner, repo, number, notes: notes.slice(0, 5) }, "some patches could not be parsed");
    const p = pr.data;
    return {
      source: "github",
      repository: `${owner}/${repo}`,
      number,
      baseSha: p.base.sha,
      headSha: p.head.sha,
      title: p.title,
      body: p.body ?? "",
      author: { login: p.user?.login ?? null },
      createdAt: p.created_at,
      commits: commits.map(toCommit),
      files: changedFiles,
      totalFiles: Math.max(p.changed_files ?? 0, changedFiles.length),
      draft: p.draft ?? false,
    };
  } catch (error) {
    if (githubStatus(error) !== 404) throw error;
    log.info(
      { owner, repo, number },
      describeGitHubError(error, `read pull request ${owner}/${repo}#${number}`),
    );
    return null;
  }
}

function toChangedFile(f: PullFile, notes: string[]): ChangedFile {
  const file: ChangedFile = {
    path: f.filename,
    status: toStatus(f.status),
    additions: f.additions,
    deletions: f.deletions,
    binary: false,
    hunks: [],
  };
  if (f.previous_filename) file.previousPath = f.previous_filename;
  if (typeof f.patch === "string") {
    file.hunks = parsePatch(f.patch, { onMalformed: "skip", notes });
    return file;
  }
  const pureRename = (f.status === "renamed" || f.status === "copied") && f.changes === 0;
  if (pureRename) return file;
  if (BINARY_EXTENSIONS.test(f.filename)) file.patchOmitted = "binary";
  else if (f.changes > 0) file.patchOmitted = "too-large";
  // No patch, no line changes, not a known binary type: an empty file or a binary one; GitHub does not say.
  else file.patchOmitted = "unknown";
  file.binary = file.patchOmitted === "binary";
  return file;
}

function toStatus(status: string): FileStatus {
  const known: FileStatus[] = ["added", "modified", "removed", "renamed", "copied", "changed", "unchanged"];
  return (known as string[]).includes(status) ? (status as FileStatus) : "modified";
}

type ListedCommit = Awaited<ReturnType<GitHubOctokit["rest"]["pulls"]["listCommits"]>>["data"][number];

function toCommit(c: ListedCommit): ChangeCommit {
  return {
    sha: c.sha,
    message: c.commit.message,
    authorName: c.commit.author?.name ?? null,
    authorEmail: c.commit.author?.email ?? null,
    authorLogin: c.author?.login ?? null,
    date: c.commit.author?.date ?? c.commit.committer?.date ?? new Date(0).toISOString(),
    parents: c.parents.map((p) => p.sha),
  };
}
