import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { RiskBand } from "../../src/model/types.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { mockInstallationToken, pullRequestPayload } from "../helpers/pull-request-fixtures.js";
import { buildScoreResult } from "../model/explain-fixtures.js";
import { createAfterScoreApp } from "./after-score-app.js";

const REPO = "/repos/Codertocat/Hello-World";
const payload = pullRequestPayload("synchronize");
const HEAD = (payload.pull_request.head as { sha: string }).sha;
const github = useGitHubMock();

async function scoreAs(band: RiskBand, headSha = HEAD) {
  const result = { ...(await buildScoreResult(headSha, "Codertocat/Hello-World", 2)), band };
  const app = await createAfterScoreApp(
    () => result,
    configSchema.parse({ labels: { highRisk: "high-risk" } }),
  );
  await app.probot.receive({ id: `d-${Math.random()}`, name: "pull_request", payload: payload as never });
  return app.outcome();
}

describe("high-risk label", () => {
  it("is added when the score turns high", async () => {
    const { api } = github();
    mockInstallationToken(api);
    api
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 1, name: "bug" }]);
    api.post(`${REPO}/issues/2/labels`).reply(200, [{ id: 2, name: "high-risk" }]);
    const outcome = await scoreAs("high");
    expect(github().requests.find((r) => r.method === "POST" && r.path.endsWith("/labels"))?.body).toEqual({
      labels: ["high-risk"],
    });
    expect(outcome?.label).toBe("added");
  });

  it("is not added twice", async () => {
    const { api } = github();
    mockInstallationToken(api);
    api
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 2, name: "High-Risk" }]);
    expect((await scoreAs("high"))?.label).toBe("none");
  });

  it("is removed when the score drops, even if someone removed it meanwhile", async () => {
    const { api } = github();
    mockInstallationToken(api);
    api
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 2, name: "high-risk" }]);
    api.delete(`${REPO}/issues/2/labels/high-risk`).reply(404, { message: "Label does not exist" });
    expect((await scoreAs("medium"))?.label).toBe("removed");
  });

  it("leaves a pull request alone once it has moved past the scored head", async () => {
    const outcome = await scoreAs("high", "f".repeat(40));
    expect(github().requests).toHaveLength(0);
    expect(outcome).toEqual({ comments: "disabled", label: "disabled", problems: [] });
  });
});
