import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { describeLearningState } from "../../src/learning/describe-learning-state.js";
import { learningSchema } from "../../src/learning/learning-config.js";
import type { LearningDeps } from "../../src/learning/types.js";
import { bootstrapRepository } from "../../src/pipeline/bootstrap-repository.js";
import { priorDefaultModel, trainPriorModel } from "./helpers/train-prior-model.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import {
  type ScriptedHistory,
  scriptedHistoryAtDay100,
  SMALL_LEARNING_CONFIG,
} from "./helpers/write-scripted-history.js";

const config = learningSchema.parse({ ...SMALL_LEARNING_CONFIG, checkpoints: 2 });

/** Real deps, with call counters and a crash planted in one step (thrown once). */
function instrumented(
  store: Store,
  dataDir: string,
  now: Date,
  crash?: { step: "label" | "train"; call: number },
) {
  const deps = createLearningDeps({
    store,
    dataDir,
    now: () => now,
    labelOptions: { maturityDays: 20 },
    log: quiet,
  });
  const calls = { mirror: 0, mine: 0, label: 0, train: 0 };
  const wrapped: LearningDeps = {
    ...deps,
    defaultModel: priorDefaultModel(priorDir),
    mirror: async (r) => (calls.mirror++, deps.mirror(r)),
    mine: async (r, g, o) => (calls.mine++, deps.mine(r, g, o)),
    label: async (r, g) => {
      calls.label++;
      if (crash?.step === "label" && calls.label === crash.call)
        throw new Error("simulated crash while labelling");
      return deps.label(r, g);
    },
    train: async (req) => {
      calls.train++;
      if (crash?.step === "train" && calls.train === crash.call) {
        fs.mkdirSync(req.outDir, { recursive: true });
        fs.writeFileSync(path.join(req.outDir, "model.json"), "{half written");
        throw new Error("simulated crash while training");
      }
      return deps.train(req);
    },
  };
  return { deps: wrapped, calls };
}

const quiet = { info: () => {}, warn: () => {} };
const priorDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-prior-"));

describe("bootstrap: resumes after a restart, nothing done twice, nothing lost", () => {
  let history: ScriptedHistory;
  let now: Date;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defect-boot-"));

  beforeAll(async () => {
    await trainPriorModel(priorDir);
    ({ history, now } = scriptedHistoryAtDay100());
  });
  afterAll(() => {
    fs.rmSync(history.dir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(priorDir, { recursive: true, force: true });
  });

  it("an uninterrupted bootstrap trains and promotes a repository model on the holdout", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, calls } = instrumented(store, path.join(tmp, "straight"), now);
    const out = await bootstrapRepository(deps, history.dir, { config });
    expect(out.status).toBe("trained");
    expect(out.placement).toBe("active");
    expect(calls).toEqual({ mirror: 1, mine: 1, label: 1, train: 2 });
    const [decision] = await store.models.listDecisions(history.dir);
    expect(decision.action).toBe("promote");
    expect(decision.evidence.basis).toBe("holdout");
    // A redelivered install event runs the job again: nothing is repeated.
    await bootstrapRepository(deps, history.dir, { config });
    expect(calls).toEqual({ mirror: 1, mine: 1, label: 1, train: 2 });
    expect(await store.models.listVersions(history.dir)).toHaveLength(1);
    await store.close();
  });

  it("a crash while labelling resumes at labelling, with the same data as a straight run", async () => {
    const straight = openSqliteStore(":memory:");
    await bootstrapRepository(instrumented(straight, path.join(tmp, "s2"), now).deps, history.dir, {
      config,
    });

    const store = openSqliteStore(":memory:");
    const first = instrumented(store, path.join(tmp, "crash-label"), now, { step: "label", call: 1 });
    await expect(bootstrapRepository(first.deps, history.dir, { config })).rejects.toThrow(/simulated crash/);
    const steps = await store.models.listSteps(history.dir, "bootstrap");
    expect(steps.map((s) => `${s.step}:${s.status}`)).toEqual(["mirror:done", "mine:done", "label:failed"]);
    expect(await describeLearningState(store.models, history.dir)).toEqual([]);

    const second = instrumented(store, path.join(tmp, "crash-label"), now);
    const out = await bootstrapRepository(second.deps, history.dir, { config });
    expect(second.calls).toEqual({ mirror: 0, mine: 0, label: 1, train: 2 });
    expect(out.placement).toBe("active");
    expect(await store.commits.countCommits(history.dir)).toBe(
      await straight.commits.countCommits(history.dir),
    );
    expect((await store.labels.listLabels({ repository: history.dir })).length).toBe(
      (await straight.labels.listLabels({ repository: history.dir })).length,
    );
    await Promise.all([store.close(), straight.close()]);
  });

  it("a crash in the second training part redoes only that part and leaves no partial artifacts", async () => {
    const store = openSqliteStore(":memory:");
    const dataDir = path.join(tmp, "crash-train");
    const first = instrumented(store, dataDir, now, { step: "train", call: 2 });
    await expect(bootstrapRepository(first.deps, history.dir, { config })).rejects.toThrow(/simulated crash/);
    expect(await store.models.listVersions(history.dir)).toEqual([]);

    const second = instrumented(store, dataDir, now);
    const out = await bootstrapRepository(second.deps, history.dir, { config });
    expect(second.calls).toEqual({ mirror: 0, mine: 0, label: 0, train: 1 });
    const versions = await store.models.listVersions(history.dir);
    expect(versions.map((v) => v.version)).toEqual([out.version]);
    const modelRoot = path.dirname(versions[0].artifactDir);
    expect(fs.readdirSync(modelRoot).filter((f) => !f.startsWith("."))).toEqual([out.version]);
    expect(fs.readdirSync(path.join(modelRoot, ".staging"))).toEqual([]);
    const model = await second.deps.loadModel(versions[0].artifactDir);
    expect(model.version).toBe(out.version);
    const [p] = await model.predict([{ la: 3, nf: 1 }]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    await store.close();
  });

  it("says so when there are not enough labels, and keeps the default model", async () => {
    const store = openSqliteStore(":memory:");
    const { deps } = instrumented(store, path.join(tmp, "few"), now);
    const strict = learningSchema.parse({ ...config, minLabels: 100_000 });
    const out = await bootstrapRepository(deps, history.dir, { config: strict });
    expect(out.status).toBe("not-enough-labels");
    expect(out.message).toMatch(/needs 100000/);
    expect(await store.models.getByStatus(history.dir, "active")).toBeNull();
    const notes = await describeLearningState(store.models, history.dir);
    expect(notes).toEqual([expect.stringMatching(/^Not enough labels yet .* labelled changes/)]);
    await store.close();
  });
});
