import { describe, expect, it } from "vitest";
import { useGitHubMock } from "../helpers/github-mock.js";
import {
  mockConfigFile,
  mockInstallationToken,
  mockPullRequestReads,
  prFiles,
  pullRequestPayload,
  restPullRequest,
  webhookPayload,
} from "../helpers/pull-request-fixtures.js";
import type { ScoreResult } from "../../src/report/types.js";
import { BASELINE, buildScoreResult, createTestModel } from "../model/explain-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

const REPO = "/repos/Codertocat/Hello-World";
const COMMENT_ID = 492700400;
const pr = pullRequestPayload("opened");
const HEAD = (pr.pull_request.head as { sha: string }).sha;

/** The fields of the published example that the tests change. */
interface CommentPayload {
  action: string;
  issue: { number: number; pull_request?: object };
  comment: { id: number; body: string };
  changes?: object;
  sender: { login: string; type: string };
  installation?: object;
}

/** The published `issue_comment` example (installation 1), made a comment on pull request #2. */
function commentPayload(
  body: string,
  options: { action?: "created" | "edited"; from?: string; bot?: boolean } = {},
) {
  const created = webhookPayload<CommentPayload>(
    "issue_comment",
    (e) => e.action === "created" && Boolean(e.installation),
  );
  // The published "edited" examples carry no installation: give it the created one's.
  const payload =
    options.action === "edited"
      ? {
          ...webhookPayload<CommentPayload>("issue_comment", (e) => e.action === "edited"),
          installation: created.installation,
        }
      : created;
  payload.issue.number = 2;
  payload.issue.pull_request = {
    url: `https://api.github.com${REPO}/pulls/2`,
    html_url: "https://github.com/Codertocat/Hello-World/pull/2",
    diff_url: "https://github.com/Codertocat/Hello-World/pull/2.diff",
    patch_url: "https://github.com/Codertocat/Hello-World/pull/2.patch",
    merged_at: null,
  };
  payload.comment.body = body;
  if (options.from !== undefined) payload.changes = { body: { from: options.from } };
  if (options.bot) payload.sender = { ...payload.sender, login: "defect-predictor[bot]", type: "Bot" };
  return payload;
}

const github = useGitHubMock();
// A small real model with a baseline, so the command flow does not depend on the shipped model's files
// (explain-default-model.test.ts covers those).
const app = useTestApp(() => ({ model: { ...createTestModel(), baseline: BASELINE } }));

async function saveScore(result: ScoreResult): Promise<void> {
  await app().store.scores.save({
    repository: result.repository,
    headSha: result.headSha,
    configHash: "c0nf1g",
    modelVersion: result.modelVersion,
    number: 2,
    baseSha: result.baseSha,
    probability: result.probability,
    band: result.band,
    checkRunId: 4,
    deliveryId: null,
    result,
  });
}

/** Token, 👀, and the read of the PR's current head. */
function expectStart(options: { head?: boolean } = {}): void {
  const { api } = github();
  mockInstallationToken(api);
  api.post(`${REPO}/issues/comments/${COMMENT_ID}/reactions`).reply(201, { id: 1, content: "eyes" });
  if (options.head !== false) api.get(`${REPO}/pulls/2`).reply(200, restPullRequest(pr, 3));
}

function expectExplainComment(existing: unknown[] = []): void {
  github().api.get(`${REPO}/issues/2/comments`).query(true).reply(200, existing);
  github().api.post(`${REPO}/issues/2/comments`).reply(201, { id: 99 });
}

function expectReply(): void {
  github().api.post(`${REPO}/issues/2/comments`).reply(201, { id: 98 });
}

const sent = (method: string, path: string) =>
  github().requests.filter((r) => r.method === method && r.path.split("?")[0] === `${REPO}${path}`);
const lastComment = () => (sent("POST", "/issues/2/comments").at(-1)?.body as { body: string }).body;

