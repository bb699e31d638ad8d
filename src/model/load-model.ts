import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "./backend.js";
import type { Ensemble } from "./ensemble.js";
import { toRiskModel } from "./ensemble.js";
import { DERIVED_FEATURES, KAMEI_NAMES } from "./feature-schema.js";
import type { LogisticModel } from "./logistic-regression.js";
import { type ModelManifest, manifestSchema, MANIFEST_FORMAT } from "./manifest.js";
import { combinedChecksum, sha256 } from "./save-model.js";
import { parseForest, parseGbt } from "./serialize-gbt.js";
import { parseBag } from "./token-bag.js";
import type { RiskModel } from "./types.js";

/** Thrown when a model directory is missing, corrupted, or does not match what the code expects. */
export class ModelArtifactError extends Error {
  override name = "ModelArtifactError";
}

/** A loaded model with its manifest (for `defect eval`, reports and the models registry). */
export interface LoadedModel {
  model: RiskModel;
  ensemble: Ensemble;
  manifest: ModelManifest;
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** models/default/ of this package (resolved from this file, not from the working directory). */
export const DEFAULT_MODEL_DIR = path.join(PACKAGE_ROOT, "models", "default");

async function readArtifact(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, name));
  } catch (error) {
    throw new ModelArtifactError(
      `model directory ${dir} has no readable ${name} (${(error as NodeJS.ErrnoException).code ?? "error"}). ` +
        `Point --model at a directory written by \`defect train\`, or run \`npm run train:default\` for the default model.`,
    );
  }
}

function parseManifest(dir: string, text: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelArtifactError(
      `${dir}/manifest.json is not valid JSON; the model is corrupted. Retrain it with \`defect train\`.`,
    );
  }
  const format = (json as { format?: unknown })?.format;
  if (format !== MANIFEST_FORMAT) {
    throw new ModelArtifactError(
      `${dir}/manifest.json has format ${JSON.stringify(format)}, this version reads "${MANIFEST_FORMAT}". Retrain the model with this version of \`defect train\`.`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelArtifactError(
      `${dir}/manifest.json does not match the model schema (${issue.path.join(".")}: ${issue.message}). Retrain the model with \`defect train\`.`,
    );
  }
  return parsed.data;
}

/** Options of {@link loadModelWithManifest}. */
export interface LoadOptions {
  /** Feature names the caller will supply; the model's must be a subset (others would always be "missing"). */
  expectFeatures?: readonly string[];
}

