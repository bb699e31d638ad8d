import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GitHubGraphql, GitHubRest } from "../../src/labels/github-api.js";
import { parseLabelOptions } from "../../src/labels/label-options.js";
import {
  learnFromClosedPullRequest,
  learnFromPush,
  matureOutcomes,
} from "../../src/pipeline/learn-from-merge.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { createScriptedRepo, dayToSeconds, lines, type ScriptedRepo } from "../labels/scripted-repo.js";

let repo: ScriptedRepo;
let store: Store;
const sha: Record<string, string> = {};
const iso = (day: number) => new Date(dayToSeconds(day) * 1000).toISOString();

beforeAll(() => {
  nock.disableNetConnect();
  repo = createScriptedRepo();
  repo.commit("initial", { "src/app.ts": lines(8) }, 0);
  sha.inducer = repo.commit(
    "Add retry loop (#3)",
    { "src/app.ts": lines(8, { 5: "  while (true) retry();" }) },
    10,
  );
  sha.fix = repo.commit(
    "Improve retry handling (#9)",
    { "src/app.ts": lines(8, { 5: "  while (n--) retry();" }) },
    120,
  );
  sha.direct = repo.commit(
    "fix crash when retry gives up",
    { "src/app.ts": lines(8, { 5: "  while (n-- > 0) retry();" }) },
    130,
  );
});
afterAll(() => {
  repo.remove();
  nock.enableNetConnect();
});
beforeEach(() => {
  store = openSqliteStore(":memory:");
});
afterEach(async () => {
  await store.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function github(): { rest: GitHubRest; graphql: GitHubGraphql } {
  const octokit = new Octokit({ auth: "test-token" });
  return {
    rest: { request: (route, params) => octokit.request(route, params) },
    graphql: { graphql: (query, vars) => octokit.graphql(query, vars) },
  };
}

const api = () => nock("https://api.github.com");

function closingIssues(labels: string[], createdDay: number, times = 1) {
  return api()
    .post(
      "/graphql",
      (b: { query: string; variables: { number: number } }) =>
        b.query.includes("closingIssuesReferences") && b.variables.number === 9,
    )
    .times(times)
    .reply(200, {
      data: {
        repository: {
          pullRequest: {
            closingIssuesReferences: {
              nodes: [
                {
                  number: 4,
                  createdAt: iso(createdDay),
                  labels: { nodes: labels.map((name) => ({ name })) },
                },
              ],
            },
          },
        },
      },
    });
}

const mergedPr = {
  repository: "octo/app",
  number: 9,
  title: "Improve retry handling",
  body: "Closes #4",
  merged: true,
  mergedAt: iso(120),
  mergeCommitSha: "",
  headSha: "",
};

describe("learnFromClosedPullRequest", () => {
  it("labels the inducing PR of a merged fix found through a linked bug issue, once under redelivery", async () => {
    const deps = {
      store: store.labels,
      options: parseLabelOptions(),
      github: github(),
      mirrorPath: repo.dir,
      now: () => dayToSeconds(125),
    };
    const pr = { ...mergedPr, mergeCommitSha: sha.fix, headSha: sha.fix };
    closingIssues(["type: bug"], 100, 2);
    api()
      .get(`/repos/octo/app/commits/${sha.inducer}/pulls`)
      .reply(200, [{ number: 3, merged_at: iso(10), merge_commit_sha: sha.inducer }]);

    const first = await learnFromClosedPullRequest(deps, pr);
    expect(first).toMatchObject({ outcome: "unlabeled", fix: { isFix: true, bugIssues: [4], keywords: [] } });
    const again = await learnFromClosedPullRequest(deps, pr);
    expect(again.szz?.skipped).toBe(true);

    const labels = await store.labels.listLabels({ includeSuperseded: true });
    expect(labels.map((l) => [l.source, l.label, l.commitSha, l.prNumber])).toEqual([
      ["szz", "bug", sha.inducer, 3],
      ["outcome", "unlabeled", sha.fix, 9],
    ]);
  });

  it("drops candidates committed after the linked issue was opened, and ignores non-bug issues", async () => {
    const deps = {
      store: store.labels,
      options: parseLabelOptions(),
      github: github(),
      mirrorPath: repo.dir,
    };
    closingIssues(["bug"], 5);
    const r = await learnFromClosedPullRequest(deps, {
      ...mergedPr,
      mergeCommitSha: sha.fix,
      headSha: sha.fix,
    });
    expect(r.szz?.result?.dropped).toEqual([{ sha: sha.inducer, reason: "after-issue", lines: 1 }]);

    closingIssues(["enhancement"], 100);
    const other = openSqliteStore(":memory:");
    const plain = await learnFromClosedPullRequest(
      { ...deps, store: other.labels },
      { ...mergedPr, mergeCommitSha: sha.fix, headSha: sha.fix },
    );
    expect(plain.fix?.isFix).toBe(false);
    expect((await other.labels.listLabels({ source: "szz" })).length).toBe(0);
    await other.close();
  });

  it("keeps a PR closed without merging apart", async () => {
    const deps = { store: store.labels, options: parseLabelOptions() };
    const r = await learnFromClosedPullRequest(deps, {
      ...mergedPr,
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      headSha: sha.inducer,
    });
    expect(r.outcome).toBe("unmerged");
    expect((await store.labels.listLabels())[0]).toMatchObject({
      label: "unmerged",
      prNumber: 9,
      source: "outcome",
    });
  });
});

describe("learnFromPush and matureOutcomes", () => {
  it("traces commits pushed directly to the default branch and leaves PR commits to the PR job", async () => {
    const deps = {
      store: store.labels,
      options: parseLabelOptions(),
      github: github(),
      mirrorPath: repo.dir,
      now: () => dayToSeconds(131),
    };
    expect(
      await learnFromPush(deps, {
        repository: "octo/app",
        ref: "refs/heads/dev",
        defaultBranch: "main",
        commitShas: [sha.direct],
      }),
    ).toEqual([]);
    api().get(`/repos/octo/app/commits/${sha.direct}/pulls`).reply(200, []);
    api()
      .get(`/repos/octo/app/commits/${sha.fix}/pulls`)
      .reply(200, [{ number: 9, merged_at: iso(120), merge_commit_sha: sha.fix }]);
    const results = await learnFromPush(deps, {
      repository: "octo/app",
      ref: "refs/heads/main",
      defaultBranch: "main",
      commitShas: [sha.inducer, sha.direct],
    });
    expect(results).toHaveLength(1);
    expect(results[0].szz?.result?.candidates.map((c) => [c.sha, c.rank])).toEqual([[sha.fix, 1]]);
    expect((await store.labels.listLabels({ source: "szz" }))[0]).toMatchObject({
      commitSha: sha.fix,
      prNumber: 9,
    });

    const later = await matureOutcomes(
      { store: store.labels, options: parseLabelOptions(), now: () => dayToSeconds(400) },
      "octo/app",
    );
    expect(later.superseded).toBe(1);
    expect((await store.labels.listLabels({ source: "outcome", commitSha: sha.direct }))[0].label).toBe(
      "clean",
    );
  });
});
