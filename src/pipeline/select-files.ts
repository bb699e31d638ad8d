import picomatch from "picomatch";
import type { Change, ChangedFile } from "../change/types.js";
import { filterChangeFiles } from "../change/restrict-change.js";

/** The change without the files the ignore globs match, and which ones those were. */
export function applyIgnoreGlobs(
  change: Change,
  globs: readonly string[] | undefined,
): { change: Change; ignored: ChangedFile[] } {
  if (!globs || globs.length === 0) return { change, ignored: [] };
  const matches = picomatch([...globs], { dot: true });
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
