import type { LearningDeps } from "../../../src/learning/types.js";
import { KAMEI_FEATURES } from "../../../src/model/feature-schema.js";
import { loadModel } from "../../../src/model/load-model.js";
import { saveEnsemble } from "../../../src/model/save-model.js";
import { trainEnsemble } from "../../../src/model/train-ensemble.js";

/**
 * A small stand-in for the shipped cross-project model, trained in the test on synthetic changes that follow
 * the usual prior (larger, more diffuse changes to busy files are riskier). Tests use it instead of
 * models/default so that what they assert — a repository model beating "the default" on a repository that
 * breaks the prior — does not depend on whichever default model is shipped at the time.
 */
export async function trainPriorModel(dir: string): Promise<string> {
  let s = 99;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const rows = [];
  const labels = [];
  for (let i = 0; i < 400; i++) {
    const size = rand();
    const la = Math.round(2 + size * 300);
    const nf = 1 + Math.round(size * 8 * rand());
    rows.push({
      la,
      ld: Math.round(la / 3),
      nf,
      ns: 1,
      nd: Math.min(nf, 3),
      entropy: nf > 1 ? rand() * 2 : 0,
      lt: Math.round(rand() * 2000),
      fix: rand() < 0.2 ? 1 : 0,
      ndev: 1 + Math.round(rand() * 6),
      age: rand() * 200,
      nuc: Math.round(rand() * 30),
      exp: Math.round(rand() * 100),
      rexp: rand() * 20,
      sexp: Math.round(rand() * 50),
    });
    labels.push(rand() < 0.1 + 0.6 * size ? 1 : 0);
  }
  const { ensemble } = await trainEnsemble(
    { rows, labels },
    {
      features: KAMEI_FEATURES,
      members: ["mlp", "gbt", "logistic"],
      seed: 1,
      mlp: { epochs: 8 },
      gbt: { trees: 60 },
    },
  );
  const manifest = await saveEnsemble(ensemble, dir, {
    name: "default-test",
    metrics: {},
    dataCard: { source: "synthetic prior for tests" },
    training: {},
  });
  return manifest.version;
}

/** `LearningDeps.defaultModel` backed by the prior model trained into `dir`. */
export function priorDefaultModel(dir: string): LearningDeps["defaultModel"] {
  let loaded: ReturnType<typeof loadModel> | undefined;
  return async () => ({ model: await (loaded ??= loadModel(dir)), dir });
}
