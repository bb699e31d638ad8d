import { DiffParseError } from "./diff-parse-error.js";
import { readHunkBody, readHunkHeader, splitDiffLines, stripCr } from "./read-hunk.js";
import type { Hunk } from "./types.js";

/** How {@link parsePatch} treats a malformed hunk header. */
export interface ParsePatchOptions {
  /**
   * `"throw"` (default): throw a {@link DiffParseError} naming the line. `"skip"`: drop the lines up to the next
   * valid `@@` header and push a note to `notes` — for the GitHub path, where one odd patch must not stop a
   * whole pull request from being scored.
   */
  onMalformed?: "throw" | "skip";
  /** Receives one sentence per skipped stretch when `onMalformed` is `"skip"`. */
  notes?: string[];
}

/**
 * Parses the hunks of one file's patch as GitHub returns it in the `patch` field of PR files (hunks only, no
 * `diff --git` header). A patch cut short (fewer lines than its last header announces) keeps what it has and
 * marks that hunk `truncated`. An empty patch gives no hunks.
 */
export function parsePatch(patch: string, options: ParsePatchOptions = {}): Hunk[] {
  const lines = splitDiffLines(patch);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = stripCr(lines[i]);
    const header = line.startsWith("@@") ? readHunkHeader(line) : null;
    if (header) {
      const { hunk, next } = readHunkBody(lines, i, header);
      hunks.push(hunk);
      i = next;
      continue;
    }
    if (line === "" && i === lines.length - 1) break;
    const what = line.startsWith("@@") ? "malformed hunk header" : "line outside any hunk";
    const message = `${what} ${JSON.stringify(line.slice(0, 80))}: expected "@@ -start,count +start,count @@"`;
    if (options.onMalformed !== "skip") {
      throw new DiffParseError(
        `${message}. The patch is corrupt or was cut; re-fetch it or score without it.`,
        i + 1,
      );
    }
    const from = i + 1;
    i++;
    while (i < lines.length && !readHunkHeader(stripCr(lines[i]))) i++;
    options.notes?.push(`skipped patch lines ${from}–${i}: ${message}`);
  }
  return hunks;
}
