import type { Change, ChangedFile } from "../change/types.js";
import type { Hunk } from "../diff/types.js";
import type { FeatureValues } from "../features/types.js";
import type { HunkRisk, Reason } from "../report/types.js";
import type { FunctionChange } from "../report/describe-types.js";
import { describeHunk } from "../report/describe-hunk.js";
import type { RiskModel } from "./types.js";

/** Where a hunk should be pointed at: the added lines (new side), or the deleted ones for a pure deletion. */
export function hunkRange(hunk: Hunk): { startLine: number; endLine: number; side: "RIGHT" | "LEFT" } {
  const added = hunk.lines.filter((l) => l.kind === "add" && l.newLine !== null).map((l) => l.newLine!);
  if (added.length) return { startLine: Math.min(...added), endLine: Math.max(...added), side: "RIGHT" };
  const deleted = hunk.lines.filter((l) => l.kind === "del" && l.oldLine !== null).map((l) => l.oldLine!);
  if (deleted.length) return { startLine: Math.min(...deleted), endLine: Math.max(...deleted), side: "LEFT" };
  return { startLine: hunk.newStart, endLine: hunk.newStart + Math.max(0, hunk.newLines - 1), side: "RIGHT" };
}

/**
 * Ranks hunks: each hunk is scored as its file's vector with the size features (la, ld) of the hunk alone, so
 * hunks compare within the PR's context. One batched `predict` call; sorted by risk, highest first.
 */
export async function rankHunks(input: {
  model: RiskModel;
  change: Change;
  fileFeatures: Record<string, FeatureValues>;
  fileReasons: Record<string, Reason[]>;
  functionChanges?: FunctionChange[];
}): Promise<HunkRisk[]> {
  const items: { file: ChangedFile; hunk: Hunk; row: FeatureValues }[] = [];
  for (const file of input.change.files) {
    const base = input.fileFeatures[file.path];
    if (!base || file.binary) continue;
    for (const hunk of file.hunks) {
      const row = { ...base };
      if ("la" in row) row.la = hunk.additions;
      if ("ld" in row) row.ld = hunk.deletions;
      items.push({ file, hunk, row });
    }
  }
  if (items.length === 0) return [];
  const risks = await input.model.predict(items.map((i) => i.row));
  return items
    .map(({ file, hunk }, i) => {
      const range = hunkRange(hunk);
      const reasons = input.fileReasons[file.path] ?? [];
      const reason = describeHunk(file.path, hunk, range, reasons, input.functionChanges);
      return { path: file.path, ...range, risk: risks[i], reason };
    })
    .sort((a, b) => b.risk - a.risk);
}
