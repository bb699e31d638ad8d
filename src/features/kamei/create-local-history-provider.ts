import type { Change } from "../../change/types.js";
import { GitError, runGit } from "../../git/run-git.js";
import type { FeatureValues, HistoryProvider } from "../types.js";
import { historyChangeOf } from "./history-change-of.js";
import { HistoryState } from "./history-state.js";
import { replayHistory } from "./replay-history.js";

/** The base commit of a change is not in the local repository. */
export class MissingBaseError extends Error {
  constructor(
    readonly repo: string,
    readonly sha: string,
  ) {
    super(`commit ${sha} is not in ${repo}; fetch it (git fetch) or score a range that exists locally`);
    this.name = "MissingBaseError";
  }
}

/** A HistoryProvider that can be told to refresh its repository before answering (a mirror fetch). */
export interface LocalHistoryOptions {
  /** Called when the base commit is missing, e.g. to `git fetch` a mirror; then the lookup is retried once. */
  refresh?: () => Promise<void>;
  /**
   * A saved miner state to start from instead of replaying from the first commit (e.g. the store's
   * `commits.getMiningState(repo)`): used when its commit is an ancestor of the change's base.
   */
  seed?: () => Promise<{ lastSha: string; state: Buffer } | null>;
}

/**
 * History features from a local clone (bare or not): the history state is replayed once up to the change's
 * base commit with the miner's own code, kept in memory, and advanced incrementally for later bases that
 * descend from it, so a change's features equal those the miner stores for the same commit.
 */
export function createLocalHistoryProvider(
  repoPath: string,
  options: LocalHistoryOptions = {},
): HistoryProvider {
  let state = new HistoryState();
  let tip: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  // Per-file scoring asks for the same base once per file: resolve each revision once.
  const resolved = new Map<string, Promise<string>>();

  function resolve(sha: string): Promise<string> {
    let pending = resolved.get(sha);
    if (!pending) {
      pending = resolveUncached(sha);
      resolved.set(sha, pending);
      pending.catch(() => resolved.delete(sha));
    }
    return pending;
  }

  async function resolveUncached(sha: string): Promise<string> {
    const attempt = () => runGit(["rev-parse", "--verify", "--quiet", `${sha}^{commit}`], { cwd: repoPath });
    try {
      return (await attempt()).trim();
    } catch (error) {
      if (!(error instanceof GitError) || !options.refresh) throw new MissingBaseError(repoPath, sha);
      await options.refresh();
      return (await attempt().catch(() => Promise.reject(new MissingBaseError(repoPath, sha)))).trim();
    }
  }

  async function isAncestor(a: string, b: string): Promise<boolean> {
    return runGit(["merge-base", "--is-ancestor", a, b], { cwd: repoPath }).then(
      () => true,
      () => false,
    );
  }

  async function advanceTo(base: string): Promise<void> {
    if (tip === null && options.seed) {
      const saved = await options.seed();
      if (saved && (await isAncestor(saved.lastSha, base))) {
        state = HistoryState.deserialize(saved.state);
        tip = saved.lastSha;
      }
    }
    if (tip === base) return;
    const descends = tip !== null && (await isAncestor(tip, base));
    if (!descends) state = new HistoryState();
    await replayHistory(repoPath, state, [descends ? `${tip}..${base}` : base]);
    tip = base;
  }

  async function features(change: Change): Promise<FeatureValues> {
    const history = historyChangeOf(change);
    if (!change.baseSha) return { ...new HistoryState().metricsFor(history) };
    await advanceTo(await resolve(change.baseSha));
    return { ...state.metricsFor(history) };
  }

  return {
    historyFeatures(change) {
      // One replay at a time: the state is shared.
      const next = queue.then(() => features(change));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
