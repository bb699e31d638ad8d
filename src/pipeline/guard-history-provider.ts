import type { HistoryProvider } from "../features/types.js";

/** A history provider that never fails a score, and says afterwards what went wrong. */
export interface GuardedHistory {
  provider: HistoryProvider;
  /** The note for the check run when a lookup failed (mirror fetch, GitHub API, budget); null when all went well. */
  note(): string | null;
}

/**
 * Wraps a job's history provider: a failed lookup answers "unknown" for every history feature (the score then
 * rests on the diff), and the first failure becomes one reader-facing note instead of one error per extractor.
 */
export function guardHistoryProvider(provider: HistoryProvider): GuardedHistory {
  let failure: string | null = null;
  return {
    provider: {
      async historyFeatures(change) {
        try {
          return await provider.historyFeatures(change);
        } catch (error) {
          failure ??= error instanceof Error ? error.message : String(error);
          return {};
        }
      },
    },
    note: () =>
      failure === null
        ? null
        : `History features (file history, author experience) are unknown for this score: ${failure}. ` +
          "The score rests on the diff alone; the next push scores with history again.",
  };
}
