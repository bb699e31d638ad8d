import type { Hunk } from "../diff/types.js";
import type { Reason } from "./types.js";
import type { FunctionChange } from "./describe-types.js";
import { describeFunctionDelta } from "./describe-groups.js";

/** The enclosing function git names after the second `@@`, trimmed to something readable. */
function sectionName(section: string): string | null {
  const match = /([A-Za-z_$][\w$]*)\s*(?:=\s*(?:async\s*)?(?:function\b|\()|\()/.exec(section);
  return match ? match[1] : null;
}

/**
 * Why this hunk: its size and place, the structural change of the function it touches when known, and the file's
 * strongest reason. One sentence, every number from the hunk or the file.
 */
export function describeHunk(
  path: string,
  hunk: Hunk,
  range: { startLine: number; endLine: number },
  fileReasons: Reason[],
  functionChanges: FunctionChange[] = [],
): string {
  const fn = functionChanges.find(
    (f) =>
      f.path === path &&
      f.startLine !== undefined &&
      f.endLine !== undefined &&
      f.startLine <= range.endLine &&
      f.endLine >= range.startLine,
  );
  const name = fn?.name ?? sectionName(hunk.section);
  const size = `+${hunk.additions} −${hunk.deletions} lines${name ? ` in \`${name}()\`` : ""}`;
  const parts = [size];
  if (fn && fn.after !== (fn.before ?? 0)) parts.push(describeFunctionDelta(fn.metric, fn.before, fn.after));
  const top = fileReasons.find((r) => r.weight > 0 && r.key !== "size");
  if (top) parts.push(`file: ${top.text}`);
  return parts.join("; ");
}
