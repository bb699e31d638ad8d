import type { FeatureValues } from "../features/types.js";

/** Formats a count for prose: 1240 → "1,240"; non-integers keep one decimal. */
export function formatCount(value: number): string {
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
  return rounded.toLocaleString("en-US");
}

/** Formats a probability or share as a whole percentage: 0.4231 → "42 %". */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/** Formats a signed attribution in percentage points: 0.031 → "+3.1 pp". */
export function formatPoints(value: number): string {
  const points = Math.round(value * 1000) / 10;
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)} pp`;
}

/** "1 file" / "14 files". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * Where `value` sits among earlier changes, as a phrase: "larger than 92 % of changes here" when at least half are
 * smaller, "smaller than 80 % of changes here" when at least half are larger; null without enough history.
 * `measure` reads the compared quantity from a row (null when unknown there).
 */
export function comparePhrase(
  value: number,
  history: FeatureValues[] | undefined,
  measure: (row: FeatureValues) => number | null,
  words: [more: string, less: string] = ["larger than", "smaller than"],
): string | null {
  const known = (history ?? []).map(measure).filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 10) return null;
  const below = known.filter((v) => v < value).length / known.length;
  const above = known.filter((v) => v > value).length / known.length;
  if (below >= 0.5) return `${words[0]} ${formatPercent(below)} of changes here`;
  if (above >= 0.5) return `${words[1]} ${formatPercent(above)} of changes here`;
  return null;
}

/** Reads a known number from a vector, or null. */
export function valueOf(values: FeatureValues, name: string): number | null {
  const v = values[name];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Sum of named features of a row, null when any is unknown. */
export function sumOf(row: FeatureValues, names: string[]): number | null {
  let total = 0;
  for (const n of names) {
    const v = valueOf(row, n);
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** Kamei's subsystem of a path: its root directory (`src/db/pool.ts` → `src/`); files at the root → `/`. */
export function subsystemOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? "/" : `${path.slice(0, slash)}/`;
}

/** The directory of a path with a trailing slash (`src/db/pool.ts` → `src/db/`); root files → `/`. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "/" : `${path.slice(0, slash)}/`;
}

/** The deepest directory that holds every path (`src/db/a.ts`, `src/db/b/c.ts` → `src/db/`). */
export function commonDirectory(paths: string[]): string {
  if (paths.length === 0) return "/";
  const parts = paths.map((p) => directoryOf(p).split("/").filter(Boolean));
  const common: string[] = [];
  for (let i = 0; i < parts[0].length; i++) {
    if (parts.every((p) => p[i] === parts[0][i])) common.push(parts[0][i]);
    else break;
  }
  return common.length ? `${common.join("/")}/` : "/";
}
