import type { FeatureExtractor } from "../types.js";
import { kameiMetricExtractors } from "./kamei-extractors.js";

export { createLocalHistoryProvider } from "./create-local-history-provider.js";

/** The kamei extractors, registered by the default registry. Owned by the miner (src/features/kamei/). */
export const kameiExtractors: FeatureExtractor[] = kameiMetricExtractors;
