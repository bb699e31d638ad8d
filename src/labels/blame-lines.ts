import { runGit } from "../git/run-git.js";

/** Who last changed one line, as `git blame --porcelain` reports it. */
export interface BlamedLine {
  /** Line number in the blamed revision. */
  line: number;
  sha: string;
  /** The path the line had in `sha` (differs from the blamed path after a rename). */
  path: string;
  authorTime: number;
  commitTime: number;
  /** The root commit of the walk: git stopped there, it did not necessarily write the line. */
  boundary: boolean;
}

export interface BlameOptions {
  /** `none`: whole-file renames only (git's default); `M`: moved lines too; `C`: copies from other files too. */
  moveDetection: "none" | "M" | "C";
  /** A file of revisions blame looks through (formatting commits). */
  ignoreRevsFile?: string;
  /** Extra git environment (the benchmark turns the commit-graph off with it). */
  env?: NodeJS.ProcessEnv;
}

/** Collapses sorted line numbers into `-L start,end` ranges. */
export function toRanges(lines: readonly number[]): [number, number][] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const n of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}

/** Parses `git blame --porcelain` output. */
export function parsePorcelainBlame(out: string, blamedPath: string): BlamedLine[] {
  const meta = new Map<string, { path: string; authorTime: number; commitTime: number; boundary: boolean }>();
  const result: BlamedLine[] = [];
  let current: { sha: string; line: number } | null = null;
  let info: { path: string; authorTime: number; commitTime: number; boundary: boolean } | null = null;
  for (const row of out.split("\n")) {
    if (row.startsWith("\t")) {
      if (current && info) result.push({ line: current.line, sha: current.sha, ...info });
      current = null;
      continue;
    }
    const header = /^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$/.exec(row);
    if (header) {
      current = { sha: header[1], line: Number(header[2]) };
      info = meta.get(header[1]) ?? { path: blamedPath, authorTime: 0, commitTime: 0, boundary: false };
      meta.set(header[1], info);
      continue;
    }
    if (!info) continue;
    if (row.startsWith("author-time ")) info.authorTime = Number(row.slice(12));
    else if (row.startsWith("committer-time ")) info.commitTime = Number(row.slice(15));
    else if (row.startsWith("filename ")) info.path = row.slice(9);
    else if (row === "boundary") info.boundary = true;
  }
  return result;
}

/**
 * Blames the given lines of `path` at `rev` in one git process (`-L` per range), whitespace ignored (-w).
 * Ranges beyond the end of the file are an error in git; the caller passes old-side line numbers of a
 * diff against `rev`, which always exist.
 */
export async function blameLines(
  cwd: string,
  rev: string,
  path: string,
  lines: readonly number[],
  options: BlameOptions,
): Promise<BlamedLine[]> {
  if (lines.length === 0) return [];
  const args = ["-c", "core.quotePath=false", "blame", "--porcelain", "-w"];
  if (options.moveDetection === "M") args.push("-M");
  if (options.moveDetection === "C") args.push("-C");
  if (options.ignoreRevsFile) args.push("--ignore-revs-file", options.ignoreRevsFile);
  for (const [a, b] of toRanges(lines)) args.push("-L", `${a},${b}`);
  args.push(rev, "--", path);
  return parsePorcelainBlame(await runGit(args, { cwd, env: options.env }), path);
}
