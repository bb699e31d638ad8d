import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ModelRegistryError,
  promoteVersion,
  repositoryModelDir,
  repositorySlug,
  resolveActiveModel,
  rollbackRepository,
} from "../../src/learning/model-registry.js";
import type { RiskModel } from "../../src/model/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

const REPO = "octo/widgets";

async function addVersion(store: Store, version: string, at: string) {
  await store.models.saveVersion({
    repository: REPO,
    version,
    status: "candidate",
    artifactDir: `/data/models/octo/widgets/${version}`,
    parentVersion: null,
    bands: null,
    metrics: { auc: 0.7 },
    training: {},
    createdAt: at,
    shadowSince: null,
    activeSince: null,
  });
}

function fakeModel(version: string): RiskModel {
  return {
    version,
    featureNames: ["la"],
    bands: { medium: 0.3, high: 0.6 },
    predict: async (rows) => rows.map(() => 0.5),
  };
}

describe("model registry", () => {
  let store: Store;
  beforeEach(() => {
    store = openSqliteStore(":memory:");
  });
  afterEach(() => store.close());

  /** Records a promotion of `version` of REPO; `more` sets or overrides the other fields. */
  const promote = (version: string, at: Date, more: Partial<Parameters<typeof promoteVersion>[1]> = {}) =>
    promoteVersion(store.models, {
      repository: REPO,
      version,
      action: "promote",
      reason: "",
      evidence: {},
      at,
      ...more,
    });

  it("lays artifacts out per owner/repo/version, local clones by path hash", () => {
    expect(repositoryModelDir("data", REPO, "widgets-r1")).toBe("data/models/octo/widgets/widgets-r1");
    const [owner, name] = repositorySlug("/tmp/some/clone");
    expect(owner).toBe("local");
    expect(name).toMatch(/^clone-[0-9a-f]{8}$/);
  });

  it("promotes, keeps every version, and rolls back one step at a time to the default model", async () => {
    await addVersion(store, "widgets-r1", "2026-01-01T00:00:00Z");
    await addVersion(store, "widgets-r2", "2026-02-01T00:00:00Z");
    await promote("widgets-r1", new Date("2026-01-02"), { reason: "holdout win", evidence: { auc: 0.7 } });
    await store.models.setStatus(REPO, "widgets-r2", "shadow", "2026-02-01T00:00:00Z");
    await promote("widgets-r2", new Date("2026-03-01"), {
      reason: "live win",
      bands: { medium: 0.2, high: 0.5 },
    });
    expect((await store.models.getByStatus(REPO, "active"))!.version).toBe("widgets-r2");
    expect(await store.models.getByStatus(REPO, "shadow")).toBeNull();
    expect((await store.models.getVersion(REPO, "widgets-r1"))!.status).toBe("retired");
    expect((await store.models.getVersion(REPO, "widgets-r2"))!.bands).toEqual({ medium: 0.2, high: 0.5 });

    expect(await rollbackRepository(store.models, REPO, new Date("2026-03-02"))).toBe("widgets-r1");
    expect((await store.models.getByStatus(REPO, "active"))!.version).toBe("widgets-r1");
    expect(await rollbackRepository(store.models, REPO, new Date("2026-03-03"))).toBeNull();
    expect(await store.models.getByStatus(REPO, "active")).toBeNull();
    await expect(rollbackRepository(store.models, REPO, new Date())).rejects.toBeInstanceOf(
      ModelRegistryError,
    );

    expect((await store.models.listVersions(REPO)).map((v) => v.version)).toEqual([
      "widgets-r2",
      "widgets-r1",
    ]);
    const actions = (await store.models.listDecisions(REPO)).map((d) => `${d.action}:${d.version}`);
    expect(actions).toEqual([
      "rollback:default",
      "rollback:widgets-r1",
      "promote:widgets-r2",
      "promote:widgets-r1",
    ]);
  });

  it("refuses to promote a version that does not exist", async () => {
    await expect(promote("nope", new Date(), { action: "manual-promote" })).rejects.toThrow(
      /defect models list/,
    );
  });

  it("scores with the default model until a version is active, then with it and its own bands", async () => {
    const load = async (dir: string) => fakeModel(dir.split("/").pop()!);
    const def = async () => fakeModel("default-1");
    expect((await resolveActiveModel(store.models, REPO, load, def)).model.version).toBe("default-1");
    await addVersion(store, "widgets-r1", "2026-01-01T00:00:00Z");
    await promote("widgets-r1", new Date(), { bands: { medium: 0.1, high: 0.4 } });
    const { model, record } = await resolveActiveModel(store.models, REPO, load, def);
    expect(model.version).toBe("widgets-r1");
    expect(model.bands).toEqual({ medium: 0.1, high: 0.4 });
    expect(record!.status).toBe("active");
  });

  it("stores predictions idempotently, drift alerts and checkpointed steps", async () => {
    const p = {
      repository: REPO,
      headSha: "abc",
      prNumber: 7,
      modelVersion: "v",
      role: "shadow" as const,
      probability: 0.3,
      features: { la: 1 },
      scoredAt: "2026-01-01T00:00:00Z",
    };
    await store.models.recordPrediction(p);
    await store.models.recordPrediction({ ...p, probability: 0.4 });
    expect(await store.models.listPredictions(REPO, "v")).toEqual([{ ...p, probability: 0.4 }]);
    await store.models.recordDriftAlert({
      repository: REPO,
      modelVersion: "v",
      feature: "la",
      metric: "psi",
      value: 0.4,
      threshold: 0.25,
      sampleSize: 50,
      raisedAt: "2026-01-01T00:00:00Z",
      resolvedAt: null,
    });
    expect(await store.models.openDriftAlerts(REPO)).toHaveLength(1);
    expect(await store.models.resolveDriftAlerts(REPO, "2026-01-02T00:00:00Z")).toBe(1);
    expect(await store.models.openDriftAlerts(REPO)).toHaveLength(0);
    expect(await store.models.listDriftAlerts(REPO)).toMatchObject([
      { feature: "la", resolvedAt: "2026-01-02T00:00:00Z" },
    ]);
    await store.models.saveStep({
      repository: REPO,
      runKey: "bootstrap",
      step: "mine",
      status: "done",
      detail: { commits: 3 },
      updatedAt: "t",
    });
    expect((await store.models.listSteps(REPO, "bootstrap"))[0].detail).toEqual({ commits: 3 });
  });
});
