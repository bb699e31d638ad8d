import type { BandThresholds, RiskBand } from "../model/types.js";

/** The band of a calibrated probability: at or above `high` is high, at or above `medium` is medium. */
export function assignBand(probability: number, bands: BandThresholds): RiskBand {
  if (probability >= bands.high) return "high";
  if (probability >= bands.medium) return "medium";
  return "low";
}
