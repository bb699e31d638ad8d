import type { Change } from "../../change/types.js";
import { toChange } from "../../git/convert-log-commit.js";
import type { LogCommit } from "../../git/parse-log-records.js";
import { walkHistory, type DamagedCommit, type WalkResult } from "../../git/walk-history.js";
import { historyChangeOf } from "./history-change-of.js";
import type { HistoryChange, HistoryState } from "./history-state.js";

/** What a visitor sees for each commit, before the commit is recorded in the state. */
export interface ReplayStep {
  commit: LogCommit;
  change: Change;
  history: HistoryChange;
  /** Merge commits are not recorded (their changes arrive with the merged branch's own commits). */
  merge: boolean;
  damaged?: DamagedCommit;
}

/**
 * Replays `range` (e.g. `["HEAD"]` or `["abc..def"]`) into `state` with one streamed `git log`.
 * `visit` runs before each commit is applied, so `state.metricsFor(step.history)` sees only earlier history.
 */
export async function replayHistory(
  repo: string,
  state: HistoryState,
  range: readonly string[],
  visit?: (step: ReplayStep) => void,
  drain?: () => Promise<void>,
): Promise<WalkResult> {
  return walkHistory(
    repo,
    range,
    (commit, damaged) => {
      const merge = commit.parents.length > 1;
      const change = toChange(commit, repo);
      const history = historyChangeOf(change);
      visit?.({ commit, change, history, merge, damaged });
      if (!merge) state.apply(history);
    },
    drain,
  );
}
