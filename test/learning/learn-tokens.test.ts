import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learnTokensFromEnv } from "../../src/app/create-app-deps.js";
import { createLearningDeps } from "../../src/learning/create-learning-deps.js";
import { learningSchema } from "../../src/learning/learning-config.js";
import { loadModelWithManifest } from "../../src/model/load-model.js";
import { bootstrapRepository } from "../../src/pipeline/bootstrap-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { priorDefaultModel, trainPriorModel } from "../pipeline/helpers/train-prior-model.js";
import {
  type ScriptedHistory,
  scriptedHistoryAtDay100,
  SMALL_LEARNING_CONFIG,
} from "../pipeline/helpers/write-scripted-history.js";

describe("DEFECT_LEARN_TOKENS", () => {
  it("is off unless set to on, and a typo is an error that names the variable", () => {
    expect(learnTokensFromEnv({})).toBe(false);
    expect(learnTokensFromEnv({ DEFECT_LEARN_TOKENS: "off" })).toBe(false);
    expect(learnTokensFromEnv({ DEFECT_LEARN_TOKENS: " ON " })).toBe(true);
    expect(() => learnTokensFromEnv({ DEFECT_LEARN_TOKENS: "yes" })).toThrow(
      /DEFECT_LEARN_TOKENS must be "on" or "off"/,
    );
  });
});

describe("a repository model learned with diff tokens", () => {
  const quiet = { info: () => {}, warn: () => {} };
  const config = learningSchema.parse(SMALL_LEARNING_CONFIG);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defect-learn-tokens-"));
  let history: ScriptedHistory;
  let now: Date;
  beforeAll(async () => {
    await trainPriorModel(path.join(tmp, "prior"));
    ({ history, now } = scriptedHistoryAtDay100());
  });
  afterAll(() => {
    fs.rmSync(history.dir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("mines the tokens, fits the token bag and scores a change with and without them", async () => {
    const store = openSqliteStore(":memory:");
    const deps = {
      ...createLearningDeps({
        store,
        dataDir: path.join(tmp, "data"),
        now: () => now,
        labelOptions: { maturityDays: 20 },
        log: quiet,
        tokens: true,
      }),
      defaultModel: priorDefaultModel(path.join(tmp, "prior")),
    };
    const out = await bootstrapRepository(deps, history.dir, { config });
    expect(out.status).toBe("trained");
    const mined = await store.commits.listCommits({ repository: history.dir, after: 0, limit: 5 });
    expect(mined.records.some((c) => c.tokens !== null && c.tokens.length > 0)).toBe(true);
    const [version] = await store.models.listVersions(history.dir);
    const { manifest, model } = await loadModelWithManifest(version.artifactDir);
    expect(manifest.members).toContain("bag");
    expect(manifest.tokens).toBe(true);
    expect(manifest.bagBlend).toBeDefined();
    const change = { la: 40, ld: 3, nf: 2, ns: 1, nd: 1, entropy: 0.8 };
    const [withTokens, without] = await model.predict([{ ...change, tok_17: 3, tok_900: 1 }, change]);
    [withTokens, without].forEach((p) => expect(p > 0 && p < 1).toBe(true));
    await store.close();
  });
});
