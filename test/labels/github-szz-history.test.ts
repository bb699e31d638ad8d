import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openGitHubSzzHistory } from "../../src/labels/github-szz-history.js";
import { parseLabelOptions } from "../../src/labels/label-options.js";
import { traceInducingCommits } from "../../src/labels/trace-inducing-commits.js";

const FIX = "f".repeat(40);
const PARENT = "e".repeat(40);
const OLD = "a".repeat(40);
const BAD = "b".repeat(40);
const FORMAT = "c".repeat(40);

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("SZZ through the GitHub API (no mirror)", () => {
  it("reads the fix's patch, blames with GraphQL, and drops a listed ignore-rev it cannot look through", async () => {
    const api = nock("https://api.github.com");
    api.get(`/repos/o/r/commits/${FIX}`).reply(200, {
      sha: FIX,
      parents: [{ sha: PARENT }],
      commit: { message: "Fix bad value", committer: { date: "2024-03-01T00:00:00Z" } },
      stats: { total: 4 },
      files: [
        {
          filename: "src/a.js",
          status: "modified",
          patch:
            "@@ -1,5 +1,5 @@\n first\n-const b = bad;\n+const b = good;\n third\n-let d = 4;\n+let d = 5;\n fifth",
        },
        { filename: "logo.png", status: "modified" },
      ],
    });
    api
      .get("/repos/o/r/contents/.git-blame-ignore-revs")
      .query({ ref: PARENT })
      .reply(200, { content: Buffer.from(`${FORMAT}\n`).toString("base64"), encoding: "base64" });
    api
      .post(
        "/graphql",
        (b: { variables: { rev: string; path: string } }) =>
          b.variables.rev === PARENT && b.variables.path === "src/a.js",
      )
      .reply(200, {
        data: {
          repository: {
            object: {
              blame: {
                ranges: [
                  {
                    startingLine: 1,
                    endingLine: 1,
                    commit: {
                      oid: OLD,
                      committedDate: "2023-01-01T00:00:00Z",
                      authoredDate: "2023-01-01T00:00:00Z",
                    },
                  },
                  {
                    startingLine: 2,
                    endingLine: 2,
                    commit: {
                      oid: BAD,
                      committedDate: "2024-01-01T00:00:00Z",
                      authoredDate: "2024-01-01T00:00:00Z",
                    },
                  },
                  {
                    startingLine: 3,
                    endingLine: 5,
                    commit: {
                      oid: FORMAT,
                      committedDate: "2024-02-01T00:00:00Z",
                      authoredDate: "2024-02-01T00:00:00Z",
                    },
                  },
                ],
              },
            },
          },
        },
      });
    api.get(`/repos/o/r/commits/${BAD}`).reply(200, {
      sha: BAD,
      parents: [{ sha: OLD }],
      commit: { message: "Add b", committer: { date: "2024-01-01T00:00:00Z" } },
      stats: { total: 2 },
      files: [{ filename: "src/a.js", status: "modified" }],
    });

    api.get(`/repos/o/r/commits/${FORMAT}`).reply(200, {
      sha: FORMAT,
      parents: [{ sha: BAD }],
      commit: { message: "Reformat", committer: { date: "2024-02-01T00:00:00Z" } },
      stats: { total: 2 },
      files: [{ filename: "src/a.js", status: "modified" }],
    });

    const octokit = new Octokit({ auth: "t" });
    const history = openGitHubSzzHistory(
      { request: (route, params) => octokit.request(route, params) },
      { graphql: (q, v) => octokit.graphql(q, v) },
      { owner: "o", repo: "r" },
    );
    const r = await traceInducingCommits(history, { sha: FIX }, parseLabelOptions());
    expect(r.candidates.map((c) => [c.sha, c.rank, c.lines])).toEqual([[BAD, 1, 1]]);
    expect(r.dropped).toEqual([{ sha: FORMAT, reason: "ignored-rev", lines: 1 }]);
    expect(r.blamedLines).toBe(2);
  });
});
