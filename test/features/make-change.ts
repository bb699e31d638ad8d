import type { Change, ChangedFile } from "../../src/change/types.js";
import { parsePatch } from "../../src/diff/parse-patch.js";

/** A file of a test change; `patch` (GitHub's format) gives hunks and line counts. */
export function makeFile(path: string, patch = "", extra: Partial<ChangedFile> = {}): ChangedFile {
  const hunks = parsePatch(patch);
  return {
    path,
    status: "modified",
    additions: hunks.reduce((n, h) => n + h.additions, 0),
    deletions: hunks.reduce((n, h) => n + h.deletions, 0),
    binary: false,
    hunks,
    ...extra,
  };
}

/** A patch adding `added` lines and deleting `deleted` lines at `start`. */
export function makePatch(added: number, deleted: number, start = 1): string {
  return [
    `@@ -${start},${deleted} +${start},${added} @@ function f${start}()`,
    ...Array.from({ length: deleted }, (_, i) => `-old ${i}`),
    ...Array.from({ length: added }, (_, i) => `+new ${i}`),
  ].join("\n");
}

/** A plain change record around `files`. */
export function makeChange(files: ChangedFile[], extra: Partial<Change> = {}): Change {
  return {
    source: "github",
    repository: "octo/repo",
    number: 7,
    baseSha: "a".repeat(40),
    headSha: "b".repeat(40),
    title: "Add a feature",
    body: "",
    author: { login: "octocat" },
    createdAt: "2024-05-01T10:00:00Z",
    commits: [],
    files,
    totalFiles: files.length,
    ...extra,
  };
}
