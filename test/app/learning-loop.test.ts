import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { BOOTSTRAP_JOB } from "../../src/learning/learning-jobs.js";
import { BOOTSTRAP_RUN_KEY } from "../../src/learning/run-keys.js";
import { DEFAULT_MODEL_DIR } from "../../src/model/load-model.js";
import type { ModelVersionRecord } from "../../src/store/models.js";
import { createScriptedRepo, dayToSeconds, lines, type ScriptedRepo } from "../labels/scripted-repo.js";
import { createTestApp, type TestApp } from "../helpers/create-test-app.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { createMirrorFixture, type MirrorFixture } from "../helpers/mirror-fixtures.js";
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

const REPO = "Codertocat/Hello-World";
const CHECK_RUNS = `/repos/${REPO}/check-runs`;
const github = useGitHubMock();
let source: ScriptedRepo;
let mirrors: MirrorFixture;
let modelsDir: string;
let app: TestApp | undefined;

beforeAll(() => {
  // Recent commits (60 to 40 days ago): inside the bootstrap's history window.
  const today = Math.floor((Date.now() / 1000 - dayToSeconds(0)) / 86_400);
  source = createScriptedRepo();
  source.commit("initial", { "src/app.ts": lines(8) }, today - 60);
  source.commit("Add retry loop", { "src/app.ts": lines(8, { 5: "  while (true) retry();" }) }, today - 50);
  source.commit("fix retry crash", { "src/app.ts": lines(8, { 5: "  while (n--) retry();" }) }, today - 40);
  mirrors = createMirrorFixture();
  mirrors.publish(REPO, source.dir);
  modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-app-models-"));
});
afterAll(() => {
  source.remove();
  mirrors.remove();
  fs.rmSync(modelsDir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The test app with mirrors, history and the real learning loop (its models under the fixture's data dir). */
function learningApp(): Promise<TestApp> {
  return createTestApp({
    extend: (deps) => {
      const extra = mirrors.extend(deps);
      return {
        ...extra,
        learning: ({ installationId }) =>
          createLearningDeps({
            store: deps.store,
            dataDir: mirrors.dataDir,
            log: deps.log,
            mirror: (repository) => extra.mirrors!.fetch(repository, installationId),
          }),
      };
    },
  });
}

/** The shipped model's artifacts under another version name: a stand-in for a trained repository model. */
function copyDefaultModelAs(version: string): string {
  const dir = path.join(modelsDir, version);
  fs.cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { version: string };
  fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
  return dir;
}

function versionRecord(version: string, status: "active" | "shadow"): ModelVersionRecord {
  const at = new Date().toISOString();
  return {
    repository: REPO,
    version,
    status,
    artifactDir: copyDefaultModelAs(version),
    parentVersion: null,
    bands: null,
    metrics: {},
    training: {},
    createdAt: at,
    shadowSince: status === "shadow" ? at : null,
    activeSince: status === "active" ? at : null,
  };
}

function mockScoredPullRequest(options: { token?: boolean } = {}) {
  const checkRunId = 50;
  const payload = pullRequestPayload("opened");
  const { api } = github();
  if (options.token !== false) mockInstallationToken(api);
  mockConfigFile(api, "");
  mockPullRequestReads(api, { pr: restPullRequest(payload, 3), files: prFiles(3) });
  api.post(CHECK_RUNS).reply(201, { id: checkRunId });
  api.patch(`${CHECK_RUNS}/${checkRunId}`).reply(200, { id: checkRunId });
  return payload;
}

function completion() {
  return github().requests.find((r) => r.method === "PATCH")!.body as {
    output: { summary: string; text?: string };
  };
}

describe("installation → bootstrap", () => {
  it("bootstraps each new repository once, and says on the next check run that labels are too few", async () => {
    app = await learningApp();
    const created = webhookPayload<LoosePayload>("installation", (e) => e.action === "created");
    created.installation.id = 1; // adapted: the installation the pull request payloads name
    // The bootstrap job reads the repository's `learning:` settings once (here: a file setting the window).
    mockInstallationToken(github().api);
    mockConfigFile(github().api, "learning:\n  historyWindowDays: 365\n");
    await app.receive("installation", created, "install-1");
    await app.receive("installation", created, "install-1");

    const job = await app.store.jobs.get(`${BOOTSTRAP_JOB}:${REPO}`);
    expect(job?.status).toBe("done");
    expect(await app.store.commits.countCommits(REPO)).toBe(3);
    // The window came from the repository's config file: mined since 365 days ago.
    const mine = (await app.store.models.listSteps(REPO, BOOTSTRAP_RUN_KEY)).find((s) => s.step === "mine");
    const windowDays = (Date.now() - Date.parse(String(mine?.detail.since))) / 86_400_000;
    expect(Math.round(windowDays)).toBe(365);
    // SZZ on the mined history: "fix retry crash" implicates "Add retry loop".
    expect((await app.store.labels.listLabels({ repository: REPO, source: "szz" })).length).toBe(1);
    expect(fs.existsSync(path.join(mirrors.dataDir, "mirrors", "Codertocat", "Hello-World.git"))).toBe(true);

    await app.receive("pull_request", mockScoredPullRequest({ token: false }));
    const { output } = completion();
    expect(output.text).toContain("Not enough labels yet for a model of this repository");
    expect(output.summary).toMatch(/Model `default-/);
  });
});

describe("the model that scores a repository", () => {
  it("is its active repository model, named on the check run; a shadow candidate scores unseen", async () => {
    app = await learningApp();
    await app.store.models.saveVersion(versionRecord("hello-world-r1", "active"));
    await app.store.models.saveVersion(versionRecord("hello-world-r2", "shadow"));

    await app.receive("pull_request", mockScoredPullRequest());

    expect(completion().output.summary).toContain("Model `hello-world-r1`");
    expect(completion().output.summary).not.toContain("hello-world-r2");
    const shown = await app.store.models.listPredictions(REPO, "hello-world-r1");
    const shadow = await app.store.models.listPredictions(REPO, "hello-world-r2");
    expect(shown.map((p) => p.role)).toEqual(["active"]);
    expect(shadow.map((p) => p.role)).toEqual(["shadow"]);
    expect((await app.store.scores.latestForPullRequest(REPO, 2))?.result.modelVersion).toBe(
      "hello-world-r1",
    );
  });

  it("mentions an open drift alert in the check run's details", async () => {
    app = await learningApp();
    await app.store.models.recordDriftAlert({
      repository: REPO,
      modelVersion: "hello-world-r1",
      feature: "la",
      metric: "psi",
      value: 0.41,
      threshold: 0.25,
      sampleSize: 120,
      raisedAt: new Date().toISOString(),
      resolvedAt: null,
    });
    await app.receive("pull_request", mockScoredPullRequest());
    expect(completion().output.text).toContain("Drift: recent pull requests differ");
    expect(completion().output.text).toContain("`la` (PSI 0.41 > 0.25)");
  });
});

describe("/defect retrain", () => {
  it("runs the queued retrain job, which says why no candidate was trained", async () => {
    app = await learningApp();
    const comment = webhookPayload<LoosePayload>(
      "issue_comment",
      (e) => e.action === "created" && !!e.installation,
    );
    comment.issue.number = 2;
    comment.issue.pull_request = { url: `https://api.github.com/repos/${REPO}/pulls/2`, merged_at: null };
    comment.comment.body = "/defect retrain";
    const { api } = github();
    mockInstallationToken(api);
    api.post(`/repos/${REPO}/issues/comments/${comment.comment.id}/reactions`).reply(201, { id: 1 });
    api
      .get(`/repos/${REPO}/collaborators/${comment.sender.login}/permission`)
      .reply(200, { permission: "admin", role_name: "admin", user: null });
    api.post(`/repos/${REPO}/issues/2/comments`).reply(201, { id: 98 });
    mockConfigFile(api, null); // the retrain job's `learning:` settings: no file, the defaults

    await app.receive("issue_comment", comment);

    const job = await app.store.jobs.get(`retrain:${REPO}:${comment.comment.id}`);
    expect(job?.status).toBe("done");
    // Nothing is mined or labelled yet, far from the 200 labels a candidate needs: the job says so and ends.
    const done = app.logs.find((l) => l.jobId === job?.id && l.status === "not-enough-labels");
    expect(done?.msg).toMatch(/label/i);
  });
});

describe("new labels → shadow evaluation", () => {
  it("queues the shadow A/B evaluation after a labels job", async () => {
    app = await learningApp();
    const closed = webhookPayload<LoosePayload>(
      "pull_request",
      (e) => e.action === "closed" && !!e.installation,
    );
    const hours = [new Date().toISOString().slice(0, 13)];
    // The evaluation job reads the repository's `learning:` settings: no file, the defaults.
    mockInstallationToken(github().api);
    mockConfigFile(github().api, null);
    await app.receive("pull_request", closed);
    hours.push(new Date().toISOString().slice(0, 13)); // the job id carries the hour: either side of a turn
    const jobs = await Promise.all(hours.map((h) => app!.store.jobs.get(`evaluate-shadow:${REPO}:${h}`)));
    expect(jobs.find(Boolean)).toMatchObject({ status: "done" });
    expect(await app.store.labels.listLabels({ repository: REPO })).toHaveLength(1);
  });
});
