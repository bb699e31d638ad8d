import type { Change } from "../change/types.js";
import type { FileContentProvider } from "../features/types.js";
import type { FileHistoryReader } from "./collect-explain-facts.js";

/** What a local mirror adds to one change's scoring. */
export interface LocalFacts {
  contents?: FileContentProvider;
  fileHistory?: FileHistoryReader;
  /** Releases what reading them holds open (a `git cat-file --batch` process). */
  close?: () => void;
}

/** The mirror's extras for a change; a failure costs only those extras (and says so), never the score. */
export async function readLocalFacts(
  read: ((change: Change) => Promise<LocalFacts | null>) | undefined,
  change: Change,
  log: { warn(obj: object, msg?: string): void },
): Promise<{ facts: LocalFacts | null; note?: string }> {
  if (!read) return { facts: null };
  try {
    return { facts: await read(change) };
  } catch (error) {
    log.warn(
      { repository: change.repository },
      `local mirror facts unavailable: ${(error as Error).message}`,
    );
    return {
      facts: null,
      note: "Complexity and per-file outcome details are unavailable: the repository mirror could not be read.",
    };
  }
}
