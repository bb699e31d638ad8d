import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift } from "../../src/learning/check-drift.js";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { describeLearningState } from "../../src/learning/describe-learning-state.js";
import { learningSchema } from "../../src/learning/learning-config.js";
import { promoteVersion, resolveActiveModel, rollbackRepository } from "../../src/learning/model-registry.js";
import { recordShadowScores } from "../../src/learning/shadow-scoring.js";
import type { LearningDeps, TrainingRow } from "../../src/learning/types.js";
import { bootstrapRepository } from "../../src/pipeline/bootstrap-repository.js";
import { evaluateShadow } from "../../src/pipeline/evaluate-shadow.js";
import { retrainRepository, shouldRetrain } from "../../src/pipeline/retrain-repository.js";
import { priorDefaultModel, trainPriorModel } from "./helpers/train-prior-model.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import {
  type ScriptedHistory,
  showHistoryUntil,
  writeScriptedHistory,
} from "./helpers/write-scripted-history.js";

/**
 * A repository timeline replayed in time order: bootstrap on day 120, live pull requests scored by the shown
 * model and the hidden shadow, labels maturing, shadow evaluations, a planted drift from day 270.
 * Each live change is scored with the features the miner computed as of its own date.
 */
const DAY = 86_400;
const config = learningSchema.parse({
  minLabels: 60,
  minPositives: 10,
  epochs: 4,
  checkpoints: 1,
  historyWindowDays: 400,
  retrainAfterLabels: 50,
  promotion: { minSamples: 40 },
  drift: { minSamples: 50, recentPullRequests: 100 },
});
const quiet = { info: () => {}, warn: () => {} };

