import type { LogCommit } from "./parse-log-records.js";
import type { DamagedCommit } from "./walk-history.js";

/** What a mining run saw and did; printed by `defect mine` and returned to callers. */
export interface MineSummary {
  repository: string;
  head: string;
  /** Commits walked in this run (merges and skipped ones included). */
  commits: number;
  /** Commits that got a feature record in this run. */
  mined: number;
  /** Records stored for the repository, all runs together. */
  stored: number;
  /** Commits without a record, by reason. `missing-object` commits still feed the history state (without lines). */
  skipped: { merge: number; "missing-object": number; empty: number };
  renames: number;
  deletedFiles: number;
  binaryFiles: number;
  submoduleChanges: number;
  nonUtf8Paths: number;
  astParseFailures: number;
  extractionErrors: number;
  /** `git log` processes started: 1, plus 1–2 per missing-object stop. */
  gitProcesses: number;
  /** The commit the run resumed after, when it continued a previous run. */
  resumedFrom: string | null;
  seconds: number;
}

export function emptySummary(repository: string, head: string): MineSummary {
  return {
    repository,
    head,
    commits: 0,
    mined: 0,
    stored: 0,
    skipped: { merge: 0, "missing-object": 0, empty: 0 },
    renames: 0,
    deletedFiles: 0,
    binaryFiles: 0,
    submoduleChanges: 0,
    nonUtf8Paths: 0,
    astParseFailures: 0,
    extractionErrors: 0,
    gitProcesses: 0,
    resumedFrom: null,
    seconds: 0,
  };
}

/**
 * Counts one commit into the summary. Returns why it gets no record, or null when it gets one.
 * Merges: no record (Kamei et al. leave them out; their changes are counted on the merged branch's commits).
 */
export function tallyCommit(
  summary: MineSummary,
  step: { commit: LogCommit; damaged?: DamagedCommit },
): "merge" | "missing-object" | "empty" | null {
  const { commit, damaged } = step;
  summary.commits++;
  for (const f of commit.files) {
    if (f.status === "R") summary.renames++;
    if (f.status === "D") summary.deletedFiles++;
    if (f.submodule) summary.submoduleChanges++;
    else if (f.added === null && !damaged) summary.binaryFiles++;
    if (f.nonUtf8Path) summary.nonUtf8Paths++;
  }
  let reason: "merge" | "missing-object" | "empty" | null = null;
  if (commit.parents.length > 1) reason = "merge";
  else if (damaged) reason = "missing-object";
  else if (commit.files.length === 0) reason = "empty";
  if (reason) summary.skipped[reason]++;
  return reason;
}