describe("/defect explain", () => {
  it("answers from the stored score of the current head, after a 👀 reaction", async () => {
    await saveScore(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2));
    expectStart();
    expectExplainComment();
    await app().receive("issue_comment", commentPayload("/defect explain"));
    expect(sent("POST", `/issues/comments/${COMMENT_ID}/reactions`)[0].body).toEqual({ content: "eyes" });
    expect(lastComment()).toContain("<!-- defect-predictor:explain -->");
    expect(lastComment()).toMatch(/### Defect risk 🔴 \d+ % high — why/);
    expect(lastComment()).toContain("| `src/db/pool.ts` | 🔴");
    expect(lastComment()).toContain("**What raised the risk**");
    expect(sent("POST", "/check-runs")).toHaveLength(0);
  });

  it("updates the one explain comment in place instead of adding another", async () => {
    await saveScore(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2));
    expectStart();
    github()
      .api.get(`${REPO}/issues/2/comments`)
      .query(true)
      .reply(200, [
        {
          id: 7,
          body: "<!-- defect-predictor:explain --> quoted",
          user: { login: "Codertocat", type: "User" },
        },
        {
          id: 8,
          body: "<!-- defect-predictor:explain -->\nold",
          user: { login: "defect-predictor[bot]", type: "Bot" },
        },
      ]);
    github().api.patch(`${REPO}/issues/comments/8`).reply(200, { id: 8 });
    await app().receive("issue_comment", commentPayload("/defect explain"));
    expect((sent("PATCH", "/issues/comments/8")[0].body as { body: string }).body).toContain(
      "**Files by risk**",
    );
  });

  it("scores first, with the real scoring pipeline and check run, when the head has no score yet", async () => {
    expectStart();
    const { api } = github();
    mockConfigFile(api, null);
    mockPullRequestReads(api, { pr: restPullRequest(pr, 3), files: prFiles(3) });
    api.post(`${REPO}/check-runs`).reply(201, { id: 42 });
    api.patch(`${REPO}/check-runs/42`).reply(200, { id: 42 });
    expectExplainComment();
    await app().receive("issue_comment", commentPayload("/defect explain"));
    const stored = await app().store.scores.forHead("Codertocat/Hello-World", HEAD);
    expect(stored).toHaveLength(1);
    expect(lastComment()).toContain(`head \`${HEAD.slice(0, 7)}\``);
    expect(lastComment()).toContain("| `src/module-0/file-2.ts` |");
    expect(stored[0].result.reasons.length).toBeGreaterThan(0);
    for (const reason of stored[0].result.reasons) expect(lastComment()).toContain(reason.text);
  });

  it("says so, and posts no explain comment, when the head cannot be scored (invalid config)", async () => {
    expectStart();
    const { api } = github();
    mockConfigFile(api, "gate:\n  threshold: 3\n");
    mockPullRequestReads(api, { pr: restPullRequest(pr, 3), files: prFiles(3) });
    api.post(`${REPO}/check-runs`).reply(201, { id: 43 });
    api.patch(`${REPO}/check-runs/43`).reply(200, { id: 43 });
    expectReply();
    await app().receive("issue_comment", commentPayload("/defect explain"));
    expect(lastComment()).toContain(`I could not score \`${HEAD.slice(0, 7)}\` yet`);
    expect(sent("GET", "/issues/2/comments")).toHaveLength(0);
  });

  it("explains one file in depth", async () => {
    await saveScore(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2));
    expectStart();
    expectExplainComment();
    await app().receive("issue_comment", commentPayload("/defect explain src/db/pool.ts"));
    expect(lastComment()).toMatch(/### `src\/db\/pool.ts`: defect risk/);
    expect(lastComment()).toContain("**Hunks, riskiest first**");
    expect(lastComment()).toContain("| la | 120 |");
  });

  it("answers an unknown file with the closest changed paths", async () => {
    await saveScore(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2));
    expectStart();
    expectExplainComment();
    await app().receive("issue_comment", commentPayload("/defect explain src/db/pol.ts"));
    expect(lastComment()).toContain("`src/db/pol.ts` is not changed in this pull request");
    expect(lastComment()).toContain("- `/defect explain src/db/pool.ts`");
  });

  it("answers a redelivered event once", async () => {
    await saveScore(await buildScoreResult(HEAD, "Codertocat/Hello-World", 2));
    expectStart();
    expectExplainComment();
    const payload = commentPayload("/defect explain");
    await app().receive("issue_comment", payload, "same-delivery");
    await app().receive("issue_comment", payload, "same-delivery");
    expect(sent("POST", "/issues/2/comments")).toHaveLength(1);
    expect(
      app()
        .messages()
        .some((m) => m.includes("answered already")),
    ).toBe(true);
  });
});

