import { DiffParseError } from "./diff-parse-error.js";
import { readHunkBody, readHunkHeader, splitDiffLines, stripCr } from "./read-hunk.js";
import type { DiffFile } from "./types.js";
import { readHeaderPath, splitDiffGitNames } from "./unquote-git-path.js";

const SUBMODULE_MODE = "160000";

interface FileDraft {
  file: DiffFile;
  oldPath: string | null;
  newPath: string | null;
  /** After "GIT binary patch": base85 lines follow, never hunks. */
  inBinaryPatch: boolean;
}

/**
 * Parses the output of `git diff` / `git show` / `git log -p` (git's extended unified format) into files →
 * hunks → lines with old/new line numbers.
 *
 * Handles renames and copies (also 100 % similar ones, which have no hunks), new and deleted files, mode
 * changes, binary files (`Binary files … differ` and `GIT binary patch`), submodules (mode 160000),
 * `\ No newline at end of file`, CRLF content, C-quoted paths, and non-UTF-8 bytes (a Buffer is decoded
 * lossily: invalid bytes become U+FFFD; it never throws for encoding). Text outside `diff --git` sections
 * (commit headers of `git show`) is ignored. Combined diffs of merge commits (`diff --cc`) are skipped: they
 * have no single old side to number lines against.
 *
 * @throws {DiffParseError} for a malformed `@@` header inside a file section: git never writes one, so the
 *   input is not git output or was edited, and guessing would put annotations on the wrong lines.
 */
export function parseUnifiedDiff(text: string | Buffer): DiffFile[] {
  const lines = splitDiffLines(typeof text === "string" ? text : text.toString("utf8"));
  const files: DiffFile[] = [];
  let draft: FileDraft | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = stripCr(lines[i]);
    if (line.startsWith("diff --git ")) {
      if (draft) files.push(finish(draft));
      draft = startFile(line.slice("diff --git ".length));
      i++;
      continue;
    }
    if (line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
      if (draft) files.push(finish(draft));
      draft = null;
      i++;
      continue;
    }
    if (!draft || draft.inBinaryPatch) {
      i++;
      continue;
    }
    if (line.startsWith("@@")) {
      const header = readHunkHeader(line);
      if (!header) {
        throw new DiffParseError(
          `malformed hunk header ${JSON.stringify(line.slice(0, 80))} in ${draft.newPath ?? draft.oldPath}: ` +
            `expected "@@ -start,count +start,count @@". Pass unmodified \`git diff\` output.`,
          i + 1,
        );
      }
      const { hunk, next } = readHunkBody(lines, i, header);
      draft.file.hunks.push(hunk);
      draft.file.additions += hunk.additions;
      draft.file.deletions += hunk.deletions;
      i = next;
      continue;
    }
    if (draft.file.hunks.length === 0) readExtendedHeader(draft, line);
    i++;
  }
  if (draft) files.push(finish(draft));
  return files;
}

function startFile(names: string): FileDraft {
  const { oldPath, newPath } = splitDiffGitNames(names);
  return {
    file: {
      oldPath,
      newPath,
      status: "modified",
      binary: false,
      submodule: false,
      hunks: [],
      additions: 0,
      deletions: 0,
    },
    oldPath,
    newPath,
    inBinaryPatch: false,
  };
}

/** One line between `diff --git` and the first hunk. Unknown lines (future git headers) are ignored. */
function readExtendedHeader(draft: FileDraft, line: string): void {
  const { file } = draft;
  if (line.startsWith("new file mode ")) {
    file.status = "added";
    if (line.endsWith(SUBMODULE_MODE)) file.submodule = true;
  } else if (line.startsWith("deleted file mode ")) {
    file.status = "removed";
    if (line.endsWith(SUBMODULE_MODE)) file.submodule = true;
  } else if (line.startsWith("old mode ") || line.startsWith("new mode ")) {
    if (line.endsWith(SUBMODULE_MODE)) file.submodule = true;
  } else if (line.startsWith("index ")) {
    if (line.endsWith(" " + SUBMODULE_MODE)) file.submodule = true;
  } else if (line.startsWith("rename from ")) {
    file.status = "renamed";
    draft.oldPath = readHeaderPath(line.slice("rename from ".length), "");
  } else if (line.startsWith("rename to ")) {
    file.status = "renamed";
    draft.newPath = readHeaderPath(line.slice("rename to ".length), "");
  } else if (line.startsWith("copy from ")) {
    file.status = "copied";
    draft.oldPath = readHeaderPath(line.slice("copy from ".length), "");
  } else if (line.startsWith("copy to ")) {
    file.status = "copied";
    draft.newPath = readHeaderPath(line.slice("copy to ".length), "");
  } else if (line.startsWith("--- ")) {
    const path = readHeaderPath(line.slice(4), "a/");
    if (path !== null) draft.oldPath = path;
  } else if (line.startsWith("+++ ")) {
    const path = readHeaderPath(line.slice(4), "b/");
    if (path !== null) draft.newPath = path;
  } else if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
    file.binary = true;
  } else if (line === "GIT binary patch") {
    file.binary = true;
    draft.inBinaryPatch = true;
  }
}

function finish(draft: FileDraft): DiffFile {
  const { file } = draft;
  file.oldPath = file.status === "added" ? null : draft.oldPath;
  file.newPath = file.status === "removed" ? null : draft.newPath;
  if (file.status === "modified" && file.oldPath !== file.newPath && file.oldPath && file.newPath) {
    // Names differ without "rename" lines (a tool that writes no extended headers): it is still a rename.
    file.status = "renamed";
  }
  return file;
}
