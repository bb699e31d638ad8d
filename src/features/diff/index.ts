import type { FeatureExtractor } from "../types.js";
import { churnExtractor } from "./churn-extractor.js";
import { diffusionExtractor } from "./diffusion-extractor.js";
import { fileKindsExtractor } from "./file-kinds-extractor.js";
import { hunksExtractor } from "./hunks-extractor.js";
import { sizeExtractor } from "./size-extractor.js";

export {
  computeSize,
  computeDiffusion,
  changeEntropy,
  subsystemOf,
  directoryOf,
} from "./compute-diff-metrics.js";
export type { FileLineCounts } from "./compute-diff-metrics.js";
export { classifyFileKind, type FileKind } from "./classify-file-kind.js";

/** Features computed from the diff alone: always available, for GitHub PRs and local changes alike. */
export const diffExtractors: readonly FeatureExtractor[] = [
  sizeExtractor,
  diffusionExtractor,
  hunksExtractor,
  fileKindsExtractor,
  churnExtractor,
];
