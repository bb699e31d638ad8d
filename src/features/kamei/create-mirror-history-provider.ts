import { updateMirror, type MirrorOptions } from "../../git/mirror-repository.js";
import type { HistoryProvider } from "../types.js";
import { createLocalHistoryProvider } from "./create-local-history-provider.js";

/**
 * History features from a local mirror clone of a GitHub repository (the default when the data directory is
 * writable): the mirror is cloned on first use and fetched whenever a change's base commit is not in it yet.
 */
export function createMirrorHistoryProvider(options: MirrorOptions): HistoryProvider {
  let local: HistoryProvider | null = null;
  return {
    async historyFeatures(change) {
      if (!local) {
        const dir = await updateMirror(options);
        local = createLocalHistoryProvider(dir, { refresh: async () => void (await updateMirror(options)) });
      }
      return local.historyFeatures(change);
    },
  };
}
