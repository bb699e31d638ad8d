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
  type LoosePayload,
} from "../helpers/pull-request-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

const CHECK_RUNS = "/repos/Codertocat/Hello-World/check-runs";
const github = useGitHubMock();

const app = useTestApp();

describe("pull_request.opened → Defect risk check run", () => {
  it("scores a 20-file PR with 6 GitHub API calls (plus the installation token)", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "ignore:\n  - docs/**\n");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 20), files: prFiles(20) });
    api.post(CHECK_RUNS).reply(201, { id: 42 });
    api.patch(`${CHECK_RUNS}/42`).reply(200, { id: 42 });

    await app().receive("pull_request", payload);

    const calls = github()
      .apiCalls()
      .map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(calls).toHaveLength(6);
    expect(github().requests).toHaveLength(7);
    const create = github().requests.find((r) => r.method === "POST" && r.path === CHECK_RUNS)!
      .body as Record<string, unknown>;
    expect(create).toMatchObject({
      name: "Defect risk",
      head_sha: payload.pull_request.head.sha,
      status: "in_progress",
    });
    const complete = github().requests.find((r) => r.method === "PATCH")!.body as {
      conclusion: string;
      output: { title: string; summary: string; annotations?: unknown[] };
    };
    expect(complete.conclusion).toBe("neutral");
    expect(complete.output.title).toMatch(/^Defect risk [01]\.\d\d · (low|medium|high)$/);
    expect(complete.output.summary).toContain("Model `");
    const stored = await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2);
    expect(stored?.checkRunId).toBe(42);
    expect(stored?.result.files).toHaveLength(20);
    console.log(
      `GitHub API calls to score a 20-file PR: ${calls.length} (+1 installation token): ${calls.join(", ")}`,
    );
  });

  it("answers a redelivery (same delivery id) without a second check run", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    mockConfigFile(api, "");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    api.post(CHECK_RUNS).reply(201, { id: 7 });
    api.patch(`${CHECK_RUNS}/7`).reply(200, { id: 7 });

    await app().receive("pull_request", payload, "delivery-1");
    await app().receive("pull_request", payload, "delivery-1");

    expect(github().requests.filter((r) => r.method === "POST" && r.path === CHECK_RUNS)).toHaveLength(1);
    expect(
      app()
        .messages()
        .some((m) => m.includes("delivery-1") && m.includes("redelivery")),
    ).toBe(true);
  });

  it("updates the existing check run when the same head, config and model are scored again", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "gate:\n  enabled: false\n");
    mockConfigFile(api, "gate:\n  enabled: false\n");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    api.post(CHECK_RUNS).reply(201, { id: 8 });
    api.patch(`${CHECK_RUNS}/8`).times(3).reply(200, { id: 8 });

    await app().receive("pull_request", payload, "delivery-a");
    await app().receive("pull_request", { ...payload, action: "reopened" }, "delivery-b");

    const writes = github()
      .requests.filter((r) => r.path.startsWith(CHECK_RUNS))
      .map((r) => r.method);
    expect(writes).toEqual(["POST", "PATCH", "PATCH", "PATCH"]);
    const restart = github().requests.filter((r) => r.method === "PATCH")[1].body as { status: string };
    expect(restart.status).toBe("in_progress");
  });

  it("fails the check run when the gate is on and the risk passes it", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "gate:\n  enabled: true\n  threshold: 0\n");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 3), files: prFiles(3) });
    api.post(CHECK_RUNS).reply(201, { id: 9 });
    api.patch(`${CHECK_RUNS}/9`).reply(200, { id: 9 });

    await app().receive("pull_request", payload);

    const complete = github().requests.find((r) => r.method === "PATCH")!.body as {
      conclusion: string;
      output: { summary: string };
    };
    expect(complete.conclusion).toBe("failure");
    expect(complete.output.summary).toContain("gate");
  });

  it("reports an invalid config on the check run: which key, what is wrong, how to fix it", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "gat:\n  enabled: true\nskipDrafts: sometimes\n");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 1), files: prFiles(1) });
    api.post(CHECK_RUNS).reply(201, { id: 10 });
    api.patch(`${CHECK_RUNS}/10`).reply(200, { id: 10 });

    await app().receive("pull_request", payload);

    const complete = github().requests.find((r) => r.method === "PATCH")!.body as {
      conclusion: string;
      output: { title: string; summary: string };
    };
    expect(complete.conclusion).toBe("failure");
    expect(complete.output.title).toContain("Invalid .github/defect-predictor.yml");
    expect(complete.output.summary).toContain("`gat`");
    expect(complete.output.summary).toContain("Did you mean `gate`?");
    expect(complete.output.summary).toContain("`skipDrafts`");
    expect(complete.output.summary).toContain("expected boolean, got string");
    expect(await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2)).toBeNull();
  });

  it("scores with the defaults when the config file is empty or absent", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, null);
    mockPullRequestReads(api, { pr: restPullRequest(payload, 1), files: prFiles(1) });
    api.post(CHECK_RUNS).reply(201, { id: 11 });
    api.patch(`${CHECK_RUNS}/11`).reply(200, { id: 11 });

    await app().receive("pull_request", payload);

    const create = github().requests.find((r) => r.method === "POST" && r.path === CHECK_RUNS)!.body as {
      name: string;
    };
    expect(create.name).toBe("Defect risk");
    expect((await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2))?.checkRunId).toBe(11);
  });

  it("skips drafts and bots (skipDrafts/skipBots default on), with a debug line saying why", async () => {
    const draft = pullRequestPayload("opened");
    draft.pull_request.draft = true;
    const bot = pullRequestPayload("opened");
    bot.pull_request.user = { ...bot.pull_request.user, login: "dependabot[bot]", type: "Bot" };
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    mockConfigFile(api, "");

    await app().receive("pull_request", draft);
    await app().receive("pull_request", bot);

    expect(
      github()
        .apiCalls()
        .every((r) => r.method === "GET" && r.path.includes("contents")),
    ).toBe(true);
    expect(
      app()
        .messages(20)
        .some((m) => m.includes("draft pull request and skipDrafts is on")),
    ).toBe(true);
    expect(
      app()
        .messages(20)
        .some((m) => m.includes("dependabot[bot]") && m.includes("skipBots")),
    ).toBe(true);
  });

  it("re-scores on check_run.rerequested, reusing that check run", async () => {
    const rerun = webhookPayload<LoosePayload>("check_run", (e) => e.action === "rerequested");
    // Adapted: our run's external id, and the PR it belongs to (the example's list is empty).
    rerun.check_run.external_id = "defect-predictor:abc:model";
    rerun.check_run.pull_requests = [{ number: 2, id: 1, url: "", head: {}, base: {} }];
    const owner = rerun.repository.owner.login as string;
    const repo = rerun.repository.name as string;
    const pr = {
      ...pullRequestPayload("opened").pull_request,
      head: { sha: rerun.check_run.head_sha },
      number: 2,
    };
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "", owner, repo);
    mockPullRequestReads(api, {
      owner,
      repo,
      pr: { ...restPullRequest({ pull_request: pr }, 1) },
      files: prFiles(1),
    });
    const runs = `/repos/${owner}/${repo}/check-runs/${rerun.check_run.id}`;
    api.patch(runs).times(2).reply(200, { id: rerun.check_run.id });

    await app().receive("check_run", rerun);

    expect(
      github()
        .requests.filter((r) => r.path === runs)
        .map((r) => (r.body as { status?: string }).status),
    ).toEqual(["in_progress", "completed"]);
  });

  it("re-scores every PR of a check suite on check_suite.rerequested, updating the check run there is", async () => {
    const payload = pullRequestPayload("opened");
    const suite = webhookPayload<LoosePayload>("check_suite", (e) => e.action === "rerequested");
    const { api } = github();
    mockInstallationToken(api);
    mockInstallationToken(api, suite.installation.id);
    mockConfigFile(api, "");
    mockConfigFile(api, "");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    api.post(CHECK_RUNS).reply(201, { id: 21 });
    api.patch(`${CHECK_RUNS}/21`).times(3).reply(200, { id: 21 });

    await app().receive("pull_request", payload);
    await app().receive("check_suite", suite);

    const writes = github()
      .requests.filter((r) => r.path.startsWith(CHECK_RUNS))
      .map((r) => r.method);
    expect(writes).toEqual(["POST", "PATCH", "PATCH", "PATCH"]);
  });

  it("ignores, with a debug line, webhooks without an installation, closed PRs and check runs of other apps", async () => {
    const noInstallation = webhookPayload<LoosePayload>(
      "pull_request",
      (e) => e.action === "opened" && !e.installation,
    );
    const closed = pullRequestPayload("opened");
    closed.pull_request.state = "closed";
    const foreign = webhookPayload<LoosePayload>("check_run", (e) => e.action === "rerequested");
    foreign.check_run.external_id = "someone-else";

    await app().receive("pull_request", noInstallation);
    await app().receive("pull_request", closed);
    await app().receive("check_run", foreign);

    expect(github().requests).toHaveLength(0);
    const debug = app().messages(20);
    expect(debug.some((m) => m.includes("carries no installation"))).toBe(true);
    expect(debug.some((m) => m.includes("pull request is closed"))).toBe(true);
    expect(debug.some((m) => m.includes("for a check run this app did not create"))).toBe(true);
  });

  it("after the check run, posts the opt-in review comments and high-risk label from the config", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(
      api,
      "bands: {medium: 0.0001, high: 0.0002}\ncomments: {enabled: true, minRisk: 0, max: 2}\nlabels: {highRisk: risky}\n",
    );
    mockPullRequestReads(api, { pr: restPullRequest(payload, 3), files: prFiles(3) });
    api.post(CHECK_RUNS).reply(201, { id: 31 });
    api.patch(`${CHECK_RUNS}/31`).reply(200, { id: 31 });
    api.get("/repos/Codertocat/Hello-World/pulls/2/comments").query(true).reply(200, []);
    api.post("/repos/Codertocat/Hello-World/pulls/2/reviews").reply(200, { id: 1 });
    api.get("/repos/Codertocat/Hello-World/issues/2/labels").query(true).reply(200, []);
    api.post("/repos/Codertocat/Hello-World/issues/2/labels").reply(200, [{ name: "risky" }]);

    await app().receive("pull_request", payload);

    const review = github().requests.find((r) => r.path.endsWith("/reviews"))!.body as {
      comments: unknown[];
    };
    expect(review.comments).toHaveLength(2);
    expect(
      github().requests.find((r) => r.path.endsWith("/issues/2/labels") && r.method === "POST")?.body,
    ).toEqual({
      labels: ["risky"],
    });
    expect(github().apiCalls()).toHaveLength(10);
  });
});
