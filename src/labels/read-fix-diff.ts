import { runGit } from "../git/run-git.js";
import { classifyDeletedLines, type LineSkipReason } from "./classify-line.js";

/** The lines one file of a fix deleted or modified, as seen at the fix's parent. */
export interface FixFileLines {
  /** Path at the fix's parent (what blame runs on). */
  oldPath: string;
  newPath: string | null;
  /** Old-side line numbers to blame (filters applied), ascending. */
  lines: number[];
  /** Old-side line text by line number, for the record. */
  text: Map<number, string>;
  skipped: Record<LineSkipReason, number>;
}

/** A unified diff (zero context from git, or with context from the GitHub API), split into files with deleted lines. */
export function parseZeroContextDiff(
  diff: string,
  pairWhitespace = true,
): { files: FixFileLines[]; fileCount: number } {
  const files: FixFileLines[] = [];
  let fileCount = 0;
  let file: FixFileLines | null = null;
  let oldPath: string | null = null;
  let newPath: string | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let del: { no: number; text: string }[] = [];
  let add: string[] = [];

  const endHunk = () => {
    if (!file || del.length === 0) return;
    const reasons = classifyDeletedLines(
      del.map((d) => d.text),
      pairWhitespace ? add : [],
      file.oldPath,
    );
    del.forEach((d, i) => {
      const why = reasons[i];
      if (why) file!.skipped[why] += 1;
      else {
        file!.lines.push(d.no);
        file!.text.set(d.no, d.text);
      }
    });
    del = [];
    add = [];
  };

  for (const line of diff.split("\n")) {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith("-")) {
        del.push({ no: oldNo++, text: line.slice(1) });
        oldLeft--;
        continue;
      }
      if (line.startsWith("+")) {
        add.push(line.slice(1));
        newLeft--;
        continue;
      }
      if (line.startsWith("\\")) continue;
      // Context lines appear in patches from the GitHub API (three per hunk); git's -U0 has none.
      if (line.startsWith(" ") && oldLeft > 0 && newLeft > 0) {
        endHunk();
        oldNo++;
        oldLeft--;
        newLeft--;
        continue;
      }
      oldLeft = newLeft = 0;
    }
    if (line.startsWith("diff --git ")) {
      endHunk();
      fileCount++;
      file = null;
      oldPath = newPath = null;
    } else if (line.startsWith("--- ")) {
      oldPath = line === "--- /dev/null" ? null : unquote(line.slice(4)).replace(/^a\//, "");
    } else if (line.startsWith("+++ ")) {
      newPath = line === "+++ /dev/null" ? null : unquote(line.slice(4)).replace(/^b\//, "");
      file = oldPath
        ? {
            oldPath,
            newPath,
            lines: [],
            text: new Map(),
            skipped: { blank: 0, comment: 0, whitespace: 0, punctuation: 0 },
          }
        : null;
      if (file) files.push(file);
    } else if (line.startsWith("@@ ")) {
      endHunk();
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      oldNo = Number(m[1]);
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
    }
  }
  endHunk();
  return {
    files: files.filter((f) => f.lines.length > 0 || Object.values(f.skipped).some((n) => n > 0)),
    fileCount,
  };
}

/** Git quotes paths with unusual bytes as C strings: "a/dir/na\303\257ve.txt". */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p.replace(/\t$/, "");
  const body = p.slice(1, p.lastIndexOf('"'));
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else
      bytes.push(({ n: 10, t: 9, r: 13, '"': 34, "\\": 92 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * The lines a fix deleted or modified, file by file, against `parent` (the first parent for a merge: the
 * whole pull request). Renames inside the fix are detected so blame runs on the parent's path. The diff
 * ignores whitespace (-w), so re-indented lines never show up as deleted while moved lines still do;
 * deleted and added files are left out (a deleted file is not a fix of its lines, an added one has none).
 */
export async function readFixDiff(
  cwd: string,
  fixSha: string,
  parent: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ files: FixFileLines[]; fileCount: number }> {
  const diff = await runGit(
    [
      "-c",
      "core.quotePath=false",
      "diff",
      "-U0",
      "-w",
      "--no-color",
      "--no-ext-diff",
      "-M",
      "--diff-filter=MR",
      parent,
      fixSha,
      "--",
    ],
    { cwd, env },
  );
  return parseZeroContextDiff(diff, false);
}
