import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleMaturity } from "../../src/app/schedule-maturity.js";
import { createScriptedRepo, dayToSeconds, lines, type ScriptedRepo } from "../labels/scripted-repo.js";
import { createTestApp } from "../helpers/create-test-app.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { createMirrorFixture, type MirrorFixture } from "../helpers/mirror-fixtures.js";
import {
  mockInstallationToken,
  webhookPayload,
  type LoosePayload,
} from "../helpers/pull-request-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

const REPO = "Codertocat/Hello-World";
const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(dayToSeconds(day) * 1000).toISOString();
const github = useGitHubMock();
let source: ScriptedRepo;
let mirrors: MirrorFixture;
const sha: Record<string, string> = {};

beforeAll(() => {
  source = createScriptedRepo();
  source.commit("initial", { "src/app.ts": lines(8) }, 0);
  sha.inducer = source.commit(
    "Add retry loop (#3)",
    { "src/app.ts": lines(8, { 5: "  while (true) retry();" }) },
    10,
  );
  sha.fix = source.commit(
    "Improve retry handling (#9)",
    { "src/app.ts": lines(8, { 5: "  while (n--) retry();" }) },
    120,
  );
  sha.direct = source.commit(
    "fix crash when retry gives up",
    { "src/app.ts": lines(8, { 5: "  while (n-- > 0) retry();" }) },
    130,
  );
  mirrors = createMirrorFixture();
  mirrors.publish(REPO, source.dir);
});
afterAll(() => {
  source.remove();
  mirrors.remove();
});
const app = useTestApp({ extend: (deps) => mirrors.extend(deps) });

/** The real `pull_request.closed` example, adapted into the merge of fix PR #9 (or a close without merge). */
function closedPayload(merged: boolean): LoosePayload {
  const payload = webhookPayload<LoosePayload>(
    "pull_request",
    (e) => e.action === "closed" && !!e.installation,
  );
  Object.assign(payload.pull_request, {
    number: 9,
    title: "Improve retry handling",
    body: "Closes #4",
    merged,
    // Merged ten days ago: younger than the 90-day window, so the outcome is still maturing.
    merged_at: merged ? new Date(Date.now() - 10 * DAY_MS).toISOString() : null,
    merge_commit_sha: merged ? sha.fix : "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
  });
  payload.pull_request.head.sha = merged ? sha.fix : sha.inducer;
  payload.number = 9;
  return payload;
}

function mockClosingIssues(labels: string[]) {
  github()
    .api.post(
      "/graphql",
      (b: { query: string; variables: { number: number } }) =>
        b.query.includes("closingIssuesReferences") && b.variables.number === 9,
    )
    .reply(200, {
      data: {
        repository: {
          pullRequest: {
            closingIssuesReferences: {
              nodes: [
                { number: 4, createdAt: iso(100), labels: { nodes: labels.map((name) => ({ name })) } },
              ],
            },
          },
        },
      },
    });
}

const labelRows = async () =>
  (await app().store.labels.listLabels({ repository: REPO })).map((l) => [
    l.source,
    l.label,
    l.commitSha,
    l.prNumber,
  ]);

describe("pull_request.closed → labels", () => {
  it("labels the inducing PR of a merged bug fix (SZZ on the mirror), once under redelivery", async () => {
    const { api } = github();
    mockInstallationToken(api);
    mockClosingIssues(["type: bug"]);
    api
      .get(`/repos/${REPO}/commits/${sha.inducer}/pulls`)
      .reply(200, [{ number: 3, merged_at: iso(10), merge_commit_sha: sha.inducer }]);
    const payload = closedPayload(true);

    await app().receive("pull_request", payload, "closed-1");
    await app().receive("pull_request", payload, "closed-1"); // redelivery: same delivery id
    await app().receive("pull_request", payload, "closed-2"); // same close, sent again: the job exists

    expect(await labelRows()).toEqual([
      ["szz", "bug", sha.inducer, 3],
      ["outcome", "unlabeled", sha.fix, 9],
    ]);
    const job = await app().store.jobs.get(`learn-pr:${REPO}#9@${sha.fix}`);
    expect(job?.status).toBe("done");
    expect(
      app()
        .messages()
        .some((m) => m.includes("learned from Codertocat/Hello-World#9 (merged)")),
    ).toBe(true);
  });

  it("keeps a pull request closed without merging apart, with no call to GitHub", async () => {
    await app().receive("pull_request", closedPayload(false));
    expect(await labelRows()).toEqual([["outcome", "unmerged", sha.inducer, 9]]);
    expect(github().requests).toHaveLength(0);
  });
});