/** Deterministic label shuffle: the recipe for a deliberately worse candidate. */
function shuffleLabels(rows: TrainingRow[]): TrainingRow[] {
  const labels = rows.map((r) => r.label);
  let s = 12345;
  for (let i = labels.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return rows.map((r, i) => ({ ...r, label: labels[i] }));
}

describe("learning loop on a replayed repository timeline", () => {
  let history: ScriptedHistory;
  let store: Store;
  let clock: Date;
  let deps: LearningDeps;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-shadow-"));
  const dayOf = (d: number) => history.commits[0].time + d * DAY;
  let repo: string;

  /** Advances the clock and the visible history to `day`, mines and labels what happened meanwhile. */
  async function advanceTo(day: number) {
    showHistoryUntil(history, dayOf(day));
    clock = new Date(dayOf(day) * 1000);
    await deps.mine(repo, repo, { since: null });
    await deps.label(repo, repo);
  }

  /** Scores every change authored in (fromDay, toDay] as a pull request: shown model + hidden shadow. */
  async function scorePullRequests(fromDay: number, toDay: number) {
    // The miner computes each change's features from the history before it, as a live PR would see them.
    showHistoryUntil(history, dayOf(toDay));
    await deps.mine(repo, repo, { since: null });
    const live = history.commits.filter((c) => c.time > dayOf(fromDay) && c.time <= dayOf(toDay));
    for (const c of live) {
      const mined = await store.commits.getCommit(repo, c.sha);
      if (!mined) continue;
      const { model } = await resolveActiveModel(
        store.models,
        repo,
        deps.loadModel,
        async () => (await deps.defaultModel()).model,
      );
      const [probability] = await model.predict([mined.features]);
      clock = new Date(c.time * 1000);
      await recordShadowScores(
        { models: store.models, loadModel: deps.loadModel, now: () => clock },
        {
          repository: repo,
          headSha: c.sha,
          prNumber: null,
          features: mined.features,
          shown: { modelVersion: model.version, probability },
        },
      );
    }
    return live.length;
  }

  beforeAll(async () => {
    await trainPriorModel(path.join(dataDir, "prior"));
    history = writeScriptedHistory({ days: 300, driftFromDay: 270 });
    repo = history.dir;
    store = openSqliteStore(":memory:");
    clock = new Date(dayOf(0) * 1000);
    deps = {
      ...createLearningDeps({
        store,
        dataDir,
        now: () => clock,
        labelOptions: { maturityDays: 20 },
        log: quiet,
      }),
      defaultModel: priorDefaultModel(path.join(dataDir, "prior")),
    };
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(history.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let r1: string;
  let r2: string;
  let r3: string;

  it("day 120: bootstrap trains a repository model that beats the default on the holdout and is promoted", async () => {
    showHistoryUntil(history, dayOf(120));
    clock = new Date(dayOf(120) * 1000);
    const out = await bootstrapRepository(deps, repo, { config });
    expect(out.placement).toBe("active");
    r1 = out.version!;
    const record = await store.models.getVersion(repo, r1);
    expect(record!.metrics.auc).toBeGreaterThan(record!.metrics.baseAuc + 0.2);
  });

  it("day 120–190: a candidate trained on shuffled labels shadows, loses on matured labels, and is never promoted", async () => {
    // Worse by construction: labels shuffled, and started from the default model rather than from r1.
    const defaultDir = (await deps.defaultModel()).dir;
    const worse = await retrainRepository(
      {
        ...deps,
        readRows: async (r, o) => shuffleLabels(await deps.readRows(r, o)),
        train: (request) => deps.train({ ...request, warmStartDir: defaultDir }),
      },
      repo,
      { config, trigger: "test: shuffled labels" },
    );
    expect(worse.placement).toBe("shadow");
    r2 = worse.version!;
    expect(await scorePullRequests(120, 190)).toBeGreaterThan(100);
    expect(await store.models.listPredictions(repo, r2)).not.toHaveLength(0);

    await advanceTo(190);
    const evaluation = await evaluateShadow(deps, repo, { config });
    expect(evaluation.verdict!.basis).toBe("live");
    expect(evaluation.verdict!.comparison!.samples).toBeGreaterThanOrEqual(40);
    expect(evaluation.placement).toBe("rejected");
    expect((await store.models.getByStatus(repo, "active"))!.version).toBe(r1);
    const history2 = await store.models.listDecisions(repo);
    expect(history2.some((d) => d.version === r2 && d.action.includes("promote"))).toBe(false);
    expect(history2[0]).toMatchObject({ version: r2, action: "reject" });
  });

  it("day 190–260: with a bad model active, a properly trained candidate wins live and is promoted", async () => {
    await promoteVersion(store.models, {
      repository: repo,
      version: r2,
      action: "manual-promote",
      reason: "test: a bad model goes live",
      evidence: {},
      at: clock,
    });
    const due = await shouldRetrain(deps, repo, config);
    expect(due.due).toBe(true);
    const better = await retrainRepository(deps, repo, { config, trigger: due.reason });
    expect(better.placement).toBe("shadow");
    r3 = better.version!;
    await scorePullRequests(190, 260);
    await advanceTo(260);
    const evaluation = await evaluateShadow(deps, repo, { config });
    expect(evaluation.placement).toBe("active");
    expect(evaluation.verdict!.comparison!.aucCandidate).toBeGreaterThan(
      evaluation.verdict!.comparison!.aucCurrent,
    );
    const active = await store.models.getByStatus(repo, "active");
    expect(active!.version).toBe(r3);
    expect(active!.bands!.high).toBeGreaterThan(active!.bands!.medium);
  });

  it("day 260–300: planted drift in change size raises alerts, shows in the check-run notes and makes a retrain due", async () => {
    await scorePullRequests(260, 268);
    expect((await checkDrift(store.models, repo, config.drift, clock)).newAlerts).toEqual([]);
    await scorePullRequests(268, 300);
    await advanceTo(300);
    const { newAlerts, retrain } = await checkDrift(store.models, repo, config.drift, clock);
    expect(retrain).toBe(true);
    const features = newAlerts.map((a) => a.feature);
    expect(features).toContain("la");
    expect(features).not.toContain("fix");
    expect(newAlerts[0].modelVersion).toBe(r3);
    // A second check does not raise the same alerts again.
    expect((await checkDrift(store.models, repo, config.drift, clock)).newAlerts).toEqual([]);
    const notes = await describeLearningState(store.models, repo);
    expect(notes[0]).toMatch(/^Drift: recent pull requests differ .* `\w+` \(PSI \d+\.\d\d > 0.25\)/);
    expect((await shouldRetrain(deps, repo, config)).due).toBe(true);
  });

  it("one command rolls back to the version active before", async () => {
    expect(await rollbackRepository(store.models, repo, clock)).toBe(r2);
    expect((await store.models.getByStatus(repo, "active"))!.version).toBe(r2);
    expect((await store.models.listVersions(repo)).map((v) => v.version).sort()).toEqual([r1, r2, r3].sort());
  });
});
