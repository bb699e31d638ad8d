import type { Change } from "../../change/types.js";
import type { FeatureExtractor } from "../types.js";
import { computeSize, type FileLineCounts } from "./compute-diff-metrics.js";

/** Per-file line counts of a change; counts come from the file record, so omitted patches still count. */
export function lineCountsOf(change: Change): FileLineCounts[] {
  return change.files.map((f) => ({ path: f.path, additions: f.additions, deletions: f.deletions }));
}

/** LA and LD (Kamei's size dimension). */
export const sizeExtractor: FeatureExtractor = {
  name: "size",
  features: [
    { name: "la", group: "kamei", description: "Lines added.", unit: "lines", transform: "log1p" },
    { name: "ld", group: "kamei", description: "Lines deleted.", unit: "lines", transform: "log1p" },
  ],
  extract: ({ change }) => computeSize(lineCountsOf(change)),
};