describe("push to the default branch → labels", () => {
  it("traces a fix pushed without a pull request to the PR that induced it", async () => {
    const push = webhookPayload<LoosePayload>(
      "push",
      (e) => e.ref === "refs/heads/master" && !!e.installation,
    );
    // Adapted: the pushed commit is the scripted direct fix.
    push.after = sha.direct;
    push.commits[0].id = sha.direct;
    push.head_commit.id = sha.direct;
    const { api } = github();
    mockInstallationToken(api);
    api.get(`/repos/${REPO}/commits/${sha.direct}/pulls`).reply(200, []);
    api
      .get(`/repos/${REPO}/commits/${sha.fix}/pulls`)
      .reply(200, [{ number: 9, merged_at: iso(120), merge_commit_sha: sha.fix }]);

    await app().receive("push", push, "push-a");
    await app().receive("push", push, "push-b"); // another delivery of the same push: one job

    const rows = await labelRows();
    expect(rows).toContainEqual(["szz", "bug", sha.fix, 9]);
    // The scripted commit is from 2020: long past the maturity window, and not implicated, so clean.
    expect(rows).toContainEqual(["outcome", "clean", sha.direct, null]);
    expect(rows).toHaveLength(2);
  });
});

describe("maturing outcomes", () => {
  it("the daily schedule turns merged changes clean after the window", async () => {
    const { api } = github();
    mockInstallationToken(api);
    mockClosingIssues(["enhancement"]);
    await app().receive("pull_request", closedPayload(true));
    expect(await labelRows()).toEqual([["outcome", "unlabeled", sha.fix, 9]]);

    // 91 days after the merge: past the default 90-day window.
    const later = new Date(Date.now() + 81 * DAY_MS);
    const realNow = Date.now;
    Date.now = () => later.getTime();
    try {
      const schedule = scheduleMaturity(app().deps, { now: () => later });
      await schedule.tick();
      schedule.stop();
      await app().queue.onIdle();
    } finally {
      Date.now = realNow;
    }
    expect(await labelRows()).toEqual([["outcome", "clean", sha.fix, 9]]);
    expect(await app().store.jobs.get(`mature:${REPO}:${later.toISOString().slice(0, 10)}`)).toMatchObject({
      status: "done",
    });
  });
});

describe("without a mirror", () => {
  it("traces a merged fix through GitHub's API (commit diff, GraphQL blame) and labels the inducing PR", async () => {
    const FIX = "f".repeat(40);
    const PARENT = "e".repeat(40);
    const BAD = "b".repeat(40);
    const bare = await createTestApp();
    try {
      const { api } = github();
      mockInstallationToken(api);
      mockClosingIssues(["bug"]);
      api
        .get(`/repos/${REPO}/commits/${FIX}`)
        .reply(200, {
          sha: FIX,
          parents: [{ sha: PARENT }],
          commit: { message: "Improve retry handling (#9)", committer: { date: iso(120) } },
          stats: { total: 2 },
          files: [
            {
              filename: "src/app.ts",
              status: "modified",
              patch:
                "@@ -4,3 +4,3 @@\n   int v4 = 4;\n-  while (true) retry();\n+  while (n--) retry();\n   int v6 = 6;",
            },
          ],
        })
        .persist();
      api.get("/repos/Codertocat/Hello-World/contents/.git-blame-ignore-revs").query(true).reply(404, {});
      api
        .post("/graphql", (b: { query: string; variables: { rev?: string } }) => b.variables.rev === PARENT)
        .reply(200, {
          data: {
            repository: {
              object: {
                blame: {
                  ranges: [
                    {
                      startingLine: 1,
                      endingLine: 8,
                      commit: { oid: BAD, committedDate: iso(10), authoredDate: iso(10) },
                    },
                  ],
                },
              },
            },
          },
        });
      api.get(`/repos/${REPO}/commits/${BAD}`).reply(200, {
        sha: BAD,
        parents: [{ sha: PARENT.replace(/e/g, "d") }],
        commit: { message: "Add retry loop (#3)", committer: { date: iso(10) } },
        stats: { total: 1 },
        files: [{ filename: "src/app.ts", status: "modified" }],
      });
      api
        .get(`/repos/${REPO}/commits/${BAD}/pulls`)
        .reply(200, [{ number: 3, merged_at: iso(10), merge_commit_sha: BAD }]);
      const payload = closedPayload(true);
      payload.pull_request.merge_commit_sha = FIX;

      await bare.receive("pull_request", payload);

      const rows = (await bare.store.labels.listLabels({ repository: REPO })).map((l) => [
        l.source,
        l.label,
        l.commitSha,
        l.prNumber,
      ]);
      expect(rows).toEqual([
        ["szz", "bug", BAD, 3],
        ["outcome", "unlabeled", FIX, 9],
      ]);
    } finally {
      await bare.close();
    }
  });
});
