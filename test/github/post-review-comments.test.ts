import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { configSchema } from "../../src/config/schema.js";
import { afterScore, type AfterScoreOutcome } from "../../src/pipeline/after-score.js";
import { HUNK_MARKER, renderHunkComment } from "../../src/report/render-explain-hunk-comment.js";
import type { HunkRisk, ScoreResult } from "../../src/report/types.js";
import {
  bodyOf,
  createTestProbot,
  mockGitHub,
  setUpNock,
  tearDownNock,
  webhookExample,
} from "../app/issue-comment-helpers.js";
import { buildScoreResult } from "../model/explain-fixtures.js";

const REPO = "/repos/Codertocat/Hello-World";
const REVIEWS = "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews";

/** The published `pull_request.synchronize` example: a push of new commits to PR #2. */
function synchronizeEvent() {
  const payload = webhookExample<{ pull_request: { head: { sha: string } } }>(
    "pull_request",
    (e) => e.action === "synchronize",
  );
  return { id: `d-${Math.random()}`, name: "pull_request" as const, payload: payload as never };
}

let probot: Probot;
let result: ScoreResult;
let outcome: AfterScoreOutcome | undefined;
const sent: unknown[] = [];

/** Registers what the scoring job does once its check run is complete: `afterScore` with the repository config. */
async function load(config: unknown): Promise<void> {
  const parsed = configSchema.parse(config);
  await probot.load((app) =>
    app.on("pull_request.synchronize", async (context) => {
      const { owner, repo } = context.repo();
      const ref = {
        owner,
        repo,
        number: context.payload.number,
        headSha: context.payload.pull_request.head.sha,
      };
      outcome = await afterScore(context.octokit, ref, result, parsed, context.log);
    }),
  );
}

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

beforeEach(async () => {
  setUpNock();
  probot = createTestProbot();
  sent.length = 0;
  outcome = undefined;
  const payload = synchronizeEvent().payload as { pull_request: { head: { sha: string } } };
  result = {
    ...(await buildScoreResult(payload.pull_request.head.sha, "Codertocat/Hello-World", 2)),
    band: "high",
  };
  result.hunks = [
    hunk("src/db/pool.ts", 40, 80, 0.9),
    hunk("src/db/conn.ts", 8, 9, 0.75),
    hunk("README.md", 1, 2, 0.2),
  ];
});

afterEach(() => tearDownNock());

describe("review comments after a score", () => {
  it("posts one COMMENT review with a line comment on each hunk above the threshold", async () => {
    await load({ comments: { enabled: true, minRisk: 0.7, max: 3 } });
    mockGitHub()
      .get(`${REPO}/pulls/2/comments`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/pulls/2/reviews`, bodyOf(REVIEWS, sent))
      .reply(200, { id: 55 });
    await probot.receive(synchronizeEvent());
    const review = sent[0] as { event: string; commit_id: string; comments: Record<string, unknown>[] };
    expect(review.event).toBe("COMMENT");
    expect(review.commit_id).toBe(result.headSha);
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
    await load({ comments: { enabled: true, minRisk: 0.5, max: 3 } });
    const earlier = [
      { id: 1, path: "src/db/pool.ts", line: 70, start_line: 50, body: `old text\n${HUNK_MARKER}` },
      { id: 2, path: "src/db/conn.ts", line: 9, start_line: null, body: renderHunkComment(result.hunks[1]) },
      { id: 3, path: "src/db/pool.ts", line: 60, start_line: null, body: "a human's comment" },
    ];
    result.hunks.push(hunk("src/db/new.ts", 3, 5, 0.6));
    mockGitHub()
      .get(`${REPO}/pulls/2/comments`)
      .query(true)
      .reply(200, earlier)
      .patch(
        `${REPO}/pulls/comments/1`,
        bodyOf("PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}", sent),
      )
      .reply(200, { id: 1 })
      .post(`${REPO}/pulls/2/reviews`, bodyOf(REVIEWS, sent))
      .reply(200, { id: 56 });
    await probot.receive(synchronizeEvent());
    expect(sent[0]).toEqual({ body: renderHunkComment(result.hunks[0]) });
    expect((sent[1] as { comments: { path: string }[] }).comments.map((c) => c.path)).toEqual([
      "src/db/new.ts",
    ]);
    expect(outcome?.comments).toEqual({ reviewId: 56, created: 1, updated: 1, unchanged: 1 });
  });

  it("says nothing when no hunk reaches the threshold", async () => {
    await load({ comments: { enabled: true, minRisk: 0.95 } });
    await probot.receive(synchronizeEvent());
    expect(outcome?.comments).toEqual({ reviewId: null, created: 0, updated: 0, unchanged: 0 });
  });

  it("is off by default", async () => {
    await load({});
    await probot.receive(synchronizeEvent());
    expect(outcome).toEqual({ comments: "disabled", label: "disabled", problems: [] });
  });

  it("reports a refused review without failing the score", async () => {
    await load({ comments: { enabled: true } });
    mockGitHub()
      .get(`${REPO}/pulls/2/comments`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/pulls/2/reviews`)
      .reply(422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] });
    await probot.receive(synchronizeEvent());
    expect(outcome?.comments).toBe("failed");
    expect(outcome?.problems[0]).toMatch(/^GitHub rejected the request to post review comments \(422\)/);
  });
});
