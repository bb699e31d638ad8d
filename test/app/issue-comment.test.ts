import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { registerIssueCommentHandlers } from "../../src/app/handle-issue-comment.js";
import { createInProcessQueue } from "../../src/queue/create-in-process-queue.js";
import type { JobQueue } from "../../src/queue/types.js";
import type { ScoreResult } from "../../src/report/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { buildScoreResult } from "../model/explain-fixtures.js";
import {
  bodyOf,
  createTestProbot,
  mockGitHub,
  setUpNock,
  tearDownNock,
  validateGitHubRequest,
  webhookExample,
} from "./issue-comment-helpers.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REPO = "/repos/Codertocat/Hello-World";
const COMMENT_ID = 492700400;
const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** The fields of the published example that the tests change. */
interface CommentPayload {
  issue: { number: number; pull_request?: object };
  comment: { id: number; body: string };
  changes?: object;
  sender: { login: string; type: string };
}

/** The published `issue_comment.created` example (with an installation), turned into a comment on a pull request. */
function commentEvent(
  body: string,
  overrides: { id?: string; action?: "created" | "edited"; from?: string; bot?: boolean } = {},
) {
  const payload = webhookExample<CommentPayload>("issue_comment", (e) => {
    const action = overrides.action ?? "created";
    // The published "edited" examples carry no installation; the token-authenticated test app needs none.
    return e.action === action && (action === "edited" || Boolean(e.installation));
  });
  payload.issue.pull_request = {
    url: `https://api.github.com${REPO}/pulls/1`,
    html_url: "https://github.com/Codertocat/Hello-World/pull/1",
    diff_url: "https://github.com/Codertocat/Hello-World/pull/1.diff",
    patch_url: "https://github.com/Codertocat/Hello-World/pull/1.patch",
    merged_at: null,
  };
  payload.comment.body = body;
  if (overrides.from !== undefined) payload.changes = { body: { from: overrides.from } };
  if (overrides.bot) payload.sender = { ...payload.sender, login: "defect-predictor[bot]", type: "Bot" };
  return {
    id: overrides.id ?? `delivery-${Math.random()}`,
    name: "issue_comment" as const,
    payload: payload as never,
  };
}

let store: Store;
let queue: JobQueue;
let probot: Probot;
let scoredNow: number;

async function saveScore(result: ScoreResult): Promise<void> {
  await store.scores.save({
    repository: result.repository,
    headSha: result.headSha,
    configHash: "c0nf1g",
    modelVersion: result.modelVersion,
    number: 1,
    baseSha: result.baseSha,
    probability: result.probability,
    band: result.band,
    checkRunId: 4,
    deliveryId: null,
    result,
  });
}

beforeEach(async () => {
  setUpNock();
  store = openSqliteStore(":memory:");
  queue = await createInProcessQueue({ jobs: store.jobs, log: silent });
  probot = createTestProbot();
  scoredNow = 0;
  await probot.load((app) =>
    registerIssueCommentHandlers(app, {
      store,
      queue,
      // Stands in for the app's scoring job: scores the head and stores it, as that job does.
      scorePullRequest: async (_octokit, request) => {
        scoredNow++;
        const result = await buildScoreResult(request.headSha);
        await saveScore(result);
        return result;
      },
    }),
  );
});

afterEach(async () => {
  await queue.close();
  await store.close();
  tearDownNock();
});

const posted: unknown[] = [];
beforeEach(() => {
  posted.length = 0;
});

function expectStart(): void {
  mockGitHub()
    .post(
      `${REPO}/issues/comments/${COMMENT_ID}/reactions`,
      bodyOf("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", posted),
    )
    .reply(201, { id: 1, content: "eyes" });
}

function expectHead(): void {
  mockGitHub()
    .get(`${REPO}/pulls/1`)
    .reply(200, { number: 1, head: { sha: HEAD } });
}

function expectNewExplainComment(existing: unknown[] = []): void {
  mockGitHub()
    .get(`${REPO}/issues/1/comments`)
    .query(true)
    .reply(200, existing)
    .post(
      `${REPO}/issues/1/comments`,
      bodyOf("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", posted),
    )
    .reply(201, { id: 99 });
}

function expectReply(): void {
  mockGitHub()
    .post(
      `${REPO}/issues/1/comments`,
      bodyOf("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", posted),
    )
    .reply(201, { id: 98 });
}

const lastBody = () => (posted.at(-1) as { body: string }).body;

