import type { DiffFile } from "../diff/types.js";
import type { ChangedFile } from "./types.js";

/**
 * Turns one parsed `git diff` file into the {@link ChangedFile} every source produces. The path is the new
 * path, or the old one for a deleted file; a binary file keeps its (unknown, so zero) line counts and says why
 * it has no patch. A submodule pointer counts no lines, as in the miner (src/git/convert-log-commit.ts), so a
 * pull request and a mined commit get the same numbers.
 */
export function toChangedFile(diff: DiffFile): ChangedFile {
  const path = diff.newPath ?? diff.oldPath ?? "";
  const file: ChangedFile = {
    path,
    status: diff.status,
    additions: diff.submodule ? 0 : diff.additions,
    deletions: diff.submodule ? 0 : diff.deletions,
    binary: diff.binary,
    hunks: diff.submodule ? [] : diff.hunks,
  };
  if ((diff.status === "renamed" || diff.status === "copied") && diff.oldPath)
    file.previousPath = diff.oldPath;
  if (diff.binary) file.patchOmitted = "binary";
  return file;
}

/**
 * All files of a parsed diff. A type change (file ↔ symlink) appears in `git diff` as a deletion and an addition
 * of the same path; it becomes one file with status "changed", so every path appears once.
 */
export function toChangedFiles(diffs: readonly DiffFile[]): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const diff of diffs) {
    const file = toChangedFile(diff);
    const previous = files[files.length - 1];
    if (previous && previous.path === file.path && previous.status === "removed" && file.status === "added") {
      previous.status = "changed";
      previous.additions += file.additions;
      previous.deletions += file.deletions;
      previous.hunks = [...previous.hunks, ...file.hunks];
      previous.binary ||= file.binary;
      if (file.patchOmitted) previous.patchOmitted = file.patchOmitted;
      continue;
    }
    files.push(file);
  }
  return files;
}