describe("comments that are not for us", () => {
  it("ignores bots, the app itself included, without calling GitHub", async () => {
    await app().receive("issue_comment", commentPayload("/defect explain", { bot: true }));
    expect(github().requests).toHaveLength(0);
  });

  it("ignores comments on issues, quoted commands and comments without one", async () => {
    const onIssue = commentPayload("/defect explain");
    delete onIssue.issue.pull_request;
    await app().receive("issue_comment", onIssue);
    await app().receive("issue_comment", commentPayload("> /defect explain\nquoting is not asking"));
    await app().receive("issue_comment", commentPayload("LGTM"));
    expect(github().requests).toHaveLength(0);
  });
});

describe("edited comments", () => {
  it("answers a command added by an edit", async () => {
    expectStart({ head: false });
    expectReply();
    await app().receive(
      "issue_comment",
      commentPayload("/defect help", { action: "edited", from: "/defect hepl" }),
    );
    expect(lastComment()).toContain("**Defect risk commands**");
  });

  it("ignores an edit that leaves the command as it was", async () => {
    await app().receive(
      "issue_comment",
      commentPayload("/defect explain\nthanks!", { action: "edited", from: "/defect explain" }),
    );
    expect(github().requests).toHaveLength(0);
  });
});

describe("help, feedback and retrain", () => {
  it("answers an unknown command with what went wrong and the help", async () => {
    expectStart({ head: false });
    expectReply();
    await app().receive("issue_comment", commentPayload("/defect explian"));
    expect(lastComment()).toMatch(/^`explian` is not a command I know\./);
    expect(lastComment()).toContain("`/defect explain path/to/file`");
  });

  it("refuses feedback politely without write access, and records nothing", async () => {
    expectStart({ head: false });
    github()
      .api.get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "read", role_name: "triage", user: null });
    expectReply();
    await app().receive("issue_comment", commentPayload("/defect feedback bug it broke login"));
    expect(lastComment()).toContain("needs write access");
    expect(await app().store.labels.listLabels({ repository: "Codertocat/Hello-World" })).toEqual([]);
  });

  it("records feedback from a writer as a label on the head commit", async () => {
    expectStart({ head: false });
    github()
      .api.get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "write", role_name: "write", user: null });
    github().api.get(`${REPO}/pulls/2`).reply(200, restPullRequest(pr, 3));
    expectReply();
    await app().receive("issue_comment", commentPayload("/defect feedback bug it broke login"));
    const [label] = await app().store.labels.listLabels({ repository: "Codertocat/Hello-World" });
    expect(label).toMatchObject({ commitSha: HEAD, label: "bug", source: "feedback", prNumber: 2 });
    expect(lastComment()).toContain("as **bug**");
  });

  it("queues a retrain job for a maintainer", async () => {
    expectStart({ head: false });
    github()
      .api.get(`${REPO}/collaborators/Codertocat/permission`)
      .reply(200, { permission: "admin", role_name: "admin", user: null });
    expectReply();
    await app().receive("issue_comment", commentPayload("/defect retrain"));
    const job = await app().store.jobs.get(`retrain:Codertocat/Hello-World:${COMMENT_ID}`);
    expect(job).toMatchObject({
      name: "retrain",
      payload: { repository: "Codertocat/Hello-World", requestedBy: "Codertocat" },
    });
    expect(lastComment()).toContain("is queued");
  });
});
