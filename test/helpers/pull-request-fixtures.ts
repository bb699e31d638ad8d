import { createRequire } from "node:module";
import type nock from "nock";

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

/** A real webhook payload from `@octokit/webhooks-examples` (deep-copied): the first example that matches. */
export function webhookPayload<T = Json>(event: string, pick: (example: Json) => boolean): T {
  const all = require("@octokit/webhooks-examples/api.github.com/index.json") as {
    name: string;
    examples: Json[];
  }[];
  const found = all.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} example that matches`);
  return structuredClone(found) as T;
}

/** `pull_request.<action>` for Codertocat/Hello-World#2, sent to installation 1. */
export function pullRequestPayload(
  action = "opened",
): Json & { pull_request: Json & { head: Json; base: Json; user: Json } } {
  return webhookPayload("pull_request", (e) => e.action === action && Boolean(e.installation)) as never;
}

/** One file of `GET /pulls/{n}/files`, with a patch of `added` new lines unless `patch` says otherwise. */
export function prFile(
  path: string,
  options: { added?: number; patch?: string | null; status?: string; changes?: number } = {},
): Json {
  const added = options.added ?? 5;
  const patch =
    options.patch === null
      ? undefined
      : (options.patch ??
        `@@ -1,2 +1,${added + 2} @@\n context one\n${Array.from({ length: added }, (_, i) => `+line ${i} of ${path}`).join("\n")}\n context two`);
  const file: Json = {
    sha: "bbcd538c8e72b8c175046e27cc8f907076331401",
    filename: path,
    status: options.status ?? "modified",
    additions: added,
    deletions: 0,
    changes: options.changes ?? added,
    blob_url: `https://github.com/Codertocat/Hello-World/blob/head/${path}`,
    raw_url: `https://github.com/Codertocat/Hello-World/raw/head/${path}`,
    contents_url: `https://api.github.com/repos/Codertocat/Hello-World/contents/${path}`,
  };
  if (patch !== undefined) file.patch = patch;
  return file;
}

/** `count` files under src/, each with a small patch. */
export function prFiles(count: number): Json[] {
  return Array.from({ length: count }, (_, i) =>
    prFile(`src/module-${Math.floor(i / 10)}/file-${i}.ts`, { added: 3 + (i % 7) }),
  );
}

/** One commit of `GET /pulls/{n}/commits`. */
export function prCommit(sha: string, message = "Change things"): Json {
  const person = {
    name: "Codertocat",
    email: "21031067+Codertocat@users.noreply.github.com",
    date: "2019-05-15T15:20:30Z",
  };
  return {
    sha,
    node_id: "C_test",
    url: `https://api.github.com/repos/Codertocat/Hello-World/commits/${sha}`,
    html_url: `https://github.com/Codertocat/Hello-World/commit/${sha}`,
    comments_url: `https://api.github.com/repos/Codertocat/Hello-World/commits/${sha}/comments`,
    commit: { message, author: person, committer: person, comment_count: 0, tree: { sha, url: "" }, url: "" },
    author: { login: "Codertocat", id: 21031067 },
    committer: { login: "Codertocat", id: 21031067 },
    parents: [{ sha: "0000000000000000000000000000000000000001", url: "", html_url: "" }],
  };
}

/** The REST pull request for a webhook payload (the webhook's `pull_request` is the REST object). */
export function restPullRequest(payload: { pull_request: Json }, changedFiles: number): Json {
  return { ...payload.pull_request, changed_files: changedFiles };
}

/**
 * Mocks the three reads of a pull request: the PR, its files (100 a page with `Link` headers, as GitHub pages
 * them) and its commits. `filesStatus` lets a test make the files listing fail.
 */
export function mockPullRequestReads(
  api: nock.Scope,
  options: { owner?: string; repo?: string; number?: number; pr: Json; files: Json[]; commits?: Json[] },
): void {
  const owner = options.owner ?? "Codertocat";
  const repo = options.repo ?? "Hello-World";
  const number = options.number ?? 2;
  const base = `/repos/${owner}/${repo}/pulls/${number}`;
  api.get(base).reply(200, options.pr);
  const pages = Math.max(1, Math.ceil(options.files.length / 100));
  for (let page = 1; page <= pages; page++) {
    const query: Record<string, string> =
      page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) };
    const link = (p: number) => `<https://api.github.com${base}/files?per_page=100&page=${p}>`;
    const headers: Record<string, string> = {};
    if (page < pages) headers.link = `${link(page + 1)}; rel="next", ${link(pages)}; rel="last"`;
    api
      .get(`${base}/files`)
      .query(query)
      .reply(200, options.files.slice((page - 1) * 100, page * 100), headers);
  }
  api
    .get(`${base}/commits`)
    .query({ per_page: "100" })
    .reply(200, options.commits ?? [prCommit("ec26c3e57ca3a959ca5aad62de7213c562f8c821")]);
}

/** The installation-token exchange Probot makes before its first call as installation `id`. */
export function mockInstallationToken(api: nock.Scope, id = 1): void {
  api.post(`/app/installations/${id}/access_tokens`).reply(201, {
    token: "ghs_test_token",
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    permissions: {
      checks: "write",
      pull_requests: "write",
      contents: "read",
      metadata: "read",
      issues: "write",
    },
    repository_selection: "all",
  });
}

/** `.github/defect-predictor.yml` on the default branch: YAML text, or 404 (then the org's `.github` repo: 404). */
export function mockConfigFile(
  api: nock.Scope,
  yaml: string | null,
  owner = "Codertocat",
  repo = "Hello-World",
): void {
  const path = (r: string) => (uri: string) =>
    uri.includes(`/repos/${owner}/${r}/contents/`) && uri.includes("defect-predictor.yml");
  if (yaml === null) {
    api.get(path(repo)).reply(404, { message: "Not Found" });
    api.get(path(".github")).reply(404, { message: "Not Found" });
  } else {
    api.get(path(repo)).reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
  }
}

/** A webhook payload a test adapts field by field (the examples' types are too deep to spell out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoosePayload = Record<string, any>;
