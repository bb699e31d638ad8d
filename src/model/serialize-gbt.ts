import type { GbtModel, GbtTree } from "./gradient-boosted-trees.js";
import type { ForestModel } from "./random-forest.js";

/**
 * Compact JSON for trees (about half the size of plain JSON.stringify). Thresholds are float32 values of the
 * training data, so 9 significant digits round-trip them exactly through Math.fround; leaf values keep 7 digits.
 */
export function serializeGbt(model: GbtModel): string {
  return JSON.stringify({
    kind: "gbt",
    featureCount: model.featureCount,
    base: model.base,
    trees: compactTrees(model.trees),
  });
}

/** The same compact layout for a random forest (leaf values are per-tree shares of a probability). */
export function serializeForest(model: ForestModel): string {
  return JSON.stringify({
    kind: "forest",
    featureCount: model.featureCount,
    trees: compactTrees(model.trees),
  });
}

function compactTrees(trees: GbtTree[]) {
  return trees.map((t) => ({
    f: t.feature,
    t: t.threshold.map((v, k) => (t.feature[k] < 0 ? 0 : Number(v.toPrecision(9)))),
    m: t.missingLeft.map((b) => (b ? 1 : 0)),
    l: t.left,
    r: t.right,
    v: t.value.map((v) => Number(v.toPrecision(7))),
  }));
}

/** Thrown when trees.json does not have the expected shape. */
export class GbtFormatError extends Error {
  override name = "GbtFormatError";
}

interface CompactTreesJson {
  kind?: string;
  featureCount: number;
  base?: number;
  trees: { f: number[]; t: number[]; m: number[]; l: number[]; r: number[]; v: number[] }[];
}

/** Parses {@link serializeGbt}'s output. */
export function parseGbt(text: string): GbtModel {
  const json = JSON.parse(text) as CompactTreesJson;
  if (json.kind !== "gbt" || !Array.isArray(json.trees)) throw new GbtFormatError("not a trees file");
  return { kind: "gbt", featureCount: json.featureCount, base: json.base ?? 0, trees: expandTrees(json) };
}

/** Parses {@link serializeForest}'s output. */
export function parseForest(text: string): ForestModel {
  const json = JSON.parse(text) as CompactTreesJson;
  if (json.kind !== "forest" || !Array.isArray(json.trees)) throw new GbtFormatError("not a forest file");
  return { kind: "forest", featureCount: json.featureCount, trees: expandTrees(json) };
}

function expandTrees(json: CompactTreesJson): GbtTree[] {
  return json.trees.map((t) => {
    const n = t.f.length;
    if ([t.t, t.m, t.l, t.r, t.v].some((a) => a.length !== n))
      throw new GbtFormatError("tree arrays differ in length");
    return {
      feature: t.f,
      threshold: t.t.map((v) => Math.fround(v)),
      missingLeft: t.m.map((b) => b === 1),
      left: t.l,
      right: t.r,
      value: t.v,
    };
  });
}
