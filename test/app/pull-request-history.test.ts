import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHistorySource } from "../../src/app/create-history-source.js";
import { createScriptedRepo, lines, type ScriptedRepo } from "../labels/scripted-repo.js";
import { createTestApp, type TestApp } from "../helpers/create-test-app.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { createMirrorFixture, type MirrorFixture } from "../helpers/mirror-fixtures.js";
import {
  mockConfigFile,
  mockInstallationToken,
  mockPullRequestReads,
  prCommit,
  prFile,
  prFiles,
  pullRequestPayload,
  restPullRequest,
} from "../helpers/pull-request-fixtures.js";

const REPO = "Codertocat/Hello-World";
const CHECK_RUNS = `/repos/${REPO}/check-runs`;
const github = useGitHubMock();
let source: ScriptedRepo;
let mirrors: MirrorFixture;
let base: string;
let app: TestApp | undefined;

beforeAll(() => {
  source = createScriptedRepo();
  source.commit("initial", { "src/app.ts": lines(8), "src/util.ts": lines(4) }, 0);
  source.commit("Add retry loop", { "src/app.ts": lines(8, { 5: "  while (true) retry();" }) }, 10);
  source.git("config", "user.email", "someone-else@example.com");
  source.commit("fix retry", { "src/app.ts": lines(8, { 5: "  while (n--) retry();" }) }, 20);
  base = source.commit("Tidy util", { "src/util.ts": lines(4, { 2: "  const tidy = 2;" }) }, 30);
  mirrors = createMirrorFixture();
  mirrors.publish(REPO, source.dir);
});
afterAll(() => {
  source.remove();
  mirrors.remove();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** PR #2 on the scripted base: `src/app.ts` plus 19 other files (new ones, or modified with `modified`). */
function mockTwentyFilePullRequest(others: "added" | "modified" = "added") {
  const payload = pullRequestPayload("opened");
  payload.pull_request.base.sha = base;
  const { api } = github();
  mockInstallationToken(api);
  mockConfigFile(api, "");
  const files = [
    prFile("src/app.ts", {
      patch: "@@ -5,1 +5,2 @@\n-  while (n--) retry();\n+  while (n-- > 0) retry();\n+  log();",
    }),
    ...prFiles(19).map((f) => ({ ...f, status: others })),
  ];
  mockPullRequestReads(api, {
    pr: restPullRequest(payload, 20),
    files,
    commits: [prCommit("ec26c3e57ca3a959ca5aad62de7213c562f8c821")],
  });
  api.post(CHECK_RUNS).reply(201, { id: 42 });
  api.patch(`${CHECK_RUNS}/42`).reply(200, { id: 42 });
  return payload;
}

function completion() {
  return github().requests.find((r) => r.method === "PATCH")!.body as {
    conclusion: string;
    output: { summary: string; text?: string };
  };
}

const calls = () =>
  github()
    .apiCalls()
    .map((r) => `${r.method} ${r.path.split("?")[0]}`);

describe("history features from a mirror", () => {
  it("scores a 20-file PR with history from the mirror and still 6 GitHub API calls", async () => {
    app = await createTestApp({ extend: (deps) => mirrors.extend(deps) });
    await app.receive("pull_request", mockTwentyFilePullRequest());

    expect(calls()).toHaveLength(6);
    const stored = await app.store.scores.latestForPullRequest(REPO, 2);
    const { features } = stored!.result;
    // By hand: src/app.ts was changed by 3 earlier commits, by 2 developers, and has 8 lines at the base.
    expect(features).toMatchObject({ nuc: 3, ndev: 2, lt: 8 });
    expect(stored!.result.notes.join(" ")).not.toContain("History features");
    // The mirror also gave file contents and past outcomes (no "could not be read" note).
    expect(stored!.result.notes.join(" ")).not.toContain("mirror could not be read");
    console.log(`GitHub API calls to score a 20-file PR with the mirror: ${calls().length} (+1 token)`);
    // The check run's reasons now include the history the mirror gave.
    expect(completion().output.summary).toContain(
      "the touched files were changed in 3 earlier changes by 2 developers",
    );
    expect(completion().output.summary).toContain("first change by this author in this repository");
  });

  it("scores without history, with a note, when the mirror cannot be fetched", async () => {
    const empty = createMirrorFixture(); // nothing published: the clone fails
    try {
      app = await createTestApp({ extend: (deps) => empty.extend(deps) });
      await app.receive("pull_request", mockTwentyFilePullRequest());
      const done = completion();
      expect(done.conclusion).toBe("neutral");
      expect(done.output.text).toContain("History features (file history, author experience) are unknown");
      expect(done.output.text).toContain("git clone --mirror of Codertocat/Hello-World failed");
      const stored = await app.store.scores.latestForPullRequest(REPO, 2);
      expect(stored!.result.features.nuc).toBeNull();
    } finally {
      empty.remove();
    }
  });
});

describe("history features from the GitHub API (mirroring off)", () => {
  it("reads history within the call budget and reports the call count", async () => {
    app = await createTestApp({
      extend: () => ({ mirrors: null, history: createHistorySource({ mirrors: null }) }),
    });
    const payload = mockTwentyFilePullRequest("modified");
    const { api } = github();
    const commit = (sha: string, email: string) => ({
      sha,
      parents: [{ sha: "p" }],
      commit: { author: { name: "Tester", email, date: "2020-01-11T00:00:00Z" } },
    });
    // Per modified file: its commits and its content at the base; then the author's commits, overall and
    // under the one touched subsystem (`src`).
    api
      .get(`/repos/${REPO}/commits`)
      .query((q) => q.path === "src/app.ts")
      .reply(200, [
        commit("c3", "someone-else@example.com"),
        commit("c2", "tester@example.com"),
        commit("c1", "tester@example.com"),
      ]);
    api
      .get(`/repos/${REPO}/commits`)
      .query((q) => q.path !== "src/app.ts")
      .times(19 + 2)
      .reply(200, []);
    api
      .get(/\/contents\/src(%2F|\/)/)
      .query(true)
      .times(20)
      .reply(200, { content: Buffer.from(lines(8)).toString("base64"), encoding: "base64" });

    await app.receive("pull_request", payload);

    const history = calls().filter((c) => c.endsWith(`${REPO}/commits`) || c.includes("/contents/src"));
    expect(history).toHaveLength(42);
    expect(calls()).toHaveLength(6 + 42);
    const stored = await app.store.scores.latestForPullRequest(REPO, 2);
    expect(stored!.result.features).toMatchObject({ nuc: 3, ndev: 2, lt: 8 * 20 });
    expect(stored!.result.notes.join(" ")).not.toContain("History features");
    console.log(
      `GitHub API calls to score a 20-file PR (all files modified) with the API history provider: ` +
        `${calls().length} (+1 token), ${history.length} of them for history`,
    );
  });

  it("stops at the budget and says so on the check run", async () => {
    app = await createTestApp({
      extend: () => ({ mirrors: null, history: createHistorySource({ mirrors: null, apiBudget: 1 }) }),
    });
    const payload = mockTwentyFilePullRequest();
    github().api.get(`/repos/${REPO}/commits`).query(true).reply(200, []);

    await app.receive("pull_request", payload);

    expect(completion().output.text).toContain(
      "the GitHub API budget for history features (1 calls) is spent",
    );
    expect(calls()).toHaveLength(7);
  });
});
