import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { configSchema } from "../../src/config/schema.js";
import { afterScore, type AfterScoreOutcome } from "../../src/pipeline/after-score.js";
import type { RiskBand } from "../../src/model/types.js";
import type { ScoreResult } from "../../src/report/types.js";
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

async function scoreAs(band: RiskBand): Promise<void> {
  const head = (synchronizeEvent().payload as { pull_request: { head: { sha: string } } }).pull_request.head
    .sha;
  result = { ...(await buildScoreResult(head, "Codertocat/Hello-World", 2)), band };
  const config = configSchema.parse({ labels: { highRisk: "high-risk" } });
  await probot.load((app) =>
    app.on("pull_request.synchronize", async (context) => {
      const ref = {
        ...context.repo(),
        number: context.payload.number,
        headSha: context.payload.pull_request.head.sha,
      };
      outcome = await afterScore(context.octokit, ref, result, config, context.log);
    }),
  );
}

beforeEach(() => {
  setUpNock();
  probot = createTestProbot();
  sent.length = 0;
  outcome = undefined;
});
afterEach(() => tearDownNock());

describe("high-risk label", () => {
  it("is added when the score turns high", async () => {
    await scoreAs("high");
    mockGitHub()
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 1, name: "bug" }])
      .post(
        `${REPO}/issues/2/labels`,
        bodyOf("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", sent),
      )
      .reply(200, [
        { id: 1, name: "bug" },
        { id: 2, name: "high-risk" },
      ]);
    await probot.receive(synchronizeEvent());
    expect(sent).toEqual([{ labels: ["high-risk"] }]);
    expect(outcome?.label).toBe("added");
  });

  it("is not added twice", async () => {
    await scoreAs("high");
    mockGitHub()
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 2, name: "High-Risk" }]);
    await probot.receive(synchronizeEvent());
    expect(outcome?.label).toBe("none");
  });

  it("is removed when the score drops, even if someone removed it meanwhile", async () => {
    await scoreAs("medium");
    mockGitHub()
      .get(`${REPO}/issues/2/labels`)
      .query(true)
      .reply(200, [{ id: 2, name: "high-risk" }])
      .delete(`${REPO}/issues/2/labels/high-risk`)
      .reply(404, { message: "Label does not exist" });
    await probot.receive(synchronizeEvent());
    expect(outcome?.label).toBe("removed");
  });

  it("leaves a pull request alone once it has moved past the scored head", async () => {
    await scoreAs("high");
    result.headSha = "f".repeat(40);
    await probot.receive(synchronizeEvent());
    expect(outcome).toEqual({ comments: "disabled", label: "disabled", problems: [] });
  });
});
