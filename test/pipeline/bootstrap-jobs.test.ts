import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { learningSchema } from "../../src/learning/learning-config.js";
import {
  BOOTSTRAP_JOB,
  enqueueLearningJob,
  learnFromScore,
  registerLearningJobs,
  repositoryModel,
  RETRAIN_JOB,
} from "../../src/learning/learning-jobs.js";
import type { LearningDeps } from "../../src/learning/types.js";
import { createInProcessQueue } from "../../src/queue/create-in-process-queue.js";
import type { JobQueue } from "../../src/queue/types.js";
import type { ScoreResult } from "../../src/report/types.js";
import { priorDefaultModel, trainPriorModel } from "./helpers/train-prior-model.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import {
  type ScriptedHistory,
  scriptedHistoryAtDay100,
  SMALL_LEARNING_CONFIG,
} from "./helpers/write-scripted-history.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const config = learningSchema.parse({ ...SMALL_LEARNING_CONFIG });

describe("learning jobs on the app's durable queue", () => {
  let history: ScriptedHistory;
  let store: Store;
  let queue: JobQueue;
  let deps: LearningDeps;
  let trainCalls = 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-jobs-"));

  beforeAll(async () => {
    await trainPriorModel(path.join(dataDir, "prior"));
    const fixture = scriptedHistoryAtDay100();
    history = fixture.history;
    store = openSqliteStore(path.join(dataDir, "db.sqlite"));
    const real = createLearningDeps({
      store,
      dataDir,
      now: () => fixture.now,
      labelOptions: { maturityDays: 20 },
      log: quiet,
    });
    deps = {
      ...real,
      defaultModel: priorDefaultModel(path.join(dataDir, "prior")),
      // The first training attempt dies half-way: the queue's retry must resume, not restart.
      train: async (request) => {
        if (++trainCalls === 2) throw new Error("simulated worker crash during training");
        return real.train(request);
      },
    };
    queue = await createInProcessQueue({ jobs: store.jobs, log: quiet, backoff: () => 0, maxAttempts: 3 });
    registerLearningJobs(queue, deps, async () => config);
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    fs.rmSync(history.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("an install enqueues one bootstrap per repository; a retry resumes it; the repository gets its model", async () => {
    const repo = history.dir;
    await enqueueLearningJob(queue, BOOTSTRAP_JOB, { repository: repo, installationId: 1 }, new Date());
    await enqueueLearningJob(queue, BOOTSTRAP_JOB, { repository: repo, installationId: 1 }, new Date()); // redelivery
    await queue.onIdle();
    expect(trainCalls).toBe(3); // part 1, part 2 (crash), part 2 again — part 1 was not redone
    const active = await store.models.getByStatus(repo, "active");
    expect(active).not.toBeNull();
    const model = await repositoryModel(deps, repo, async () => (await deps.defaultModel()).model);
    expect(model.version).toBe(active!.version);
    expect(model.bands).toEqual(active!.bands);
  });

  it("scores go through the rules and are recorded with their model version; `/defect retrain` queues a shadow candidate", async () => {
    const repo = history.dir;
    const model = await repositoryModel(deps, repo, async () => (await deps.defaultModel()).model);
    const features = {
      la: 2,
      ld: 0,
      nf: 1,
      ns: 1,
      nd: 1,
      entropy: 0,
      lt: 0,
      fix: 0,
      ndev: 1,
      age: 0,
      nuc: 1,
      exp: 1,
      rexp: 1,
      sexp: 1,
    };
    const [probability] = await model.predict([features]);
    const result: ScoreResult = {
      repository: repo,
      number: 12,
      headSha: "a".repeat(40),
      baseSha: "b".repeat(40),
      title: "Add feature",
      probability,
      band: "high",
      modelVersion: model.version,
      features,
      reasons: [],
      suggestions: [],
      files: [
        {
          path: "src/feature-x.ts",
          risk: probability,
          band: "high",
          additions: 2,
          deletions: 0,
          features: {},
          reasons: [],
        },
      ],
      hunks: [],
      notes: [],
      scoredAt: new Date().toISOString(),
    };
    const shown = await learnFromScore(deps, {
      result,
      queue,
      rules: { neverGate: [], minLinesForHigh: 10 },
      config,
    });
    expect(shown.band).toBe("medium");
    expect(shown.ruleNotes).toEqual([expect.stringMatching(/2 lines, under the 10-line minimum/)]);
    expect(shown.probability).toBe(probability);
    expect(await store.models.listPredictions(repo, model.version)).toMatchObject([
      { headSha: "a".repeat(40), prNumber: 12, role: "active" },
    ]);

    // The payload `/defect retrain` enqueues (src/pipeline/explain-pull-request.ts).
    await queue.enqueue(
      RETRAIN_JOB,
      { repository: repo, installationId: 1, requestedBy: "octocat" },
      { jobId: "retrain:1" },
    );
    await queue.onIdle();
    const shadow = await store.models.getByStatus(repo, "shadow");
    expect(shadow).not.toBeNull();
    expect(shadow!.training.trigger).toBe("/defect retrain by @octocat");
    // From now on the candidate scores every PR too, hidden.
    await learnFromScore(deps, {
      result: { ...result, headSha: "c".repeat(40) },
      rules: { neverGate: [], minLinesForHigh: 10 },
      config,
    });
    expect(await store.models.listPredictions(repo, shadow!.version)).toMatchObject([
      { headSha: "c".repeat(40), role: "shadow" },
    ]);
  });
});
