import type { ChangedFile } from "../../change/types.js";
import type { FileMetrics, FunctionMetrics } from "./measure-js-complexity.js";

/** What a change did to one file's structure. */
export interface FileDelta {
  ccBefore: number;
  ccAfter: number;
  nestingDelta: number;
  touched: number;
  touchedCcDelta: number;
  added: number;
  removed: number;
}

/** Keys functions by name and occurrence (`run#0`, `run#1`) so same-named functions pair up in order. */
function keyed(functions: readonly FunctionMetrics[]): Map<string, FunctionMetrics> {
  const seen = new Map<string, number>();
  const out = new Map<string, FunctionMetrics>();
  for (const f of functions) {
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    out.set(`${f.name}#${n}`, f);
  }
  return out;
}

/** Innermost function containing a line (the one that starts last). */
function innermost(map: Map<string, FunctionMetrics>, line: number): string | null {
  let best: string | null = null;
  let bestStart = -1;
  for (const [key, f] of map) {
    if (f.startLine <= line && line <= f.endLine && f.startLine > bestStart) {
      best = key;
      bestStart = f.startLine;
    }
  }
  return best;
}

/**
 * Compares a file's metrics before and after a change. A function is touched when an added line (new side)
 * or a deleted line (old side) falls inside it; its complexity delta pairs it by name with the other side
 * (0 on a side where it does not exist).
 */
export function compareFileVersions(
  file: ChangedFile,
  before: FileMetrics | null,
  after: FileMetrics | null,
): FileDelta {
  const b = keyed(before?.functions ?? []);
  const a = keyed(after?.functions ?? []);
  const touched = new Set<string>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      const key =
        line.kind === "add" && line.newLine !== null
          ? innermost(a, line.newLine)
          : line.kind === "del" && line.oldLine !== null
            ? innermost(b, line.oldLine)
            : null;
      if (key) touched.add(key);
    }
  }
  let touchedCcDelta = 0;
  for (const key of touched) touchedCcDelta += (a.get(key)?.complexity ?? 0) - (b.get(key)?.complexity ?? 0);
  return {
    ccBefore: before?.complexity ?? 0,
    ccAfter: after?.complexity ?? 0,
    nestingDelta: (after?.maxNesting ?? 0) - (before?.maxNesting ?? 0),
    touched: touched.size,
    touchedCcDelta,
    added: [...a.keys()].filter((k) => !b.has(k)).length,
    removed: [...b.keys()].filter((k) => !a.has(k)).length,
  };
}
