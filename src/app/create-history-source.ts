import {
  createApiHistoryProvider,
  type RequestClient,
} from "../features/kamei/create-api-history-provider.js";
import { createLocalHistoryProvider } from "../features/kamei/create-local-history-provider.js";
import type { HistoryProvider } from "../features/types.js";
import type { CommitStore } from "../store/commits.js";
import type { MirrorManager } from "./create-mirror-manager.js";
import type { HistoryAccess } from "./types.js";

/** Default GitHub API calls a pull request's history features may take when mirroring is off. */
export const DEFAULT_HISTORY_API_BUDGET = 60;

/** Thrown by the API client once a job's call budget is spent; the features it would have read stay unknown. */
export class HistoryBudgetSpentError extends Error {
  constructor(budget: number) {
    super(
      `the GitHub API budget for history features (${budget} calls) is spent; ` +
        "turn mirroring on (DEFECT_MIRROR=on with a writable DEFECT_DATA_DIR) for complete history features",
    );
    this.name = "HistoryBudgetSpentError";
  }
}

/** DEFECT_HISTORY_API_BUDGET: a whole number ≥ 1, or the default when unset. */
export function historyApiBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DEFECT_HISTORY_API_BUDGET?.trim();
  if (!raw) return DEFAULT_HISTORY_API_BUDGET;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `DEFECT_HISTORY_API_BUDGET must be a whole number of GitHub API calls ≥ 1 (got "${raw}"); fix it in .env`,
    );
  }
  return value;
}

export interface HistorySourceOptions {
  /** Mirrors, when mirroring is on; otherwise the GitHub API is used. */
  mirrors: MirrorManager | null;
  /** Lets a repository's replay start from the miner's saved state instead of the first commit. */
  commits?: CommitStore;
  /** Most API calls per scored pull request with the API provider (default 60). */
  apiBudget?: number;
}

/**
 * `AppDeps.history`: per job, the history provider of a repository. With mirrors: the mirror is fetched (once
 * per job, under the repository's lock) before the first lookup, and one replayed history per repository is
 * kept across jobs, so later pull requests advance it incrementally. Without: the GitHub API, with every
 * request cached for the job (the per-file lookups repeat the whole PR's) and one budget for the whole job.
 */
export function createHistorySource(
  options: HistorySourceOptions,
): (repository: string, access?: HistoryAccess) => HistoryProvider | undefined {
  const replays = new Map<string, HistoryProvider>();
  // The replay outlives the job that made it: its refresh fetches with the latest job's installation.
  const installationOf = new Map<string, number | null>();
  return (repository, access) => {
    const { mirrors } = options;
    if (mirrors) {
      installationOf.set(repository, access?.installationId ?? null);
      const fetchMirror = () => mirrors.fetch(repository, installationOf.get(repository) ?? null);
      let fetched: Promise<HistoryProvider> | null = null;
      const ready = () =>
        (fetched ??= (access?.mirrorPath ?? fetchMirror)().then((dir) => {
          let replay = replays.get(dir);
          if (!replay) {
            replay = createLocalHistoryProvider(dir, {
              refresh: async () => void (await fetchMirror()),
              ...(options.commits ? { seed: seedFrom(options.commits, repository) } : {}),
            });
            replays.set(dir, replay);
          }
          return replay;
        }));
      return { historyFeatures: async (change) => (await ready()).historyFeatures(change) };
    }
    if (!access?.octokit) return undefined;
    const [owner, name] = repository.split("/");
    const budget = options.apiBudget ?? DEFAULT_HISTORY_API_BUDGET;
    return createApiHistoryProvider({
      client: cachedBudgetClient(access.octokit, budget),
      owner,
      name,
      maxCalls: budget,
    });
  };
}

function seedFrom(commits: CommitStore, repository: string) {
  return async () => {
    const saved = await commits.getMiningState(repository);
    return saved ? { lastSha: saved.lastSha, state: saved.state } : null;
  };
}

/** Same request, same answer within a job; at most `budget` distinct requests reach GitHub. */
function cachedBudgetClient(client: RequestClient, budget: number): RequestClient {
  const answers = new Map<string, Promise<{ data: unknown }>>();
  let left = budget;
  return {
    request(route, params) {
      const key = `${route} ${JSON.stringify(params)}`;
      let answer = answers.get(key);
      if (!answer) {
        if (left-- <= 0) return Promise.reject(new HistoryBudgetSpentError(budget));
        answer = client.request(route, params);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
