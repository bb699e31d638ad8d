import type { DiffLine, Hunk } from "./types.js";

// The section heading is whatever git copied from the old file's line: it may hold CR, form feeds or U+2028, which `.` skips.
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?([^]*)$/;

/** Parsed numbers of an `@@ -a,b +c,d @@ section` line, or null when the line is not a valid header. */
export function readHunkHeader(
  line: string,
): { oldStart: number; oldLines: number; newStart: number; newLines: number; section: string } | null {
  const m = HUNK_HEADER.exec(line);
  if (!m) return null;
  return {
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
    section: m[5],
  };
}

/** Drops one trailing CR: CRLF files keep their content, not their line ending. */
export function stripCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/**
 * Reads the body of a hunk whose header is `lines[start]` (already validated into `header`). Counting the
 * lines announced by the header, not guessing from prefixes, is what keeps a deleted line that reads
 * `-- x` or `++ y` from being taken for a file header. Stops early (and marks the hunk `truncated`) at a line
 * that cannot belong to a hunk or at the end of input. Returns the hunk and the index of the next unread line.
 */
export function readHunkBody(
  lines: readonly string[],
  start: number,
  header: NonNullable<ReturnType<typeof readHunkHeader>>,
): { hunk: Hunk; next: number } {
  const out: DiffLine[] = [];
  let oldLeft = header.oldLines;
  let newLeft = header.newLines;
  let oldNo = header.oldStart;
  let newNo = header.newStart;
  let additions = 0;
  let deletions = 0;
  let i = start + 1;
  let truncated = false;
  while (oldLeft > 0 || newLeft > 0) {
    if (i >= lines.length) {
      truncated = true;
      break;
    }
    const line = stripCr(lines[i]);
    const c = line.charCodeAt(0);
    if ((c === 32 || line.length === 0) && oldLeft > 0 && newLeft > 0) {
      // An empty line is a context line whose leading space was stripped by an editor or mail client.
      out.push({ kind: "context", oldLine: oldNo++, newLine: newNo++, text: line.slice(1) });
      oldLeft--;
      newLeft--;
    } else if (c === 43 /* + */ && newLeft > 0) {
      out.push({ kind: "add", oldLine: null, newLine: newNo++, text: line.slice(1) });
      newLeft--;
      additions++;
    } else if (c === 45 /* - */ && oldLeft > 0) {
      out.push({ kind: "del", oldLine: oldNo++, newLine: null, text: line.slice(1) });
      oldLeft--;
      deletions++;
    } else if (c === 92 /* \ */) {
      if (out.length > 0) out[out.length - 1].noNewlineAtEnd = true;
    } else {
      truncated = true;
      break;
    }
    i++;
  }
  // "\ No newline at end of file" after the last counted line.
  if (i < lines.length && lines[i].charCodeAt(0) === 92) {
    if (out.length > 0) out[out.length - 1].noNewlineAtEnd = true;
    i++;
  }
  const hunk: Hunk = {
    oldStart: header.oldStart,
    oldLines: header.oldLines,
    newStart: header.newStart,
    newLines: header.newLines,
    section: header.section,
    lines: out,
    additions,
    deletions,
  };
  if (truncated) hunk.truncated = true;
  return { hunk, next: i };
}

/** Splits diff text into lines; the empty string after a final newline is not a line. */
export function splitDiffLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
