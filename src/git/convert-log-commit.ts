import type { Change, ChangedFile, FileStatus } from "../change/types.js";
import type { LogCommit, LogFileChange } from "./parse-log-records.js";

const STATUS: Record<LogFileChange["status"], FileStatus> = {
  A: "added",
  M: "modified",
  D: "removed",
  R: "renamed",
  C: "copied",
  T: "changed",
};

/** One file of a mined commit as a {@link ChangedFile}; binary files and submodule pointers count no lines. */
export function toChangedFile(file: LogFileChange): ChangedFile {
  const binary = file.added === null && !file.submodule;
  const changed: ChangedFile = {
    path: file.path,
    status: STATUS[file.status],
    additions: file.submodule ? 0 : (file.added ?? 0),
    deletions: file.submodule ? 0 : (file.deleted ?? 0),
    binary,
    hunks: [],
  };
  if (file.previousPath !== undefined) changed.previousPath = file.previousPath;
  if (binary) changed.patchOmitted = "binary";
  return changed;
}

/** A mined commit as the same plain {@link Change} record a pull request becomes (base = first parent). */
export function toChange(commit: LogCommit, repository: string): Change {
  const date = new Date(commit.authorTime * 1000).toISOString();
  const [title = "", ...rest] = commit.message.split("\n");
  return {
    source: "git",
    repository,
    baseSha: commit.parents[0] ?? "",
    headSha: commit.sha,
    title,
    body: rest.join("\n").trim(),
    author: { name: commit.authorName, email: commit.authorEmail },
    createdAt: date,
    commits: [
      {
        sha: commit.sha,
        message: commit.message,
        authorName: commit.authorName,
        authorEmail: commit.authorEmail,
        date,
        parents: commit.parents,
      },
    ],
    files: commit.files.map(toChangedFile),
    totalFiles: commit.files.length,
  };
}
