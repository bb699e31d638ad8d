import picomatch from "picomatch";
import { GitError } from "../git/run-git.js";
import type { BlamedLine } from "./blame-lines.js";
import { CONFIDENCE } from "./confidence.js";
import type { LabelOptions } from "./label-options.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";
import type { SzzHistory } from "./szz-history.js";

/** A commit SZZ blames for a fix. */
export interface InducingCandidate {
  sha: string;
  /** Deleted/modified lines of the fix that blame attributes to it. */
  lines: number;
  /** Paths (as of the candidate) those lines had. */
  paths: string[];
  commitTime: number;
  /** 1 = most recent candidate (R-SZZ's pick); higher ranks are older. */
  rank: number;
  confidence: number;
}

/** Why a blamed commit was not kept. */
export type DropReason = "huge" | "mass-format" | "after-issue" | "ignored-rev";

/** Everything SZZ found (and left out) for one fix. */
export interface SzzResult {
  fixSha: string;
  parent: string | null;
  candidates: InducingCandidate[];
  dropped: { sha: string; reason: DropReason; lines: number }[];
  /** Deleted lines not blamed, by reason. */
  skippedLines: {
    blank: number;
    comment: number;
    whitespace: number;
    punctuation: number;
    ignoredPath: number;
  };
  blamedLines: number;
  /** Files git could not blame (e.g. objects missing from a partial mirror): the rest still count. */
  blameErrors: { path: string; message: string }[];
  /** Set when the fix itself was not traced (root commit, too large, unknown). */
  skippedFix?: string;
}

export interface TraceFixInput {
  sha: string;
  /** When the bug was reported (Unix seconds): candidates committed later cannot have caused it. */
  issueOpenedAt?: number | null;
}

const MAX_FORMAT_PASSES = 3;

/**
 * SZZ for one fix: blame the lines it deleted or modified at its parent, one blame per file with a `-L`
 * range per hunk; drop huge commits, mass-formatting commits (by re-blaming through them) and commits made
 * after the issue was opened; rank what is left most recent first (R-SZZ) and set confidence by rank.
 */
export async function traceInducingCommits(
  history: SzzHistory,
  fix: TraceFixInput,
  options: LabelOptions,
): Promise<SzzResult> {
  const result: SzzResult = {
    fixSha: fix.sha,
    parent: null,
    candidates: [],
    dropped: [],
    skippedLines: { blank: 0, comment: 0, whitespace: 0, punctuation: 0, ignoredPath: 0 },
    blamedLines: 0,
    blameErrors: [],
  };
  const header = await history.readCommit(fix.sha);
  if (!header) return { ...result, skippedFix: "commit not found in the repository" };
  if (header.parents.length === 0)
    return { ...result, skippedFix: "root commit: nothing before it to blame" };
  const parent = header.parents[0];
  result.parent = parent;

  let diff: Awaited<ReturnType<SzzHistory["readFixLines"]>>;
  try {
    diff = await history.readFixLines(header.sha, parent);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return { ...result, skippedFix: `git could not diff the fix (${error.stderr.trim().split("\n").pop()})` };
  }
  const { files, fileCount } = diff;
  if (fileCount > options.maxFixFiles)
    return { ...result, skippedFix: `fix touches ${fileCount} files (> ${options.maxFixFiles})` };
  const ignored = picomatch(options.ignorePaths.length ? options.ignorePaths : ["\0"], { dot: true });
  const targets = files.filter((f) => {
    for (const k of ["blank", "comment", "whitespace", "punctuation"] as const)
      result.skippedLines[k] += f.skipped[k];
    if (ignored(f.oldPath)) {
      result.skippedLines.ignoredPath += f.lines.length;
      return false;
    }
    return f.lines.length > 0;
  });

  const ignoreRevs = await history.ignoredRevisions(parent);
  const formatPattern = new RegExp(options.massFormatPattern, "i");
  const massFormat = new Set<string>();
  let blamed: BlamedLine[][] = [];
  let pending = targets.map((_, i) => i);
  for (let pass = 0; pass < MAX_FORMAT_PASSES && pending.length; pass++) {
    const through = new Set([...ignoreRevs, ...massFormat]);
    const fresh = await mapWithConcurrency(pending, options.concurrency, async (i) => {
      try {
        return await history.blame(parent, targets[i].oldPath, targets[i].lines, through);
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        result.blameErrors.push({
          path: targets[i].oldPath,
          message: error.stderr.trim().split("\n").pop() ?? "",
        });
        return [];
      }
    });
    pending.forEach((i, k) => (blamed[i] = fresh[k]));
    const shas = [...new Set(blamed.flat().map((b) => b.sha))];
    const sizes = await history.commitSizes(shas, false);
    const newlyFormat = shas.filter((s) => {
      const size = sizes.get(s);
      return (
        size &&
        !massFormat.has(s) &&
        size.files >= options.massFormatMinFiles &&
        formatPattern.test(size.subject)
      );
    });
    newlyFormat.forEach((s) => massFormat.add(s));
    // Blame can look through a formatting commit only where the source honours ignore-revs.
    pending = history.canIgnoreRevs
      ? targets.map((_, i) => i).filter((i) => blamed[i].some((b) => newlyFormat.includes(b.sha)))
      : [];
  }
  blamed = blamed.filter(Boolean);

  const byCommit = new Map<string, { lines: number; paths: Set<string>; commitTime: number }>();
  for (const b of blamed.flat()) {
    result.blamedLines++;
    const c = byCommit.get(b.sha) ?? { lines: 0, paths: new Set<string>(), commitTime: b.commitTime };
    c.lines++;
    c.paths.add(b.path);
    byCommit.set(b.sha, c);
  }
  const shapes = await history.commitSizes([...byCommit.keys()], false);
  const dropBeforeLines = (sha: string, commitTime: number): DropReason | null =>
    ignoreRevs.has(sha)
      ? "ignored-rev"
      : massFormat.has(sha)
        ? "mass-format"
        : (shapes.get(sha)?.files ?? 0) > options.maxInducerFiles
          ? "huge"
          : fix.issueOpenedAt != null && commitTime > fix.issueOpenedAt
            ? "after-issue"
            : null;
  // Only the survivors need their lines counted (a blob diff each).
  const sizes = await history.commitSizes(
    [...byCommit].filter(([sha, c]) => !dropBeforeLines(sha, c.commitTime)).map(([sha]) => sha),
    true,
  );
  const kept: Omit<InducingCandidate, "rank" | "confidence">[] = [];
  for (const [sha, c] of byCommit) {
    const lines = sizes.get(sha)?.lines ?? 0;
    const reason: DropReason | null =
      dropBeforeLines(sha, c.commitTime) ?? (lines > options.maxInducerLines ? "huge" : null);
    if (reason) result.dropped.push({ sha, reason, lines: c.lines });
    else kept.push({ sha, lines: c.lines, paths: [...c.paths].sort(), commitTime: c.commitTime });
  }
  kept.sort((a, b) => b.commitTime - a.commitTime || b.lines - a.lines || a.sha.localeCompare(b.sha));
  result.candidates = kept.map((c, i) => ({
    ...c,
    rank: i + 1,
    confidence: i === 0 ? CONFIDENCE.szzMostRecent : CONFIDENCE.szzOther,
  }));
  result.dropped.sort((a, b) => a.sha.localeCompare(b.sha));
  return result;
}