/** Loads a model directory, verifying each file's sha256, the combined checksum and the feature schema. */
export async function loadModelWithManifest(dir: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const manifest = parseManifest(dir, (await readArtifact(dir, "manifest.json")).toString("utf8"));
  const contents: Record<string, Buffer> = {};
  for (const [name, expected] of Object.entries(manifest.files)) {
    const data = await readArtifact(dir, name);
    if (sha256(data) !== expected) {
      throw new ModelArtifactError(
        `${path.join(dir, name)} does not match its checksum in manifest.json: the model is corrupted or was edited. ` +
          `Restore it (e.g. \`git checkout models/\`) or retrain with \`defect train\`.`,
      );
    }
    contents[name] = data;
  }
  if (combinedChecksum(manifest.files) !== manifest.checksum) {
    throw new ModelArtifactError(
      `${dir}/manifest.json checksum does not match its file list; retrain the model.`,
    );
  }
  const names = manifest.features.map((f) => f.name);
  if (new Set(names).size !== names.length) {
    throw new ModelArtifactError(`${dir}/manifest.json lists a feature twice; retrain the model.`);
  }
  const produced = new Set(options.expectFeatures ?? []);
  // Derived features are computed from their inputs at scoring time, so they count as produced when those are.
  for (const d of DERIVED_FEATURES) if (d.inputs.every((i) => produced.has(i))) produced.add(d.name);
  const unknown = options.expectFeatures ? names.filter((n) => !produced.has(n)) : [];
  if (unknown.length) {
    throw new ModelArtifactError(
      `model in ${dir} expects features this code does not produce: ${unknown.join(", ")}. ` +
        `Use a model trained on this feature set (retrain with \`defect train\`).`,
    );
  }
  const ensemble: Ensemble = {
    prep: { columns: manifest.features, groups: manifest.groups, tokens: manifest.tokens },
    calibration: manifest.calibration,
    bands: manifest.bands,
    bandPolicy: manifest.bandPolicy,
  };
  const expectedDim = names.length + manifest.groups.length;
  if (manifest.members.includes("mlp")) {
    await ensureBackend();
    const json = JSON.parse(contents["model.json"].toString("utf8"));
    const weights = contents["weights.bin"];
    ensemble.mlp = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
    const inputDim = ensemble.mlp.inputs[0].shape[1];
    if (inputDim !== expectedDim) {
      throw new ModelArtifactError(
        `${dir}/model.json takes ${inputDim} inputs but the manifest's schema gives ${expectedDim}; retrain the model.`,
      );
    }
  }
  if (manifest.members.includes("gbt")) {
    ensemble.gbt = parseGbt(contents["trees.json"].toString("utf8"));
    if (ensemble.gbt.featureCount !== names.length) {
      throw new ModelArtifactError(
        `${dir}/trees.json uses ${ensemble.gbt.featureCount} features, the manifest ${names.length}; retrain.`,
      );
    }
  }
  if (manifest.members.includes("forest")) {
    ensemble.forest = parseForest(contents["forest.json"].toString("utf8"));
    if (ensemble.forest.featureCount !== names.length) {
      throw new ModelArtifactError(
        `${dir}/forest.json uses ${ensemble.forest.featureCount} features, the manifest ${names.length}; retrain.`,
      );
    }
  }
  if (manifest.members.includes("logistic")) {
    ensemble.logistic = JSON.parse(contents["linear.json"].toString("utf8")) as LogisticModel;
    if (ensemble.logistic.weights.length !== expectedDim) {
      throw new ModelArtifactError(
        `${dir}/linear.json has ${ensemble.logistic.weights.length} weights, expected ${expectedDim}; retrain.`,
      );
    }
  }
  if (manifest.members.includes("bag")) {
    if (!manifest.tokens || !manifest.bagBlend) {
      throw new ModelArtifactError(
        `${dir}/manifest.json lists a token bag but ${manifest.tokens ? "no bagBlend" : "no token input"}; retrain.`,
      );
    }
    let parsed;
    try {
      parsed = parseBag(contents["bag.json"].toString("utf8"));
    } catch (error) {
      throw new ModelArtifactError(`${dir}/bag.json: ${(error as Error).message}; retrain.`);
    }
    // bag.json's blend is the checksummed one; the manifest's copy is for people, and must agree.
    if (JSON.stringify(parsed.blend) !== JSON.stringify(manifest.bagBlend)) {
      throw new ModelArtifactError(
        `${dir}/manifest.json's bagBlend differs from bag.json's; restore or retrain.`,
      );
    }
    ensemble.bag = parsed.bag;
    ensemble.blend = parsed.blend;
  }
  return { model: toRiskModel(ensemble, manifest.version), ensemble, manifest };
}

/** Loads the model in `dir` as a RiskModel (checksum and schema verified). */
export async function loadModel(dir: string): Promise<RiskModel> {
  return (await loadModelWithManifest(dir)).model;
}

let defaultModel: Promise<RiskModel> | undefined;

/**
 * The shipped default model (models/default/, trained on the 14 Kamei metrics), loaded once per process.
 * History features may be null: the model was trained with that group masked on part of its rows.
 */
export function loadDefaultModel(): Promise<RiskModel> {
  defaultModel ??= loadModelWithManifest(DEFAULT_MODEL_DIR, { expectFeatures: KAMEI_NAMES }).then(
    (m) => m.model,
  );
  defaultModel.catch(() => (defaultModel = undefined));
  return defaultModel;
}
