import { describe, expect, it } from "vitest";
import { useGitHubMock } from "../helpers/github-mock.js";
import {
  mockConfigFile,
  mockInstallationToken,
  mockPullRequestReads,
  prFile,
  prFiles,
  pullRequestPayload,
  restPullRequest,
  webhookPayload,
  type LoosePayload,
} from "../helpers/pull-request-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

const REPO = "/repos/Codertocat/Hello-World";
const CHECK_RUNS = `${REPO}/check-runs`;
const github = useGitHubMock();

const app = useTestApp();

type Completed = {
  conclusion: string;
  output: { title: string; summary: string; text?: string; annotations?: unknown[] };
};
const completion = () =>
  github()
    .requests.filter((r) => r.method === "PATCH")
    .at(-1)!.body as Completed;

/** Mocks a full scoring of `files` and delivers `pull_request.opened`. */
async function scoreFiles(
  files: Record<string, unknown>[],
  changedFiles = files.length,
  patches = 1,
): Promise<void> {
  const payload = pullRequestPayload("opened");
  const { api } = github();
  mockInstallationToken(api);
  mockConfigFile(api, "");
  mockPullRequestReads(api, { pr: restPullRequest(payload, changedFiles), files });
  api.post(CHECK_RUNS).reply(201, { id: 5 });
  api.patch(`${CHECK_RUNS}/5`).times(patches).reply(200, { id: 5 });
  await app().receive("pull_request", payload);
}

describe("pull requests GitHub makes awkward", () => {
  it("a PR with 0 files gets a check run that says nothing was scored", async () => {
    await scoreFiles([]);
    expect(completion().conclusion).toBe("neutral");
    expect(completion().output.text).toContain("No files were scored");
  });

  it("a PR with 3,000 files is read in 30 pages and scored", async () => {
    await scoreFiles(prFiles(3_000), 3_000);
    const pages = github().requests.filter((r) => r.path.includes("/pulls/2/files"));
    expect(pages).toHaveLength(30);
    const stored = await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2);
    expect(stored?.result.files).toHaveLength(3_000);
    expect(completion().output.summary.length).toBeLessThanOrEqual(65_535);
    expect(completion().output.text!.length).toBeLessThanOrEqual(65_535);
  });

  it("a PR of only binary files is scored from line counts, each file saying why it has no diff", async () => {
    await scoreFiles([
      prFile("assets/logo.png", { patch: null, added: 0, changes: 0 }),
      prFile("fonts/a.woff2", { patch: null, added: 0, changes: 0 }),
    ]);
    const stored = await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2);
    expect(stored?.result.files.map((f) => f.note)).toEqual([
      "binary file: no line-level diff",
      "binary file: no line-level diff",
    ]);
    expect(completion().conclusion).toBe("neutral");
  });

  it("a file whose patch GitHub omitted (too large) keeps its line counts and a note", async () => {
    await scoreFiles([
      prFile("src/big.ts", { patch: null, added: 4_000, changes: 4_000 }),
      prFile("src/small.ts"),
    ]);
    const stored = await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2);
    const big = stored?.result.files.find((f) => f.path === "src/big.ts");
    expect(big?.additions).toBe(4_000);
    expect(big?.note).toContain("patch omitted by GitHub (too large)");
  });

  it("a 50,000-line hunk is parsed and scored, and the output stays inside GitHub's limits", async () => {
    await scoreFiles([prFile("src/generated.ts", { added: 50_000 })]);
    const stored = await app().store.scores.latestForPullRequest("Codertocat/Hello-World", 2);
    expect(stored?.result.files[0].additions).toBe(50_000);
    expect(completion().output.summary.length).toBeLessThanOrEqual(65_535);
  });
});

