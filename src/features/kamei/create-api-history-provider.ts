import type { Change } from "../../change/types.js";
import { subsystemOf } from "../diff/compute-diff-metrics.js";
import type { FeatureValues, HistoryProvider } from "../types.js";
import { authorKeyOf } from "./history-change-of.js";
import { developerKey } from "./history-state.js";

/** The one Octokit method this provider needs; the app passes its installation client. */
export interface RequestClient {
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
}

export interface ApiHistoryOptions {
  client: RequestClient;
  owner: string;
  name: string;
  /** Most API calls per change (default 60). Features whose calls do not fit are null (unknown), never guessed. */
  maxCalls?: number;
  /** Most pages (of 100 commits) read per list (default 10). */
  maxPages?: number;
}

interface ApiCommit {
  sha: string;
  parents: { sha: string }[];
  commit: { author: { name?: string | null; email?: string | null; date?: string | null } | null };
}

class BudgetExceeded extends Error {}

const DAY = 86_400;
const YEAR = 365.25 * DAY;

/**
 * History features from the GitHub REST API within a call budget, for when mirroring is off. Per changed file:
 * its commits before the base (NDEV, NUC, AGE) and its content at the base (LT); for the author: their
 * commits (EXP, REXP) and their commits per touched subsystem (SEXP). Merge commits are left out, as the
 * miner does. Differences from the mirror: the API's path filter does not follow renames, and the root
 * subsystem is queried through the changed root files only (docs/features.md).
 */
export function createApiHistoryProvider(options: ApiHistoryOptions): HistoryProvider {
  const maxPages = options.maxPages ?? 10;
  return {
    async historyFeatures(change: Change): Promise<FeatureValues> {
      let calls = options.maxCalls ?? 60;
      const request = async (route: string, params: Record<string, unknown>) => {
        if (calls-- <= 0) throw new BudgetExceeded();
        return (await options.client.request(route, { owner: options.owner, repo: options.name, ...params }))
          .data;
      };
      const listCommits = async (params: Record<string, unknown>): Promise<ApiCommit[]> => {
        const all: ApiCommit[] = [];
        for (let page = 1; page <= maxPages; page++) {
          const data = (await request("GET /repos/{owner}/{repo}/commits", {
            sha: change.baseSha,
            per_page: 100,
            page,
            ...params,
          })) as ApiCommit[];
          all.push(...data.filter((c) => c.parents.length <= 1));
          if (data.length < 100) break;
        }
        return all;
      };
      const time = Date.parse(change.createdAt) / 1000;
      const authorOf = (c: ApiCommit) => developerKey(c.commit.author?.email, c.commit.author?.name);
      const timeOf = (c: ApiCommit) => Date.parse(c.commit.author?.date ?? "") / 1000;
      const values: FeatureValues = {
        lt: null,
        ndev: null,
        age: null,
        nuc: null,
        exp: null,
        rexp: null,
        sexp: null,
      };
      const historic = change.files.filter((f) => f.status !== "added" && f.status !== "copied");
      const basePath = (f: Change["files"][number]) => f.previousPath ?? f.path;

      const group = async (compute: () => Promise<void>) => {
        try {
          await compute();
        } catch (error) {
          if (!(error instanceof BudgetExceeded)) throw error;
        }
      };
      await group(async () => {
        const devs = new Set<string>();
        let nuc = 0;
        let ageSum = 0;
        let aged = 0;
        for (const f of historic) {
          const commits = await listCommits({ path: basePath(f) });
          if (commits.length === 0) continue;
          commits.forEach((c) => devs.add(authorOf(c)));
          nuc += commits.length;
          ageSum += Math.max(0, time - Math.max(...commits.map(timeOf))) / DAY;
          aged++;
        }
        Object.assign(values, { ndev: devs.size, nuc, age: aged ? ageSum / aged : 0 });
      });
      await group(async () => {
        let lt = 0;
        for (const f of historic) {
          const data = (await request("GET /repos/{owner}/{repo}/contents/{path}", {
            path: basePath(f),
            ref: change.baseSha,
          })) as {
            content?: string;
            encoding?: string;
          };
          const bytes = Buffer.from(data.content ?? "", data.encoding === "base64" ? "base64" : "utf8");
          if (bytes.includes(0)) continue;
          const text = bytes.toString("utf8");
          lt += text.split("\n").length - (text.endsWith("\n") || text === "" ? 1 : 0);
        }
        values.lt = lt;
      });
      const author = change.author.email ?? change.commits.at(-1)?.authorEmail ?? change.author.login;
      const key = authorKeyOf(change);
      await group(async () => {
        const mine = author ? (await listCommits({ author })).filter((c) => authorOf(c) === key) : [];
        values.exp = mine.length;
        values.rexp = mine.reduce(
          (s, c) => s + 1 / (1 + Math.floor(Math.max(0, time - timeOf(c)) / YEAR)),
          0,
        );
      });
      await group(async () => {
        const shas = new Set<string>();
        const subsystems = new Set(change.files.map((f) => subsystemOf(f.path)));
        for (const s of subsystems) {
          // The API cannot filter on "files at the root": ask for each changed root file instead.
          const paths =
            s === "" ? change.files.filter((f) => subsystemOf(f.path) === "").map((f) => f.path) : [s];
          for (const p of paths) {
            if (!author) continue;
            for (const c of await listCommits({ author, path: p })) if (authorOf(c) === key) shas.add(c.sha);
          }
        }
        values.sexp = shas.size;
      });
      return values;
    },
  };
}
