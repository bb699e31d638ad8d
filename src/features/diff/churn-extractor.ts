import type { FeatureExtractor } from "../types.js";

/** Whether the change is one big edit or many small ones. */
export const churnExtractor: FeatureExtractor = {
  name: "churn",
  features: [
    {
      name: "max_file_churn",
      group: "diff",
      description: "Lines added plus deleted in the most-changed file.",
      unit: "lines",
      transform: "log1p",
    },
    {
      name: "top_file_churn_share",
      group: "diff",
      description: "Share of all changed lines that fall in the most-changed file (0 when nothing changed).",
      unit: "share",
      transform: "none",
    },
  ],
  extract: ({ change }) => {
    let max = 0;
    let total = 0;
    for (const f of change.files) {
      const churn = f.additions + f.deletions;
      total += churn;
      if (churn > max) max = churn;
    }
    return { max_file_churn: max, top_file_churn_share: total > 0 ? max / total : 0 };
  },
};
