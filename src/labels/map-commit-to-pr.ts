import { runGit } from "../git/run-git.js";
import type { GitHubRest } from "./github-api.js";

const MERGE_PR = /^Merge pull request #(\d+) from /;
const SQUASH_PR = /\(#(\d+)\)\s*$/;
// Apache's merge_*_pr.py squashes a PR into one commit whose body ends "Closes #123 from user/branch".
const APACHE_PR = /^Closes #(\d+) from \S+/m;

/** The pull request a commit message names as its own: merge commits, squash "(#123)", Apache's script. */
export function pullRequestFromMessage(message: string): number | null {
  const subject = message.split("\n")[0] ?? "";
  const m = MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject) ?? APACHE_PR.exec(message);
  return m ? Number(m[1]) : null;
}

/**
 * Maps commits to the pull request that brought them into the default branch, from local history only:
 * a commit on the first-parent chain names its PR in its own message (squash, Apache script); a commit
 * from a merged branch gets the PR of the first-parent merge that brought it in (ancestry path). Rebase
 * merges leave no trace in git: those need {@link findPullRequestOnGitHub}.
 */
export class LocalPullRequestMapper {
  private mainline: Set<string> | null = null;
  private readonly cache = new Map<string, number | null>();

  constructor(
    private readonly cwd: string,
    private readonly head = "HEAD",
    private readonly messageOf: (sha: string) => Promise<string | null>,
  ) {}

  async pullRequestOf(sha: string): Promise<number | null> {
    if (this.cache.has(sha)) return this.cache.get(sha)!;
    if (!this.mainline) {
      const out = await runGit(["rev-list", "--first-parent", this.head], { cwd: this.cwd });
      this.mainline = new Set(out.split("\n").filter(Boolean));
    }
    let carrier = sha;
    if (!this.mainline.has(sha)) {
      const path = await runGit(["rev-list", "--first-parent", "--ancestry-path", `${sha}..${this.head}`], {
        cwd: this.cwd,
      });
      carrier = path.trim().split("\n").pop() || sha;
    }
    const message = await this.messageOf(carrier);
    let pr = message ? pullRequestFromMessage(message) : null;
    if (pr === null && carrier !== sha) {
      const own = await this.messageOf(sha);
      pr = own ? pullRequestFromMessage(own) : null;
    }
    this.cache.set(sha, pr);
    return pr;
  }
}

interface PullSummary {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

/**
 * The pull request GitHub associates with a commit (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`):
 * the merged one whose merge commit is this sha first, then any merged one, then the first listed.
 */
export async function findPullRequestOnGitHub(
  api: GitHubRest,
  repo: { owner: string; repo: string },
  sha: string,
): Promise<number | null> {
  const { data } = await api.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", {
    owner: repo.owner,
    repo: repo.repo,
    commit_sha: sha,
  });
  const pulls = data as PullSummary[];
  const pick =
    pulls.find((p) => p.merge_commit_sha === sha) ?? pulls.find((p) => p.merged_at !== null) ?? pulls[0];
  return pick ? pick.number : null;
}
