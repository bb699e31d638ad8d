import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { type Ensemble, membersOf } from "./ensemble.js";
import { MANIFEST_FORMAT, type ModelManifest } from "./manifest.js";
import { serializeForest, serializeGbt } from "./serialize-gbt.js";
import { serializeBag } from "./token-bag.js";

/** What the caller adds to the manifest when saving. */
export interface SaveInfo {
  /** Prefix of the version string, e.g. "default" or a repository slug. */
  name: string;
  metrics: ModelManifest["metrics"];
  dataCard: ModelManifest["dataCard"];
  training: ModelManifest["training"];
  /** Fixed timestamp for reproducible artifacts; defaults to now. */
  createdAt?: string;
}

/** Every artifact file a model directory may hold besides manifest.json. */
const ARTIFACT_FILES = ["model.json", "weights.bin", "trees.json", "forest.json", "linear.json", "bag.json"];

/** sha256 hex of bytes. */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The manifest checksum: sha256 over "name:sha256\n" lines in name order. */
export function combinedChecksum(files: Record<string, string>): string {
  return sha256(
    Object.keys(files)
      .sort()
      .map((name) => `${name}:${files[name]}\n`)
      .join(""),
  );
}

async function serialiseMlp(model: tf.LayersModel): Promise<{ json: string; weights: Uint8Array }> {
  let json = "";
  let weights = new Uint8Array(0);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      json = JSON.stringify({
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      });
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  return { json, weights };
}

/** Writes model.json + weights.bin (MLP), trees.json (GBT), forest.json (random forest), linear.json (logistic), bag.json (token bag) and manifest.json into `dir`. */
export async function saveEnsemble(e: Ensemble, dir: string, info: SaveInfo): Promise<ModelManifest> {
  await mkdir(dir, { recursive: true });
  const contents: Record<string, Uint8Array | string> = {};
  if (e.mlp) {
    const { json, weights } = await serialiseMlp(e.mlp);
    contents["model.json"] = json;
    contents["weights.bin"] = weights;
  }
  if (e.gbt) contents["trees.json"] = serializeGbt(e.gbt);
  if (e.forest) contents["forest.json"] = serializeForest(e.forest);
  if (e.logistic) contents["linear.json"] = JSON.stringify(e.logistic);
  if (e.bag) {
    if (!e.blend) throw new Error("an ensemble with a token bag needs its blend");
    contents["bag.json"] = serializeBag(e.bag, e.blend);
  }
  // A member this model does not have must not leave an older model's file behind.
  for (const stale of ARTIFACT_FILES)
    if (!(stale in contents)) await rm(path.join(dir, stale), { force: true });
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(contents)) {
    await writeFile(path.join(dir, name), data);
    files[name] = sha256(data);
  }
  const checksum = combinedChecksum(files);
  const date = (info.createdAt ?? new Date().toISOString()).slice(0, 10).replace(/-/g, ".");
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    version: `${info.name}-${date}-${checksum.slice(0, 7)}`,
    createdAt: info.createdAt ?? new Date().toISOString(),
    features: e.prep.columns,
    groups: e.prep.groups,
    tokens: e.prep.tokens,
    missing:
      "a null/absent feature is replaced by its training mean (0 after scaling); each group has a presence input " +
      "that is 0 when every feature of the group is missing; trees route missing values along a learned branch",
    members: membersOf(e),
    ...(e.blend ? { bagBlend: e.blend } : {}),
    calibration: e.calibration,
    bands: e.bands,
    bandPolicy: e.bandPolicy,
    metrics: info.metrics,
    dataCard: info.dataCard,
    training: info.training,
    files,
    checksum,
  };
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
