import fs from "node:fs";
import path from "node:path";
import { sizeExtractor } from "../features/diff/size-extractor.js";
import { diffusionExtractor } from "../features/diff/diffusion-extractor.js";
import { HistoryState, type HistoryMetrics } from "../features/kamei/history-state.js";
import { kameiExtractors } from "../features/kamei/index.js";
import { replayHistory, type ReplayStep } from "../features/kamei/replay-history.js";
import { FeatureRegistry } from "../features/registry.js";
import { countDiffTokens, encodeBucketCounts } from "../features/tokens/index.js";
import { createGitContentProvider } from "../git/create-git-content-provider.js";
import { attachCommitHunks, CommitPatchReader } from "../git/read-commit-patch.js";
import { GitError, runGit } from "../git/run-git.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";
import type { MinedCommit, SkippedCommit } from "../store/commits.js";
import type { Store } from "../store/types.js";
import { emptySummary, tallyCommit, type MineSummary } from "../git/summarize-mining.js";

export type { MineSummary } from "../git/summarize-mining.js";

/** What to mine and how. */
export interface MineOptions {
  /** A local repository, bare or with a work tree. */
  repo: string;
  store: Store;
  /** Store records only for commits after this date (ISO) or revision; history before still feeds the metrics. */
  since?: string;
  /** Add AST features (reads each commit's patch and file contents: slower). */
  ast?: boolean;
  /** Add diff tokens. */
  tokens?: boolean;
  /** Ignore the saved state and mine from the first commit. */
  full?: boolean;
  /** Name to store records under (default: the repository's absolute path). */
  repository?: string;
  onProgress?: (done: number, total: number) => void;
}

/** The repository is not a git repository (or git is missing). */
export class NotARepositoryError extends Error {
  constructor(
    readonly repo: string,
    detail: string,
  ) {
    super(
      `${repo} is not a git repository (${detail}); pass --repo with the path of a clone or a bare mirror`,
    );
    this.name = "NotARepositoryError";
  }
}

const BATCH = 500;

/**
 * Mines a repository into one feature record per commit, resuming where the last run stopped:
 * 1. resolve the repository and its HEAD;  2. load the saved history state and pick the range;
 * 3. stream the range through the history state (one `git log`), extracting features per commit;
 * 4. write records and skipped commits in batches;  5. save the state for the next run.
 */
