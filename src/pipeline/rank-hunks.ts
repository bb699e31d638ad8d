import type { Change } from "../change/types.js";
import { classifyFileKind } from "../features/diff/classify-file-kind.js";
import type { HunkRisk } from "../report/types.js";

/** Nobody reviews these line by line; pointing a reviewer at them wastes the first look. */
const NOT_REVIEWED = new Set(["lock", "generated"]);

/**
 * Ranks hunks when the explanation gives no hunk-level risks of its own. There is no hunk-level model here, so
 * a hunk carries its file's risk (and says so); within a file the larger hunk ranks first, as the place a
 * reviewer should look first. Lock files and generated files are not pointed at.
 */
export function rankHunksByFileRisk(
  change: Change,
  fileRisk: Map<string, number>,
  limit: number,
): HunkRisk[] {
  const ranked: (HunkRisk & { churn: number })[] = [];
  for (const file of change.files) {
    const risk = fileRisk.get(file.path);
    if (risk === undefined || NOT_REVIEWED.has(classifyFileKind(file.path))) continue;
    for (const hunk of file.hunks) {
      const added = hunk.lines.filter((l) => l.kind === "add");
      const side = added.length > 0 ? "RIGHT" : "LEFT";
      const numbers =
        side === "RIGHT"
          ? added.map((l) => l.newLine as number)
          : hunk.lines.filter((l) => l.kind === "del").map((l) => l.oldLine as number);
      if (numbers.length === 0) continue;
      const where = hunk.section.trim() ? ` in \`${hunk.section.trim().slice(0, 80)}\`` : "";
      ranked.push({
        path: file.path,
        startLine: numbers[0],
        endLine: numbers[numbers.length - 1],
        side,
        risk,
        reason: `+${hunk.additions} −${hunk.deletions} lines${where}, in a file scored ${risk.toFixed(2)}`,
        churn: hunk.additions + hunk.deletions,
      });
    }
  }
  ranked.sort((a, b) => b.risk - a.risk || b.churn - a.churn || a.path.localeCompare(b.path));
  return ranked.slice(0, limit).map(({ churn: _churn, ...hunk }) => hunk);
}
