import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { learningSchema } from "../../src/learning/learning-config.js";
import type { LearningDeps, TrainingRow } from "../../src/learning/types.js";
import { retrainRepository, shouldRetrain } from "../../src/pipeline/retrain-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { priorDefaultModel, trainPriorModel } from "./helpers/train-prior-model.js";

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const REPO = "octo/widgets";
const quiet = { info: () => {}, warn: () => {} };
const config = learningSchema.parse({
  minLabels: 60,
  minPositives: 10,
  epochs: 2,
  checkpoints: 1,
  retrainAfterLabels: 40,
  retrainEveryDays: 30,
  promotion: { minSamples: 20 },
});

/** Changes with Kamei features; bug-inducing when small and by a newcomer (this repository's quirk). */
function makeRows(from: number, count: number, labelledAfterDays: number): TrainingRow[] {
  let s = from + 1;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, i) => {
    const bug = rand() < 0.3;
    const la = bug ? 1 + Math.floor(rand() * 5) : 30 + Math.floor(rand() * 100);
    const date = new Date(START + ((from + i) * DAY) / 2).toISOString();
    return {
      id: `c${from + i}`,
      date,
      features: {
        la,
        ld: Math.floor(la / 3),
        nf: bug ? 1 : 3,
        ns: 1,
        nd: 1,
        entropy: bug ? 0 : 1.2,
        lt: 100,
        fix: 0,
        ndev: 2,
        age: 3,
        nuc: 4,
        exp: bug ? 1 : 40,
        rexp: 1,
        sexp: 1,
      },
      label: bug ? 1 : 0,
      labelledAt: new Date(Date.parse(date) + labelledAfterDays * DAY).toISOString(),
    };
  });
}

describe("continual learning: when to retrain, what to train on, resuming", () => {
  let store: Store;
  let rows: TrainingRow[];
  let clock: Date;
  let deps: LearningDeps;
  let seenRows: number[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-retrain-"));

  beforeAll(async () => {
    await trainPriorModel(path.join(dataDir, "prior"));
  });

  beforeEach(() => {
    store = openSqliteStore(":memory:");
    rows = makeRows(0, 200, 10);
    clock = new Date(START + 120 * DAY);
    seenRows = [];
    const real = createLearningDeps({ store, dataDir, now: () => clock, log: quiet });
    deps = {
      ...real,
      defaultModel: priorDefaultModel(path.join(dataDir, "prior")),
      readRows: async () =>
        rows
          .filter((r) => r.date <= clock.toISOString())
          .map((r) => (r.labelledAt! <= clock.toISOString() ? r : { ...r, label: null })),
      train: async (request) => {
        seenRows.push(request.rows.filter((r) => r.label !== null).length);
        return real.train(request);
      },
    };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("is due once enough labels arrived, not right after training, and again on new labels, schedule or drift", async () => {
    expect(await shouldRetrain(deps, REPO, config)).toMatchObject({
      due: true,
      reason: expect.stringMatching(/new labels/),
    });
    const first = await retrainRepository(deps, REPO, { config });
    expect(first.status).toBe("trained");
    expect((await shouldRetrain(deps, REPO, config)).due).toBe(false); // everything is older than the new version
    if (first.placement === "shadow") {
      expect((await shouldRetrain(deps, REPO, config)).reason).toBe("a candidate is in shadow");
      await store.models.setStatus(REPO, first.version!, "retired", clock.toISOString());
    }
    rows = [...rows, ...makeRows(240, 10, 1)];
    clock = new Date(START + 126 * DAY);
    expect(await shouldRetrain(deps, REPO, config)).toMatchObject({ due: false, newLabels: 10 });
    clock = new Date(START + 160 * DAY);
    expect(await shouldRetrain(deps, REPO, config)).toMatchObject({
      due: true,
      reason: expect.stringMatching(/^schedule/),
    });
    clock = new Date(START + 126 * DAY);
    await store.models.recordDriftAlert({
      repository: REPO,
      modelVersion: first.version!,
      feature: "la",
      metric: "psi",
      value: 1,
      threshold: 0.25,
      sampleSize: 100,
      raisedAt: clock.toISOString(),
      resolvedAt: null,
    });
    expect(await shouldRetrain(deps, REPO, config)).toMatchObject({
      due: true,
      reason: "open drift alert on la",
    });
  });

  it("a candidate learns from old and new labels together (replay), warm-started from the active model", async () => {
    const first = await retrainRepository(deps, REPO, { config });
    expect(first.placement).toBe("active"); // first repository model: holdout win over the default model
    rows = [...rows, ...makeRows(240, 80, 5)];
    clock = new Date(START + 170 * DAY);
    const second = await retrainRepository(deps, REPO, { config });
    const [r1, r2] = [
      await store.models.getVersion(REPO, first.version!),
      await store.models.getVersion(REPO, second.version!),
    ];
    expect(r2!.parentVersion).toBe(r1!.version);
    expect(r2!.training.labelled).toBeGreaterThan(r1!.training.labelled as number);
    expect(seenRows[1]).toBeGreaterThan(seenRows[0]); // the old labels are in the second training set too
    expect(second.placement).toBe("shadow"); // live history exists now: it must win on live PRs first
    expect((await shouldRetrain(deps, REPO, config)).reason).toBe("a candidate is in shadow");
    // A shadow that never got a verdict stops blocking retrains after shadowMaxDays (180).
    rows = [...rows, ...makeRows(700, 60, 5)];
    clock = new Date(START + 360 * DAY);
    expect(await shouldRetrain(deps, REPO, config)).toMatchObject({ due: true });
    const third = await retrainRepository(deps, REPO, { config });
    expect(third.placement).toBe("shadow");
    expect((await store.models.getVersion(REPO, second.version!))!.status).toBe("retired");
    expect(await store.models.listDecisions(REPO)).toContainEqual(
      expect.objectContaining({ version: second.version, action: "supersede" }),
    );
  });

  it("an interrupted retrain resumes the same run; the next one is a new run", async () => {
    const failing: LearningDeps = {
      ...deps,
      train: async () => Promise.reject(new Error("simulated crash")),
    };
    await expect(retrainRepository(failing, REPO, { config })).rejects.toThrow(/simulated crash/);
    const resumed = await retrainRepository(deps, REPO, { config });
    expect(resumed.runKey).toBe("retrain-1");
    expect(resumed.status).toBe("trained");
    const steps = await store.models.listSteps(REPO, "retrain-1");
    expect(steps.filter((s) => s.step === "split")).toHaveLength(1);
    clock = new Date(START + 121 * DAY);
    expect((await retrainRepository(deps, REPO, { config })).runKey).toBe("retrain-2");
  });

  it("records why a retrain could not train", async () => {
    const strict = learningSchema.parse({ ...config, minLabels: 10_000 });
    const out = await retrainRepository(deps, REPO, { config: strict });
    expect(out.status).toBe("not-enough-labels");
    expect(out.message).toMatch(/a repository model needs 10000/);
  });
});