export async function mineRepository(options: MineOptions): Promise<MineSummary> {
  const started = Date.now();
  const { repo, head } = await resolveRepository(options.repo);
  const key = options.repository ?? repo;
  const saved = options.full ? null : await options.store.commits.getMiningState(key);
  const summary = emptySummary(key, head);
  let state = new HistoryState();
  let range = [head];
  if (saved && saved.lastSha === head) {
    return { ...summary, resumedFrom: head, stored: await options.store.commits.countCommits(key) };
  }
  if (saved && (await isAncestor(repo, saved.lastSha, head))) {
    state = HistoryState.deserialize(saved.state);
    range = [`${saved.lastSha}..${head}`];
    summary.resumedFrom = saved.lastSha;
  }
  const total = Number((await runGit(["rev-list", "--count", ...range, "--"], { cwd: repo })).trim());
  const keep = await sinceFilter(repo, options.since);

  const registry = new FeatureRegistry();
  for (const e of [sizeExtractor, diffusionExtractor, ...kameiExtractors]) registry.register(e);
  // Loaded only when asked for: the TypeScript parser alone is ~100 MB of a plain run's memory.
  if (options.ast)
    (await import("../features/ast/index.js")).astExtractors.forEach((e) => registry.register(e));
  const contents = options.ast ? createGitContentProvider(repo) : null;
  const patches = options.ast || options.tokens ? new CommitPatchReader(repo) : null;

  const queue: { step: ReplayStep; metrics: HistoryMetrics }[] = [];
  const records: MinedCommit[] = [];
  const skipped: SkippedCommit[] = [];
  const flush = async (force: boolean) => {
    // A few commits in flight keep git (patches, blobs) busy while this process parses.
    const built = await mapWithConcurrency(queue.splice(0), patches ? 4 : 1, ({ step, metrics }) =>
      buildRecord(step, metrics),
    );
    records.push(...built);
    if (records.length >= BATCH || force) await options.store.commits.saveCommits(records.splice(0));
    if (skipped.length >= BATCH || force) await options.store.commits.saveSkipped(skipped.splice(0));
    options.onProgress?.(summary.commits, total);
  };
  const buildRecord = async (step: ReplayStep, metrics: HistoryMetrics): Promise<MinedCommit> => {
    const { change, commit } = step;
    if (patches) await attachCommitHunks(patches, change);
    const result = await registry.extract({
      change,
      history: { historyFeatures: async () => ({ ...metrics }) },
      contents: contents?.forChange(change.baseSha, change.headSha),
    });
    summary.extractionErrors += result.errors.length;
    summary.astParseFailures += result.values.ast_parse_failures ?? 0;
    // Tokens skip the registry: the same counting as the tokens extractor, stored sparse instead of 4,096 keys.
    const tokens =
      options.tokens && change.files.some((f) => f.hunks.length > 0) ? countDiffTokens(change) : null;
    return {
      repository: key,
      sha: commit.sha,
      date: change.createdAt,
      author: `${commit.authorName} <${commit.authorEmail}>`,
      parents: commit.parents,
      features: result.values,
      tokens: tokens ? encodeBucketCounts(tokens) : null,
    };
  };

  const walk = await replayHistory(
    repo,
    state,
    range,
    (step) => {
      const reason = tallyCommit(summary, step);
      if (reason)
        skipped.push({ repository: key, sha: step.commit.sha, reason, detail: step.damaged?.detail ?? "" });
      else if (keep(step)) {
        summary.mined++;
        queue.push({ step, metrics: state.metricsFor(step.history) });
      }
    },
    async () => {
      if (queue.length >= 64 || records.length >= BATCH) await flush(false);
    },
  );
  await flush(true);
  contents?.close();
  patches?.close();
  summary.gitProcesses = walk.processes;
  summary.stored = await options.store.commits.countCommits(key);
  await options.store.commits.saveMiningState({
    repository: key,
    lastSha: head,
    state: state.serialize(),
    options: [options.ast ? "ast" : "", options.tokens ? "tokens" : ""].filter(Boolean),
    updatedAt: new Date().toISOString(),
  });
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

async function resolveRepository(input: string): Promise<{ repo: string; head: string }> {
  if (!fs.existsSync(input)) throw new NotARepositoryError(input, "no such directory");
  const repo = fs.realpathSync(path.resolve(input));
  try {
    const head = (await runGit(["rev-parse", "--verify", "HEAD^{commit}"], { cwd: repo })).trim();
    return { repo, head };
  } catch (error) {
    if (error instanceof GitError)
      throw new NotARepositoryError(repo, error.stderr.trim().split("\n")[0] ?? "");
    throw error;
  }
}

async function isAncestor(repo: string, a: string, b: string): Promise<boolean> {
  return runGit(["merge-base", "--is-ancestor", a, b], { cwd: repo }).then(
    () => true,
    () => false,
  );
}

/** `--since`: an ISO date keeps commits authored at or after it; a revision keeps the commits after it. */
async function sinceFilter(repo: string, since?: string): Promise<(step: ReplayStep) => boolean> {
  if (!since) return () => true;
  const time = Date.parse(since);
  if (/^\d{4}-\d{2}-\d{2}/.test(since) && !Number.isNaN(time)) {
    return (step) => step.commit.authorTime * 1000 >= time;
  }
  const after = new Set(
    (
      await runGit(["rev-list", `${since}..HEAD`, "--"], { cwd: repo }).catch(() => {
        throw new Error(`--since ${since} is neither a date (YYYY-MM-DD) nor a revision of ${repo}`);
      })
    )
      .split("\n")
      .filter(Boolean),
  );
  return (step) => after.has(step.commit.sha);
}
