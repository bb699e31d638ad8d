/** Edit distance (Levenshtein), two rows of memory. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

const basename = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/**
 * The changed paths closest to what someone typed: exact basename or suffix matches first, then by edit distance
 * (on the whole path or the basename, whichever is closer) within a small tolerance. At most `limit`, closest first.
 */
export function findClosePaths(query: string, paths: string[], limit = 5): string[] {
  const q = query.replace(/^\.?\//, "").toLowerCase();
  // A typo or two in the file name, not a different file: at most a third of the name may differ.
  const tolerance = Math.max(2, Math.floor(basename(q).length / 3));
  const scored = paths.map((path) => {
    const p = path.toLowerCase();
    const contains = p.endsWith(`/${q}`) || basename(p) === basename(q) || p.includes(q);
    const d = Math.min(distance(q, p), distance(basename(q), basename(p)));
    return { path, rank: contains ? d - 1000 : d };
  });
  return scored
    .filter((s) => s.rank < 0 || s.rank <= tolerance)
    .sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map((s) => s.path);
}
