import { expect, it } from "vitest";
import { useGitHubMock } from "../helpers/github-mock.js";
import {
  mockConfigFile,
  mockInstallationToken,
  mockPullRequestReads,
  prFiles,
  pullRequestPayload,
  restPullRequest,
} from "../helpers/pull-request-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

// GHE_HOST=ghe.example.com makes Probot use this base URL; every call must go there, under /api/v3.
const github = useGitHubMock({ baseUrl: "https://ghe.example.com/api/v3" });
const app = useTestApp({ baseUrl: "https://ghe.example.com/api/v3" });

it("scores a pull request on GitHub Enterprise Server through its /api/v3 base URL", async () => {
  const payload = pullRequestPayload("opened");
  const { api } = github();
  mockInstallationToken(api);
  mockConfigFile(api, "");
  mockPullRequestReads(api, { pr: restPullRequest(payload, 3), files: prFiles(3) });
  api.post("/repos/Codertocat/Hello-World/check-runs").reply(201, { id: 3 });
  api.patch("/repos/Codertocat/Hello-World/check-runs/3").reply(200, { id: 3 });

  await app().receive("pull_request", payload);

  expect(github().requests.every((r) => r.path.startsWith("/api/v3/"))).toBe(true);
  expect(github().requests.at(-1)?.body).toMatchObject({ status: "completed", conclusion: "neutral" });
});
