import type { BandThresholds, RiskBand } from "../model/types.js";
import { formatRisk } from "./format-markdown.js";

const MEANING: Record<RiskBand, string> = {
  low: "Lower risk than most changes: review as usual.",
  medium: "Above the typical risk: worth a careful review of the files below.",
  high: "Among the riskiest changes: review the files below closely; splitting the change or adding tests lowers the risk.",
};

/** One sentence on what a band means for the reviewer. */
export function describeBand(band: RiskBand): string {
  return MEANING[band];
}

/** "low < 0.20 ≤ medium < 0.45 ≤ high", or "" when the thresholds are not known. */
export function describeThresholds(bands: BandThresholds | undefined): string {
  if (!bands) return "";
  return `low < ${formatRisk(bands.medium)} ≤ medium < ${formatRisk(bands.high)} ≤ high`;
}
