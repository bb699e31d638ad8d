import type { Change } from "../../change/types.js";
import type { FeatureExtractor, FeatureSpec, FeatureValues } from "../types.js";
import { TOKEN_PREFIX, TOKEN_VOCABULARY, tokenBucket } from "./encode-token-counts.js";
import { tokenizeLine } from "./tokenize-line.js";

export {
  decodeTokenCounts,
  encodeBucketCounts,
  encodeTokenCounts,
  TOKEN_PREFIX,
  TOKEN_VOCABULARY,
} from "./encode-token-counts.js";

/** Counts of hashed tokens of the added and deleted lines of a change, keyed by bucket. */
export function countDiffTokens(change: Change): Map<number, number> {
  return countFileTokens(change.files);
}

/** The same for parsed diff files (anything with hunks of added/deleted/context lines). */
export function countFileTokens(
  files: readonly Pick<Change["files"][number], "hunks">[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const file of files) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === "context") continue;
        const side = line.kind === "add" ? "+" : "-";
        for (const token of tokenizeLine(line.text)) {
          const bucket = tokenBucket(side, token);
          counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

const NAMES = Array.from({ length: TOKEN_VOCABULARY }, (_, i) => `${TOKEN_PREFIX}${i}`);

const specs: FeatureSpec[] = NAMES.map((name, i) => ({
  name,
  group: "tokens",
  description: `Count of diff tokens hashed to bucket ${i} (FNV-1a of "+token"/"-token").`,
  unit: "tokens",
  transform: "log1p",
}));

/**
 * Diff tokens as `tok_<bucket>` counts. Every bucket is returned (0 when absent) because the registry checks
 * each declared feature; stores keep only the non-zero ones (see encodeTokenCounts).
 * When the change has no hunks at all (patches omitted) the values are null: unknown, not zero.
 */
export const diffTokensExtractor: FeatureExtractor = {
  name: "diff-tokens",
  features: specs,
  extract({ change }) {
    const known = change.files.some((f) => f.hunks.length > 0);
    const counts = countDiffTokens(change);
    const values: FeatureValues = {};
    for (let i = 0; i < TOKEN_VOCABULARY; i++) values[NAMES[i]] = known ? (counts.get(i) ?? 0) : null;
    return values;
  },
};

/** The tokens extractors, registered by the default registry. Owned by the miner (src/features/tokens/). */
export const tokensExtractors: FeatureExtractor[] = [diffTokensExtractor];
