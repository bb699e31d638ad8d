import type { Change } from "../change/types.js";
import { createGitContentProvider } from "../git/create-git-content-provider.js";
import type { GitHubOctokit } from "../github/types.js";
import type { LocalFacts } from "../pipeline/read-local-facts.js";
import { createLocalFileHistory } from "../pipeline/read-local-file-history.js";
import type { ScorePullRequestDeps } from "../pipeline/score-pull-request.js";
import { learningForScore } from "./learning-for-score.js";
import type { AppDeps } from "./types.js";

/**
 * What scoring one pull request needs from the app, the same for the queued job and for `/defect explain`
 * scoring first: the repository's model and learning step, its history, and the mirror's file contents and
 * past outcomes. The mirror is fetched once for the job and shared by every reader of it.
 */
export function scoringDepsFor(
  deps: Pick<AppDeps, "store" | "model" | "history" | "learning" | "queue" | "mirrors">,
  repository: string,
  installationId: number | null,
  octokit: GitHubOctokit,
): Omit<ScorePullRequestDeps, "log"> {
  const learning = learningForScore(deps, repository, installationId);
  const { mirrors } = deps;
  let fetched: Promise<string> | undefined;
  const mirrorPath = mirrors ? () => (fetched ??= mirrors.fetch(repository, installationId)) : undefined;
  return {
    octokit,
    store: deps.store,
    model: learning.model,
    afterScoring: learning.afterScoring,
    history: deps.history?.(repository, { installationId, octokit, ...(mirrorPath ? { mirrorPath } : {}) }),
    localFacts: mirrorPath ? (change) => readMirrorFacts(deps.store, change, mirrorPath) : undefined,
  };
}

/** File contents and past outcomes from the repository's mirror (a `--mirror` clone holds the PR heads too). */
async function readMirrorFacts(
  store: AppDeps["store"],
  change: Change,
  mirrorPath: () => Promise<string>,
): Promise<LocalFacts> {
  const repoPath = await mirrorPath();
  const contents = createGitContentProvider(repoPath);
  return {
    contents: contents.forChange(change.baseSha, change.headSha),
    fileHistory: createLocalFileHistory({
      repoPath,
      repository: change.repository,
      labels: store.labels,
      until: change.baseSha,
    }),
    close: () => contents.close(),
  };
}
