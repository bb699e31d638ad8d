import picomatch from "picomatch";
import type { Change, ChangedFile } from "../change/types.js";
import { filterChangeFiles } from "../change/restrict-change.js";

/**
 * The change without the files the ignore globs match, and which ones those were. Globs are picomatch globs
 * with two gitignore habits: a pattern without a slash matches the file name at any depth (`*.snap`), and a
 * pattern ending in `/` matches everything under that directory (`docs/`).
 */
export function applyIgnoreGlobs(
  change: Change,
  globs: readonly string[] | undefined,
): { change: Change; ignored: ChangedFile[] } {
  if (!globs || globs.length === 0) return { change, ignored: [] };
  // gitignore-like: "*.snap" matches at any depth (basename), "docs/" means everything under docs.
  // (picomatch's own `basename` option stops patterns with slashes from matching, so the two kinds are split.)
  const patterns = globs.map((g) => (g.endsWith("/") ? `${g}**` : g));
  const byName = patterns.filter((g) => !g.includes("/"));
  const byPath = patterns.filter((g) => g.includes("/"));
  const nameMatches = byName.length > 0 ? picomatch(byName, { dot: true }) : () => false;
  const pathMatches = byPath.length > 0 ? picomatch(byPath, { dot: true }) : () => false;
  const matches = (p: string) => pathMatches(p) || nameMatches(p.slice(p.lastIndexOf("/") + 1));
  const ignored: ChangedFile[] = [];
  const kept = filterChangeFiles(change, (file) => {
    const hit = matches(file.path) || (file.previousPath !== undefined && matches(file.previousPath));
    if (hit) ignored.push(file);
    return !hit;
  });
  return { change: kept, ignored };
}

/**
 * Which files get full per-file extraction: the `limit` most-changed ones (ties by path, so the choice is
 * stable). Returns a set of paths.
 */
export function pickFullyScoredFiles(files: readonly ChangedFile[], limit: number): Set<string> {
  if (files.length <= limit) return new Set(files.map((f) => f.path));
  const ranked = [...files].sort(
    (a, b) => b.additions + b.deletions - (a.additions + a.deletions) || a.path.localeCompare(b.path),
  );
  return new Set(ranked.slice(0, limit).map((f) => f.path));
}
