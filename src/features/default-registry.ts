import { astExtractors } from "./ast/index.js";
import { diffExtractors } from "./diff/index.js";
import { kameiExtractors } from "./kamei/index.js";
import { FeatureRegistry } from "./registry.js";
import { tokensExtractors } from "./tokens/index.js";
import type { FeatureExtractor } from "./types.js";

/**
 * The registry the app and the CLI use: the Kamei metrics, the diff features, then AST and token features from
 * their own folders. A new group plugs in by exporting its extractors there; the pipeline does not change.
 *
 * Kamei's size and diffusion metrics (la ld ns nd nf entropy) may be registered by the kamei group or by the
 * diff group — both compute them with the same functions (src/features/diff/compute-diff-metrics.ts). The kamei
 * group goes first; a diff extractor whose features it already produces in full is not registered again. Any
 * other overlap is a real clash and throws.
 * @throws {DuplicateFeatureError} when two groups claim the same feature name.
 */
export function createDefaultRegistry(): FeatureRegistry {
  const registry = new FeatureRegistry();
  for (const extractor of kameiExtractors) registry.register(extractor);
  for (const extractor of diffExtractors) {
    if (!coveredBy(registry, extractor)) registry.register(extractor);
  }
  for (const extractor of [...astExtractors, ...tokensExtractors]) registry.register(extractor);
  return registry;
}

function coveredBy(registry: FeatureRegistry, extractor: FeatureExtractor): boolean {
  return extractor.features.every((f) => registry.spec(f.name) !== undefined);
}
