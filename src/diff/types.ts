export type DiffLineKind = "add" | "del" | "context";

export interface DiffLine {
  kind: DiffLineKind;
  /** Line number on the old side (null for added lines). */
  oldLine: number | null;
  /** Line number on the new side (null for deleted lines). */
  newLine: number | null;
  /** Line text without the leading +/-/space and without the line ending. */
  text: string;
  /** Set when the diff printed `\ No newline at end of file` after this line. */
  noNewlineAtEnd?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second @@ (often the enclosing function). */
  section: string;
  lines: DiffLine[];
  additions: number;
  deletions: number;
  /** Set when the patch ended before the line counts of the `@@` header were reached (a cut-off patch). */
  truncated?: boolean;
}

/** One file of a multi-file `git diff` / `git show` output. */
export interface DiffFile {
  /** null for added files. */
  oldPath: string | null;
  /** null for deleted files. */
  newPath: string | null;
  status: "added" | "modified" | "removed" | "renamed" | "copied";
  binary: boolean;
  /** Submodule pointer change (mode 160000). */
  submodule: boolean;
  hunks: Hunk[];
  additions: number;
  deletions: number;
}
