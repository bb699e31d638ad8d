import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { completeCheckRun, fitOutput, type CheckRunAnnotation } from "../../src/github/check-runs.js";
import { readPullRequest } from "../../src/github/read-pull-request.js";
import { retryRateLimits } from "../../src/github/retry-rate-limits.js";
import type { GitHubOctokit } from "../../src/github/types.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { validateGitHubRequest } from "../helpers/validate-github-request.js";

const github = useGitHubMock();
const RUN = "/repos/o/r/check-runs/1";
const silent = { debug() {}, info() {}, warn() {} };

function octokit(): GitHubOctokit {
  return new ProbotOctokit({
    auth: { token: "test" },
    retry: { enabled: false },
    throttle: { enabled: false },
  }) as GitHubOctokit;
}

const annotation = (i: number): CheckRunAnnotation => ({
  path: `src/f${i}.ts`,
  start_line: i + 1,
  end_line: i + 2,
  annotation_level: "notice",
  message: `hunk ${i}`,
});

describe("completeCheckRun", () => {
  it("sends 120 annotations 50 per request, the conclusion with the last batch", async () => {
    github().api.patch(RUN).times(3).reply(200, { id: 1 });
    const requests = await completeCheckRun(octokit(), {
      owner: "o",
      repo: "r",
      checkRunId: 1,
      conclusion: "neutral",
      output: {
        title: "Defect risk 0.40 · medium",
        summary: "s",
        text: "t",
        annotations: Array.from({ length: 120 }, (_, i) => annotation(i)),
      },
    });
    const bodies = github().requests.map(
      (r) => r.body as { conclusion?: string; output: { annotations?: unknown[] } },
    );
    expect(requests).toBe(3);
    expect(bodies.map((b) => b.output.annotations?.length)).toEqual([50, 50, 20]);
    expect(bodies.map((b) => b.conclusion)).toEqual([undefined, undefined, "neutral"]);
  });

  it("cuts a summary past 65,535 characters with a note instead of failing", () => {
    const fitted = fitOutput({ title: "t", summary: "x".repeat(70_000), text: "😀".repeat(40_000) });
    expect(fitted.summary.length).toBeLessThanOrEqual(65_535);
    expect(fitted.summary).toContain("GitHub shows at most 65,535 characters");
    expect(fitted.text!.length).toBeLessThanOrEqual(65_535);
    expect(fitted.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("validateGitHubRequest (the OpenAPI check every mock runs)", () => {
  it("rejects bodies GitHub would reject and routes it does not have", () => {
    const many = Array.from({ length: 51 }, (_, i) => annotation(i));
    expect(
      validateGitHubRequest({
        method: "PATCH",
        path: RUN,
        body: { output: { title: "t", summary: "s", annotations: many } },
      }),
    ).toHaveLength(1);
    expect(
      validateGitHubRequest({
        method: "POST",
        path: "/repos/o/r/check-runs",
        body: { name: "x", head_sha: "h", conclusion: "great" },
      })[0],
    ).toContain("conclusion");
    expect(
      validateGitHubRequest({ method: "POST", path: "/repos/o/r/check-runs", body: { name: "x" } })[0],
    ).toContain("head_sha");
    expect(validateGitHubRequest({ method: "GET", path: "/repos/o/r/no-such-thing" })[0]).toContain(
      "no such operation",
    );
    expect(
      validateGitHubRequest({
        method: "POST",
        path: "/repos/o/r/check-runs",
        body: { name: "x", head_sha: "h", status: "in_progress" },
      }),
    ).toEqual([]);
  });
});

describe("retryRateLimits", () => {
  it("waits until x-ratelimit-reset when the primary limit is exhausted", async () => {
    const sleeps: number[] = [];
    const reset = Math.floor(Date.now() / 1000) + 30;
    github()
      .api.get("/repos/o/r/pulls/1")
      .reply(
        403,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      );
    github().api.get("/repos/o/r/pulls/1").reply(200, { number: 1 });
    const client = retryRateLimits(octokit(), silent, { sleep: async (ms) => void sleeps.push(ms) });
    await client.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(25_000);
    expect(sleeps[0]).toBeLessThanOrEqual(31_000);
  });

  it("gives up (rethrows) when GitHub asks for a wait longer than the bound, or after maxRetries", async () => {
    github().api.get("/repos/o/r/pulls/1").reply(429, { message: "slow down" }, { "retry-after": "3600" });
    const client = retryRateLimits(octokit(), silent, { sleep: async () => {} });
    await expect(client.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 })).rejects.toMatchObject({
      status: 429,
    });
    github()
      .api.get("/repos/o/r/pulls/2")
      .times(3)
      .reply(403, { message: "secondary rate limit" }, { "retry-after": "1" });
    const bounded = retryRateLimits(octokit(), silent, { maxRetries: 2, sleep: async () => {} });
    await expect(bounded.rest.pulls.get({ owner: "o", repo: "r", pull_number: 2 })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("does not retry a 403 that is a missing permission", async () => {
    const sleeps: number[] = [];
    github().api.get("/repos/o/r/pulls/1").reply(403, { message: "Resource not accessible by integration" });
    const client = retryRateLimits(octokit(), silent, { sleep: async (ms) => void sleeps.push(ms) });
    await expect(client.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 })).rejects.toMatchObject({
      status: 403,
    });
    expect(sleeps).toEqual([]);
  });
});

describe("readPullRequest", () => {
  it("resolves null on a 404 and logs why", async () => {
    const lines: string[] = [];
    github().api.get("/repos/o/r/pulls/9").reply(404, { message: "Not Found" });
    const change = await readPullRequest(
      octokit(),
      { owner: "o", repo: "r", number: 9 },
      { ...silent, info: (_o, m) => void lines.push(m ?? "") },
    );
    expect(change).toBeNull();
    expect(lines[0]).toContain("404");
  });
});