describe("/defect explain", () => {
  it("answers from the stored score of the current head, with a reaction first", async () => {
    await saveScore(await buildScoreResult(HEAD));
    expectStart();
    expectHead();
    expectNewExplainComment();
    await probot.receive(commentEvent("/defect explain"));
    expect(posted[0]).toEqual({ content: "eyes" });
    expect(lastBody()).toContain("<!-- defect-predictor:explain -->");
    expect(lastBody()).toMatch(/### Defect risk 🔴 \d+ % high — why/);
    expect(lastBody()).toContain("| `src/db/pool.ts` | 🔴");
    expect(lastBody()).toContain("**What raised the risk**");
    expect(scoredNow).toBe(0);
  });

  it("updates the one explain comment in place instead of adding another", async () => {
    await saveScore(await buildScoreResult(HEAD));
    expectStart();
    expectHead();
    mockGitHub()
      .get(`${REPO}/issues/1/comments`)
      .query(true)
      .reply(200, [
        {
          id: 7,
          body: "<!-- defect-predictor:explain --> quoted by a human",
          user: { login: "Codertocat", type: "User" },
        },
        {
          id: 8,
          body: "<!-- defect-predictor:explain -->\nold",
          user: { login: "defect-predictor[bot]", type: "Bot" },
        },
      ])
      .patch(
        `${REPO}/issues/comments/8`,
        bodyOf("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", posted),
      )
      .reply(200, { id: 8 });
    await probot.receive(commentEvent("/defect explain"));
    expect(lastBody()).toContain("**Files by risk**");
  });

  it("scores first when the head has no score yet", async () => {
    await saveScore({ ...(await buildScoreResult("0".repeat(40))) });
    expectStart();
    expectHead();
    expectNewExplainComment();
    await probot.receive(commentEvent("/defect explain"));
    expect(scoredNow).toBe(1);
    expect(lastBody()).toContain(`head \`${HEAD.slice(0, 7)}\``);
    expect(await store.scores.forHead("Codertocat/Hello-World", HEAD)).toHaveLength(1);
  });

  it("explains one file in depth", async () => {
    await saveScore(await buildScoreResult(HEAD));
    expectStart();
    expectHead();
    expectNewExplainComment();
    await probot.receive(commentEvent("/defect explain src/db/pool.ts"));
    expect(lastBody()).toMatch(/### `src\/db\/pool.ts`: defect risk/);
    expect(lastBody()).toContain("**Hunks, riskiest first**");
    expect(lastBody()).toContain("| la | 120 |");
  });

  it("answers an unknown file with the closest changed paths", async () => {
    await saveScore(await buildScoreResult(HEAD));
    expectStart();
    expectHead();
    expectNewExplainComment();
    await probot.receive(commentEvent("/defect explain src/db/pol.ts"));
    expect(lastBody()).toContain("`src/db/pol.ts` is not changed in this pull request");
    expect(lastBody()).toContain("- `/defect explain src/db/pool.ts`");
  });

  it("answers a redelivered event once", async () => {
    await saveScore(await buildScoreResult(HEAD));
    expectStart();
    expectHead();
    expectNewExplainComment();
    const event = commentEvent("/defect explain", { id: "same-delivery" });
    await probot.receive(event);
    // Any GitHub call now would hit no mock and fail the receive.
    await probot.receive(event);
    expect(posted).toHaveLength(2);
  });
});

describe("comments that are not for us", () => {
  it("ignores bots, the app itself included, without calling GitHub", async () => {
    await probot.receive(commentEvent("/defect explain", { bot: true }));
    expect(posted).toHaveLength(0);
  });

  it("checks request bodies against GitHub's schema (a body GitHub would refuse fails the test)", () => {
    expect(() =>
      validateGitHubRequest("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { event: "SHIP_IT" }),
    ).toThrow(/does not match GitHub's schema/);
  });

  it("ignores comments on issues and comments without a command", async () => {
    const onIssue = commentEvent("/defect explain");
    delete (onIssue.payload as { issue: { pull_request?: unknown } }).issue.pull_request;
    await probot.receive(onIssue);
    await probot.receive(commentEvent("> /defect explain\nquoting is not asking"));
    expect(posted).toHaveLength(0);
  });
});

describe("edited comments", () => {
  it("answers a command added by an edit", async () => {
    expectStart();
    expectReply();
    await probot.receive(commentEvent("/defect help", { action: "edited", from: "/defect hepl" }));
    expect(lastBody()).toContain("**Defect risk commands**");
  });

  it("ignores an edit that leaves the command as it was", async () => {
    await probot.receive(
      commentEvent("/defect explain\nthanks!", { action: "edited", from: "/defect explain" }),
    );
    expect(posted).toHaveLength(0);
  });
});

describe("help, feedback and retrain", () => {
  it("answers an unknown command with what went wrong and the help", async () => {
    expectStart();
    expectReply();
    await probot.receive(commentEvent("/defect explian"));
    expect(lastBody()).toMatch(/^`explian` is not a command I know\./);
    expect(lastBody()).toContain("`/defect explain path/to/file`");
  });

  it("refuses feedback politely without write access, and records nothing", async () => {
    expectStart();
    mockGitHub()
      .get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "read", role_name: "triage", user: null });
    expectReply();
    await probot.receive(commentEvent("/defect feedback bug it broke login"));
    expect(lastBody()).toContain("needs write access");
    expect(await store.labels.listLabels({ repository: "Codertocat/Hello-World" })).toEqual([]);
  });

  it("records feedback from a writer as a label on the head commit", async () => {
    expectStart();
    mockGitHub()
      .get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "write", role_name: "write", user: null });
    expectHead();
    expectReply();
    await probot.receive(commentEvent("/defect feedback bug it broke login"));
    const [label] = await store.labels.listLabels({ repository: "Codertocat/Hello-World" });
    expect(label).toMatchObject({ commitSha: HEAD, label: "bug", source: "feedback", prNumber: 1 });
    expect(lastBody()).toContain("as **bug**");
  });

  it("queues a retrain job for a maintainer", async () => {
    expectStart();
    mockGitHub()
      .get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "admin", role_name: "admin", user: null });
    expectReply();
    await probot.receive(commentEvent("/defect retrain"));
    const job = await store.jobs.get(`retrain:Codertocat/Hello-World:${COMMENT_ID}`);
    expect(job).toMatchObject({
      name: "retrain",
      status: "queued",
      payload: { repository: "Codertocat/Hello-World", requestedBy: "Codertocat" },
    });
    expect(lastBody()).toContain("is queued");
  });
});
