import type { FeatureExtractor } from "../types.js";

/** How many separate places the change edits, and how big the largest edit is. */
export const hunksExtractor: FeatureExtractor = {
  name: "hunks",
  features: [
    {
      name: "hunks",
      group: "diff",
      description: "Hunks (separate edited regions) in the files whose patch is known.",
      unit: "hunks",
      transform: "log1p",
    },
    {
      name: "max_hunk_size",
      group: "diff",
      description: "Lines added plus deleted in the largest hunk.",
      unit: "lines",
      transform: "log1p",
    },
  ],
  extract: ({ change }) => {
    let hunks = 0;
    let max = 0;
    for (const file of change.files) {
      hunks += file.hunks.length;
      for (const h of file.hunks) max = Math.max(max, h.additions + h.deletions);
    }
    return { hunks, max_hunk_size: max };
  },
};
