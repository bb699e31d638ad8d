import { beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { HUNK_MARKER, renderHunkComment } from "../../src/report/render-explain-hunk-comment.js";
import type { HunkRisk, ScoreResult } from "../../src/report/types.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { mockInstallationToken, pullRequestPayload } from "../helpers/pull-request-fixtures.js";
import { buildScoreResult } from "../model/explain-fixtures.js";
import { createAfterScoreApp } from "./after-score-app.js";

const REPO = "/repos/Codertocat/Hello-World";
/** The published `pull_request.synchronize` example: new commits pushed to PR #2. */
const payload = pullRequestPayload("synchronize");
const HEAD = (payload.pull_request.head as { sha: string }).sha;
const github = useGitHubMock();
let result: ScoreResult;

function hunk(path: string, startLine: number, endLine: number, risk: number): HunkRisk {
  return {
    path,
    startLine,
    endLine,
    side: "RIGHT",
    risk,
    reason: `+${endLine - startLine + 1} −0 lines in \`acquire()\``,
  };
}

async function receive(config: unknown) {
  const app = await createAfterScoreApp(() => result, configSchema.parse(config));
  await app.probot.receive({ id: `d-${Math.random()}`, name: "pull_request", payload: payload as never });
  return app.outcome();
}

const reviews = () =>
  github().requests.filter((r) => r.method === "POST" && r.path === `${REPO}/pulls/2/reviews`);

beforeEach(async () => {
  result = { ...(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2)), band: "high" };
  result.hunks = [
    hunk("src/db/pool.ts", 40, 80, 0.9),
    hunk("src/db/conn.ts", 8, 9, 0.75),
    hunk("README.md", 1, 2, 0.2),
  ];
});

describe("review comments after a score", () => {
  it("posts one COMMENT review with a line comment on each hunk above the threshold", async () => {
    const { api } = github();
    mockInstallationToken(api);
    api.get(`${REPO}/pulls/2/comments`).query(true).reply(200, []);
    api.post(`${REPO}/pulls/2/reviews`).reply(200, { id: 55 });
    const outcome = await receive({ comments: { enabled: true, minRisk: 0.7, max: 3 } });
    const review = reviews()[0].body as {
      event: string;
      commit_id: string;
      comments: Record<string, unknown>[];
    };
    expect(review.event).toBe("COMMENT");
    expect(review.commit_id).toBe(HEAD);
    expect(review.comments).toEqual([
      {
        path: "src/db/pool.ts",
        line: 80,
        side: "RIGHT",
        start_line: 40,
        start_side: "RIGHT",
        body: renderHunkComment(result.hunks[0]),
      },
      {
        path: "src/db/conn.ts",
        line: 9,
        side: "RIGHT",
        start_line: 8,
        start_side: "RIGHT",
        body: renderHunkComment(result.hunks[1]),
      },
    ]);
    expect(review.comments[0].body).toContain(
      "**Defect risk 90 %** for this hunk: +41 −0 lines in `acquire()`.",
    );
    expect(outcome?.comments).toEqual({ reviewId: 55, created: 2, updated: 0, unchanged: 0 });
  });

  it("does not repeat itself on new commits: updates a changed comment, leaves an equal one, adds only the new", async () => {
    const earlier = [
      { id: 1, path: "src/db/pool.ts", line: 70, start_line: 50, body: `old text\n${HUNK_MARKER}` },
      { id: 2, path: "src/db/conn.ts", line: 9, start_line: null, body: renderHunkComment(result.hunks[1]) },
      { id: 3, path: "src/db/pool.ts", line: 60, start_line: null, body: "a human's comment" },
    ];
    result.hunks.push(hunk("src/db/new.ts", 3, 5, 0.6));
    const { api } = github();
    mockInstallationToken(api);
    api.get(`${REPO}/pulls/2/comments`).query(true).reply(200, earlier);
    api.patch(`${REPO}/pulls/comments/1`).reply(200, { id: 1 });
    api.post(`${REPO}/pulls/2/reviews`).reply(200, { id: 56 });
    const outcome = await receive({ comments: { enabled: true, minRisk: 0.5, max: 3 } });
    const patch = github().requests.find((r) => r.method === "PATCH")!;
    expect(patch.body).toEqual({ body: renderHunkComment(result.hunks[0]) });
    expect((reviews()[0].body as { comments: { path: string }[] }).comments.map((c) => c.path)).toEqual([
      "src/db/new.ts",
    ]);
    expect(outcome?.comments).toEqual({ reviewId: 56, created: 1, updated: 1, unchanged: 1 });
  });

  it("says nothing when no hunk reaches the threshold", async () => {
    const outcome = await receive({ comments: { enabled: true, minRisk: 0.95 } });
    expect(github().requests).toHaveLength(0);
    expect(outcome?.comments).toEqual({ reviewId: null, created: 0, updated: 0, unchanged: 0 });
  });

  it("is off by default", async () => {
    const outcome = await receive({});
    expect(github().requests).toHaveLength(0);
    expect(outcome).toEqual({ comments: "disabled", label: "disabled", problems: [] });
  });

  it("reports a refused review without failing the score", async () => {
    const { api } = github();
    mockInstallationToken(api);
    api.get(`${REPO}/pulls/2/comments`).query(true).reply(200, []);
    api
      .post(`${REPO}/pulls/2/reviews`)
      .reply(422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] });
    const outcome = await receive({ comments: { enabled: true } });
    expect(outcome?.comments).toBe("failed");
    expect(outcome?.problems[0]).toMatch(/^GitHub rejected the request to post review comments \(422\)/);
  });
});
