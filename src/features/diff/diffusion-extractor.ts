import type { FeatureExtractor } from "../types.js";
import { computeDiffusion } from "./compute-diff-metrics.js";
import { lineCountsOf } from "./size-extractor.js";

/** NS, ND, NF and entropy (Kamei's diffusion dimension). */
export const diffusionExtractor: FeatureExtractor = {
  name: "diffusion",
  features: [
    {
      name: "ns",
      group: "kamei",
      description: "Subsystems (top-level directories) touched.",
      unit: "subsystems",
      transform: "log1p",
    },
    {
      name: "nd",
      group: "kamei",
      description: "Directories touched.",
      unit: "directories",
      transform: "log1p",
    },
    { name: "nf", group: "kamei", description: "Files touched.", unit: "files", transform: "log1p" },
    {
      name: "entropy",
      group: "kamei",
      description: "Shannon entropy of how the changed lines spread over the files.",
      unit: "bits",
      transform: "none",
    },
  ],
  extract: ({ change }) => computeDiffusion(lineCountsOf(change)),
};
