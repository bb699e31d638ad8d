import type { BlamedLine } from "./blame-lines.js";
import { parseIgnoreRevs } from "./git-szz-history.js";
import { isNotFound, type GitHubGraphql, type GitHubRest, type RepoRef } from "./github-api.js";
import { parseZeroContextDiff } from "./read-fix-diff.js";
import type { CommitHeader, CommitSize, SzzHistory } from "./szz-history.js";

interface RestCommit {
  sha: string;
  parents: { sha: string }[];
  commit: { message: string; committer: { date: string } | null };
  stats?: { total: number };
  files?: { filename: string; previous_filename?: string; status: string; patch?: string }[];
}

const BLAME = `query($owner: String!, $repo: String!, $rev: GitObjectID!, $path: String!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $rev) {
      ... on Commit {
        blame(path: $path) { ranges { startingLine endingLine commit { oid committedDate authoredDate } } }
      }
    }
  }
}`;

interface BlameData {
  repository: {
    object: {
      blame?: {
        ranges: {
          startingLine: number;
          endingLine: number;
          commit: { oid: string; committedDate: string; authoredDate: string };
        }[];
      };
    } | null;
  } | null;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * SZZ's view of a repository through the GitHub API, for when there is no mirror: the fix's diff from
 * `GET /repos/{o}/{r}/commits/{sha}` (patches carry three lines of context; a file whose patch GitHub
 * left out for size is skipped), blame from GraphQL `Commit.blame` (whitespace is not ignored and
 * ignore-revs are not honoured there, so listed revisions can only be dropped, not looked through).
 */
export function openGitHubSzzHistory(rest: GitHubRest, graphql: GitHubGraphql, repo: RepoRef): SzzHistory {
  const commits = new Map<string, RestCommit | null>();
  const getCommit = async (sha: string): Promise<RestCommit | null> => {
    if (commits.has(sha)) return commits.get(sha)!;
    try {
      const { data } = await rest.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repo, ref: sha });
      const c = data as RestCommit;
      commits.set(sha, c);
      commits.set(c.sha, c);
      return c;
    } catch (error) {
      if (isNotFound(error) || (error as { status?: number }).status === 422) {
        commits.set(sha, null);
        return null;
      }
      throw error;
    }
  };

  return {
    canIgnoreRevs: false,
    async readCommit(sha): Promise<CommitHeader | null> {
      const c = await getCommit(sha);
      if (!c) return null;
      return {
        sha: c.sha,
        parents: c.parents.map((p) => p.sha),
        commitTime: c.commit.committer ? seconds(c.commit.committer.date) : 0,
        message: c.commit.message,
      };
    },
    async readFixLines(fixSha) {
      const c = await getCommit(fixSha);
      const files = c?.files ?? [];
      const diff = files
        .filter(
          (f) => (f.status === "modified" || f.status === "renamed" || f.status === "changed") && f.patch,
        )
        .map((f) => {
          const old = f.previous_filename ?? f.filename;
          return `diff --git a/${old} b/${f.filename}\n--- a/${old}\n+++ b/${f.filename}\n${f.patch}`;
        })
        .join("\n");
      return { files: parseZeroContextDiff(diff).files, fileCount: files.length };
    },
    async blame(rev, path, lines): Promise<BlamedLine[]> {
      const data = await graphql.graphql<BlameData>(BLAME, { ...repo, rev, path });
      const ranges = data.repository?.object?.blame?.ranges ?? [];
      const out: BlamedLine[] = [];
      for (const line of lines) {
        const r = ranges.find((x) => x.startingLine <= line && line <= x.endingLine);
        if (!r) continue;
        out.push({
          line,
          sha: r.commit.oid,
          path,
          authorTime: seconds(r.commit.authoredDate),
          commitTime: seconds(r.commit.committedDate),
          boundary: false,
        });
      }
      return out;
    },
    async commitSizes(shas) {
      // One REST call per commit gives files and lines together, so `withLines` changes nothing here.
      const out = new Map<string, CommitSize>();
      for (const sha of new Set(shas)) {
        const c = await getCommit(sha);
        if (!c) continue;
        out.set(sha, {
          files: c.files?.length ?? 0,
          lines: c.stats?.total ?? 0,
          subject: c.commit.message.split("\n")[0],
        });
      }
      return out;
    },
    async ignoredRevisions(rev) {
      try {
        const { data } = await rest.request("GET /repos/{owner}/{repo}/contents/{path}", {
          ...repo,
          path: ".git-blame-ignore-revs",
          ref: rev,
        });
        const file = data as { content?: string; encoding?: string };
        return file.content
          ? parseIgnoreRevs(Buffer.from(file.content, "base64").toString("utf8"))
          : new Set();
      } catch (error) {
        if (isNotFound(error)) return new Set();
        throw error;
      }
    },
    async close() {},
  };
}
