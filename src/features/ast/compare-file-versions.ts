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

/** One function that a change touched, paired by name and occurrence across the two versions. */
export interface TouchedFunction {
  /** Name as measured (`run`, `Pool.acquire`); both sides share it when both exist. */
  name: string;
  /** The function before the change; null when the change added it. */
  before: FunctionMetrics | null;
  /** The function after the change; null when the change removed it. */
  after: FunctionMetrics | null;
}

/** The functions of a file version pair: those the hunks touch, and how many exist on one side only. */
export interface FunctionPairing {
  touched: TouchedFunction[];
  added: number;
  removed: number;
}

/**
 * Pairs a file's functions before and after a change. A function is touched when an added line (new side)
 * or a deleted line (old side) falls inside it; it pairs by name and occurrence with the other side.
 */
export function pairTouchedFunctions(
  file: ChangedFile,
  before: FileMetrics | null,
  after: FileMetrics | null,
): FunctionPairing {
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
  return {
    touched: [...touched].map((key) => {
      const was = b.get(key) ?? null;
      const is = a.get(key) ?? null;
      return { name: (is ?? was)!.name, before: was, after: is };
    }),
    added: [...a.keys()].filter((k) => !b.has(k)).length,
    removed: [...b.keys()].filter((k) => !a.has(k)).length,
  };
}

/**
 * Compares a file's metrics before and after a change: totals, and the touched functions' complexity delta
 * (0 on a side where a function does not exist), from {@link pairTouchedFunctions}.
 */
export function compareFileVersions(
  file: ChangedFile,
  before: FileMetrics | null,
  after: FileMetrics | null,
): FileDelta {
  const { touched, added, removed } = pairTouchedFunctions(file, before, after);
  let touchedCcDelta = 0;
  for (const f of touched) touchedCcDelta += (f.after?.complexity ?? 0) - (f.before?.complexity ?? 0);
  return {
    ccBefore: before?.complexity ?? 0,
    ccAfter: after?.complexity ?? 0,
    nestingDelta: (after?.maxNesting ?? 0) - (before?.maxNesting ?? 0),
    touched: touched.length,
    touchedCcDelta,
    added,
    removed,
  };
}
