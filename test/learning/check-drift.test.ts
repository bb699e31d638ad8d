import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDrift } from "../../src/learning/check-drift.js";
import { describeLearningState } from "../../src/learning/describe-learning-state.js";
import { buildDriftReference } from "../../src/learning/drift.js";
import { DEFAULT_LEARNING_CONFIG } from "../../src/learning/learning-config.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

const REPO = "octo/widgets";
const drift = DEFAULT_LEARNING_CONFIG.drift;

describe("checkDrift", () => {
  let store: Store;
  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    const train = Array.from({ length: 400 }, (_, i) => ({ la: (i * 37) % 100, nf: 1 + (i % 4) }));
    await store.models.saveVersion({
      repository: REPO,
      version: "v1",
      status: "active",
      artifactDir: "/x",
      parentVersion: null,
      bands: null,
      metrics: {},
      training: {
        driftReference: buildDriftReference(
          train,
          ["la", "nf"],
          train.map((r) => r.la / 100),
        ),
      },
      createdAt: "2026-01-01T00:00:00Z",
      shadowSince: null,
      activeSince: "2026-01-01T00:00:00Z",
    });
    for (let i = 0; i < 80; i++) {
      await store.models.recordPrediction({
        repository: REPO,
        headSha: `s${i}`,
        prNumber: i,
        modelVersion: i < 40 ? "default-1" : "v1",
        role: "active",
        probability: 0.97,
        features: { la: 500 + i, nf: 1 + (i % 4) },
        scoredAt: new Date(Date.UTC(2026, 1, 1) + i * 3_600_000).toISOString(),
      });
    }
  });
  afterEach(() => store.close());

  it("alerts on the shifted feature once, not on the stable one, and says so in the notes", async () => {
    const first = await checkDrift(store.models, REPO, drift, new Date("2026-03-01"));
    expect(first.newAlerts.map((a) => a.feature)).toEqual(["la"]); // score: only 40 of v1's own scores < 50
    expect(first.retrain).toBe(true);
    expect((await checkDrift(store.models, REPO, drift, new Date("2026-03-02"))).newAlerts).toEqual([]);
    expect((await describeLearningState(store.models, REPO))[0]).toMatch(
      /^Drift: .*`la` \(PSI \d+\.\d\d > 0\.25\), over the last 80 scored changes/,
    );
  });

  it("leaves out ignored features", async () => {
    const out = await checkDrift(
      store.models,
      REPO,
      { ...drift, ignoreFeatures: ["la"] },
      new Date("2026-03-01"),
    );
    expect(out.newAlerts).toEqual([]);
    expect(out.report!.alerts.map((a) => a.feature)).toEqual(["la"]);
  });
});
