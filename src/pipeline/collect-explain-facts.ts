import type { Change } from "../change/types.js";
import { readFunctionChanges } from "../features/ast/list-function-changes.js";
import type { FileContentProvider } from "../features/types.js";
import type { FileHistoryFacts, FunctionChange } from "../report/describe-types.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";

/** Reads the last changes of each path (before the change's base) and how many of them were later fixed. */
export type FileHistoryReader = (paths: string[]) => Promise<Record<string, FileHistoryFacts>>;

/** How many files get per-function detail: the reasons name two functions at most, per scope. */
export const MAX_FUNCTION_FILES = 10;
/** How many files get their recent history looked up (one `git log` each, for a local repository). */
export const MAX_HISTORY_FILES = 20;

/**
 * Per-function complexity changes of the riskiest files (by `scores`, then by lines changed), for the
 * "`a.ts`: cyclomatic complexity +12 in `acquire()`" reasons.
 */
export async function collectFunctionChanges(
  change: Change,
  fileScores: Record<string, number>,
  contents: FileContentProvider,
  options: { max?: number; concurrency: number },
): Promise<FunctionChange[]> {
  const picked = [...change.files]
    .filter((f) => !f.binary && f.status !== "removed")
    .sort(
      (a, b) =>
        (fileScores[b.path] ?? 0) - (fileScores[a.path] ?? 0) ||
        b.additions + b.deletions - (a.additions + a.deletions),
    )
    .slice(0, options.max ?? MAX_FUNCTION_FILES);
  const lists = await mapWithConcurrency(picked, options.concurrency, (f) =>
    readFunctionChanges(f, contents),
  );
  return lists.flat();
}

/**
 * Recent history of the most-changed files that existed before the change. A failure is returned as a note:
 * the score and its other reasons stand without this detail.
 */
export async function collectFileHistory(
  change: Change,
  read: FileHistoryReader,
  max = MAX_HISTORY_FILES,
): Promise<{ fileHistory?: Record<string, FileHistoryFacts>; note?: string }> {
  const paths = [...change.files]
    .filter((f) => f.status !== "added")
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
    .slice(0, max)
    .map((f) => f.previousPath ?? f.path);
  if (paths.length === 0) return {};
  try {
    const byOldPath = await read(paths);
    const fileHistory: Record<string, FileHistoryFacts> = {};
    // Reasons are keyed by the change's (new) path; renamed files were looked up under their old one.
    for (const f of change.files) {
      const facts = byOldPath[f.previousPath ?? f.path];
      if (facts) fileHistory[f.path] = facts;
    }
    return { fileHistory };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { note: `Earlier changes of the files could not be read (${message}); reasons leave them out.` };
  }
}