describe("GitHub errors", () => {
  it("404 on the pull request: a clear log line, no check run", async () => {
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    api.get(`${REPO}/pulls/2`).reply(404, { message: "Not Found" });
    await app().receive("pull_request", pullRequestPayload("opened"));
    expect(
      app()
        .messages()
        .some((m) => m.includes("404") && m.includes("no longer covers this repository")),
    ).toBe(true);
    expect(github().requests.some((r) => r.path.startsWith(CHECK_RUNS))).toBe(false);
  });

  it("403 (missing permission) on the files: a completed check run saying which permission to accept", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    api.get(`${REPO}/pulls/2`).reply(200, restPullRequest(payload, 1));
    api
      .get(`${REPO}/pulls/2/files`)
      .query(true)
      .reply(403, { message: "Resource not accessible by integration" });
    api.get(`${REPO}/pulls/2/commits`).query(true).reply(200, []);
    api.post(CHECK_RUNS).reply(201, { id: 6 });
    api.patch(`${CHECK_RUNS}/6`).reply(200, { id: 6 });
    await app().receive("pull_request", payload);
    expect(completion().conclusion).toBe("neutral");
    expect(completion().output.title).toBe("Defect risk could not be computed");
    expect(completion().output.summary).toContain("403");
    expect(completion().output.summary).toContain("permission");
    expect(await app().store.jobs.count("failed")).toBe(1);
  });

  it("5xx once: the queue retries and the PR gets one check run", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    api.get(`${REPO}/pulls/2`).reply(502, { message: "Bad Gateway" });
    mockPullRequestReads(api, { pr: restPullRequest(payload, 2), files: prFiles(2) });
    api.post(CHECK_RUNS).reply(201, { id: 7 });
    api.patch(`${CHECK_RUNS}/7`).reply(200, { id: 7 });
    await app().receive("pull_request", payload);
    expect(github().requests.filter((r) => r.method === "POST" && r.path === CHECK_RUNS)).toHaveLength(1);
    expect(completion().output.title).toMatch(/^Defect risk [01]\.\d\d/);
    expect(
      app()
        .messages(40)
        .some((m) => m.includes("server error (502)")),
    ).toBe(true);
  });

  it("5xx on every attempt: after the last one a completed check run says so, never in_progress", async () => {
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    api.get(`${REPO}/pulls/2`).times(3).reply(503, { message: "Service Unavailable" });
    api.post(CHECK_RUNS).reply(201, { id: 8 });
    api.patch(`${CHECK_RUNS}/8`).reply(200, { id: 8 });
    await app().receive("pull_request", pullRequestPayload("opened"));
    expect(completion()).toMatchObject({
      conclusion: "neutral",
      output: { title: "Defect risk could not be computed" },
    });
    expect(
      app()
        .messages(50)
        .some((m) => m.includes("failed for good after 3 attempt(s)")),
    ).toBe(true);
  });

  it("a secondary rate limit (403 + retry-after) is waited out and retried", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    mockConfigFile(api, "");
    api
      .get(`${REPO}/pulls/2`)
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "7" });
    mockPullRequestReads(api, { pr: restPullRequest(payload, 1), files: prFiles(1) });
    api.post(CHECK_RUNS).reply(429, { message: "Too many requests" }, { "retry-after": "2" });
    api.post(CHECK_RUNS).reply(201, { id: 9 });
    api.patch(`${CHECK_RUNS}/9`).reply(200, { id: 9 });
    await app().receive("pull_request", payload);
    expect(app().sleeps).toEqual([7_000, 2_000]);
    expect(completion().output.title).toMatch(/^Defect risk/);
    expect(
      app()
        .messages(40)
        .some((m) => m.includes("GitHub rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}")),
    ).toBe(true);
  });
});

describe("config files GitHub serves but we cannot use", () => {
  it("a config that is not YAML: a failed check run naming the file and the parse error", async () => {
    await scoreFilesWithConfig("gate: [unclosed\n", 1);
    expect(completion().conclusion).toBe("failure");
    expect(completion().output.summary).toContain("`(file)`");
    expect(completion().output.summary).toContain("invalid YAML");
  });

  it("a config read that fails with 5xx in the handler is read again by the job", async () => {
    const payload = pullRequestPayload("opened");
    const { api } = github();
    mockInstallationToken(api);
    api.get((uri) => uri.includes("defect-predictor.yml")).reply(500, { message: "boom" });
    mockConfigFile(api, "checkRunName: Risk check\n");
    mockPullRequestReads(api, { pr: restPullRequest(payload, 1), files: prFiles(1) });
    api.post(CHECK_RUNS).reply(201, { id: 12 });
    api.patch(`${CHECK_RUNS}/12`).reply(200, { id: 12 });
    await app().receive("pull_request", payload);
    const create = github().requests.find((r) => r.path === CHECK_RUNS)!.body as { name: string };
    expect(create.name).toBe("Risk check");
    expect(
      app()
        .messages(40)
        .some((m) => m.includes("The scoring job will read it again")),
    ).toBe(true);
  });
});

async function scoreFilesWithConfig(yaml: string, files: number): Promise<void> {
  const payload = pullRequestPayload("opened");
  const { api } = github();
  mockInstallationToken(api);
  mockConfigFile(api, yaml);
  mockPullRequestReads(api, { pr: restPullRequest(payload, files), files: prFiles(files) });
  api.post(CHECK_RUNS).reply(201, { id: 5 });
  api.patch(`${CHECK_RUNS}/5`).reply(200, { id: 5 });
  await app().receive("pull_request", payload);
}

describe("installations", () => {
  it("a webhook for a repository the installation no longer covers is logged and ignored", async () => {
    const removed = webhookPayload<LoosePayload>("installation_repositories", (e) => e.action === "removed");
    // Adapted: the installation and repository of the pull_request example.
    removed.installation.id = 1;
    removed.repositories_removed[0].full_name = "Codertocat/Hello-World";
    await app().receive("installation_repositories", removed);
    await app().receive("pull_request", pullRequestPayload("opened"));
    expect(github().requests).toHaveLength(0);
    expect(
      app()
        .messages()
        .some((m) => m.includes("installation 1 no longer covers Codertocat/Hello-World")),
    ).toBe(true);
  });
});
