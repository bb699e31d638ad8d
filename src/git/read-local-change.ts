import path from "node:path";
import type { Change, ChangeCommit } from "../change/types.js";
import { toChangedFiles } from "../change/to-changed-file.js";
import { parseUnifiedDiff } from "../diff/parse-unified-diff.js";
import { resolveLocalRange, type LocalRange } from "./resolve-local-range.js";
import { runGit, runGitBuffer } from "./run-git.js";

export { LocalChangeError } from "./resolve-local-range.js";

/** Which local change to read. */
export interface ReadLocalChangeOptions {
  /** Repository path (work tree or bare). Default: the current directory. */
  repo?: string;
  /** Base commit-ish. Default: merge-base of head with the default branch, or head~1 on the default branch. */
  base?: string;
  /** Head commit-ish. Default: HEAD. */
  head?: string;
}

/** A change read from local git, with how its range was chosen (for the report). */
export interface LocalChange {
  change: Change;
  range: LocalRange;
}

/**
 * Builds a {@link Change} from a local repository: resolve the range (1–3 git processes), then one
 * `git diff -M` for the files and hunks and one `git log` for the commits. Works on bare repositories.
 * @throws {LocalChangeError} when the path is not a repository or a ref does not resolve (says what to pass).
 */
export async function readLocalChange(options: ReadLocalChangeOptions = {}): Promise<LocalChange> {
  const cwd = path.resolve(options.repo ?? ".");
  const range = await resolveLocalRange(cwd, options.base, options.head ?? "HEAD");
  const [diff, log] = await Promise.all([
    runGitBuffer(
      [
        // Pin everything user config could change about the patch format the parser reads.
        "-c",
        "core.quotePath=true",
        "diff",
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--submodule=short",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        range.baseSha,
        range.headSha,
        "--",
      ],
      { cwd },
    ),
    runGit(
      [
        "log",
        "--no-color",
        // log.showSignature=true in a user's config would put GPG output into the records.
        "--no-show-signature",
        LOG_FORMAT,
        range.isRoot ? range.headSha : `${range.baseSha}..${range.headSha}`,
        "--",
      ],
      {
        cwd,
      },
    ),
  ]);
  let commits = parseLog(log);
  if (commits.length === 0)
    commits = parseLog(
      await runGit(["log", "-1", "--no-show-signature", LOG_FORMAT, range.headSha, "--"], { cwd }),
    );
  const inRange = range.baseSha === range.headSha ? [] : commits;
  const head = commits[0];
  const files = toChangedFiles(parseUnifiedDiff(diff));
  const [subject, ...rest] = (head?.message ?? "").split("\n");
  const change: Change = {
    source: "git",
    repository: cwd,
    baseSha: range.baseSha,
    headSha: range.headSha,
    title: subject.trim(),
    body:
      inRange.length > 1
        ? inRange
            .slice(1)
            .map((c) => `- ${c.message.split("\n")[0]}`)
            .join("\n")
        : rest.join("\n").trim(),
    author: { name: head?.authorName ?? null, email: head?.authorEmail ?? null },
    createdAt: head?.date ?? new Date(0).toISOString(),
    commits: inRange,
    files,
    totalFiles: files.length,
  };
  return { change, range };
}

const LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B";

function parseLog(text: string): ChangeCommit[] {
  return text
    .split("\x1e")
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const [sha, parents, authorName, authorEmail, date, ...message] = record.split("\x1f");
      return {
        sha,
        parents: parents ? parents.split(" ") : [],
        authorName: authorName || null,
        authorEmail: authorEmail || null,
        date: toIsoUtc(date),
        message: message.join("\x1f").trim(),
      };
    });
}

/** git's `%aI` keeps the author's offset; the Change record uses UTC like GitHub does. */
function toIsoUtc(date: string): string {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
}
