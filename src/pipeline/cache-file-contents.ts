import type { ChangedFile } from "../change/types.js";
import type { FileContentProvider } from "../features/types.js";

/**
 * Wraps a {@link FileContentProvider} so each version of a file is read once per scoring: the whole-change AST
 * features, the per-file AST features and the per-function explanation detail all read the same blobs.
 * Lives for one `scoreChange` call, so it holds at most the change's own files.
 */
export function cacheFileContents(contents: FileContentProvider): FileContentProvider {
  const cache = new Map<string, Promise<string | null>>();
  const once = (side: "before" | "after", file: ChangedFile): Promise<string | null> => {
    const key = `${side}\0${file.status}\0${file.previousPath ?? ""}\0${file.path}`;
    let read = cache.get(key);
    if (!read) {
      read = contents[side](file);
      // A failed read is not remembered: the next reader retries and sees the error itself.
      read.catch(() => cache.delete(key));
      cache.set(key, read);
    }
    return read;
  };
  return { before: (file) => once("before", file), after: (file) => once("after", file) };
}
