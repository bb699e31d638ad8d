import type { Change, ChangedFile } from "./types.js";

/**
 * The change as if it touched only `file` — same commits, author and dates — so per-file features come from
 * the same extractors as whole-change ones ("this file's part of the PR").
 */
export function restrictChangeToFile(change: Change, file: ChangedFile): Change {
  return { ...change, files: [file], totalFiles: 1 };
}

/** The change without the files `keep` rejects (e.g. ignored paths). `totalFiles` drops by the same count. */
export function filterChangeFiles(change: Change, keep: (file: ChangedFile) => boolean): Change {
  const files = change.files.filter(keep);
  return {
    ...change,
    files,
    totalFiles: Math.max(files.length, change.totalFiles - (change.files.length - files.length)),
  };
}
