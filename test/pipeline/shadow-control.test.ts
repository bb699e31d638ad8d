import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { DEFAULT_LEARNING_CONFIG } from "../../src/learning/learning-config.js";
import { promoteVersion } from "../../src/learning/model-registry.js";
import { recordShadowScores } from "../../src/learning/shadow-scoring.js";
import type { LearningDeps } from "../../src/learning/types.js";
import { evaluateActiveAgainstDefault, evaluateShadow } from "../../src/pipeline/evaluate-shadow.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { priorDefaultModel, trainPriorModel } from "./helpers/train-prior-model.js";

/**
 * The default model as a permanent hidden control: a repository model promoted on its holdout that then loses
 * to the default on live labels is rolled back; one that holds up stays. Labels are given as data, keyed by sha.
 */
const REPO = "octo/widgets";
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe("active repository model vs the default-model control", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-control-"));
  let store: Store;
  let deps: LearningDeps;
  let clock: Date;
  const labels = new Map<string, 0 | 1>();
  beforeAll(() => trainPriorModel(path.join(dir, "prior")));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    clock = new Date(T0);
    labels.clear();
    deps = {
      ...createLearningDeps({
        store,
        dataDir: dir,
        now: () => clock,
        log: { info: () => {}, warn: () => {} },
      }),
      defaultModel: priorDefaultModel(path.join(dir, "prior")),
      labelsFor: async (_repo, changes) =>
        new Map(changes.flatMap((c) => (labels.has(c.headSha) ? [[c.headSha, labels.get(c.headSha)!]] : []))),
    };
    await store.models.saveVersion({
      repository: REPO,
      version: "widgets-r1",
      status: "candidate",
      artifactDir: path.join(dir, "prior"),
      parentVersion: null,
      bands: null,
      metrics: {},
      training: {},
      createdAt: new Date(T0).toISOString(),
      shadowSince: null,
      activeSince: null,
    });
    await promoteVersion(store.models, {
      repository: REPO,
      version: "widgets-r1",
      action: "promote",
      reason: "holdout",
      evidence: {},
      at: clock,
    });
  });

  /** 120 changes over 60 days, shown as `widgets-r1` with `shown(i, bug)`; the default control scores them for real. */
  async function scoreLive(shown: (i: number, bug: boolean) => number) {
    const model = (await deps.defaultModel()).model;
    for (let i = 0; i < 120; i++) {
      const bug = i % 4 === 0;
      const features = {
        la: bug ? 250 + i : 5 + (i % 7),
        nf: bug ? 6 : 1,
        ld: 2,
        ns: 1,
        nd: 1,
        entropy: 0.3,
        lt: 100,
        fix: 0,
        ndev: 2,
        age: 10,
        nuc: 3,
        exp: 20,
        rexp: 2,
        sexp: 5,
      };
      const at = new Date(T0 + (i / 2) * DAY);
      labels.set(`s${i}`, bug ? 1 : 0);
      await recordShadowScores(
        { models: store.models, loadModel: deps.loadModel, now: () => at, defaultModel: async () => model },
        {
          repository: REPO,
          headSha: `s${i}`,
          prNumber: i,
          features,
          shown: { modelVersion: "widgets-r1", probability: shown(i, bug) },
        },
      );
    }
    clock = new Date(T0 + 200 * DAY); // every change is past the 90-day maturity window
  }

  it("rolls back to the default model when the default wins on live labels", async () => {
    await scoreLive((i) => 0.2 + ((i * 37) % 10) / 100); // the active model ranks at random
    expect((await store.models.listPredictions(REPO, (await deps.defaultModel()).model.version)).length).toBe(
      120,
    );
    const out = await evaluateActiveAgainstDefault(deps, REPO, { config: DEFAULT_LEARNING_CONFIG });
    expect(out.rolledBack).toBe(true);
    expect(await store.models.getByStatus(REPO, "active")).toBeNull();
    expect((await store.models.listDecisions(REPO, 1))[0]).toMatchObject({
      action: "rollback",
      version: "default",
      evidence: { basis: "control" },
    });
  });

  it("keeps a repository model that is not beaten, and says why", async () => {
    await scoreLive((_i, bug) => (bug ? 0.9 : 0.05)); // the active model separates the classes
    const out = await evaluateActiveAgainstDefault(deps, REPO);
    expect(out.rolledBack).toBe(false);
    expect(out.verdict!.reason).toMatch(/does not win/);
    expect((await store.models.getByStatus(REPO, "active"))!.version).toBe("widgets-r1");
    expect((await evaluateShadow(deps, REPO)).shadowVersion).toBeNull();
  });
});
