import type { ChangedFile } from "../change/types.js";
import type { FileContentProvider } from "../features/types.js";
import { CatFileBatch } from "./cat-file-batch.js";

/** Largest file read for AST features; bigger files are treated as unavailable (generated code, bundles). */
const MAX_BYTES = 1_000_000;

/** A {@link FileContentProvider} over local git: one `git cat-file --batch` process for every read. */
export interface GitContentProvider {
  /** Contents of the files of the change `base..head`. */
  forChange(baseSha: string, headSha: string): FileContentProvider;
  close(): void;
}

export function createGitContentProvider(repo: string): GitContentProvider {
  const batch = new CatFileBatch(repo);
  const read = async (rev: string, path: string): Promise<string | null> => {
    if (!rev) return null;
    const object = await batch.read(`${rev}:${path}`);
    if (!object || object.type !== "blob" || object.content.length > MAX_BYTES) return null;
    return object.content.toString("utf8");
  };
  return {
    forChange(baseSha, headSha) {
      return {
        before: (f: ChangedFile) =>
          f.status === "added" ? Promise.resolve(null) : read(baseSha, f.previousPath ?? f.path),
        after: (f: ChangedFile) => (f.status === "removed" ? Promise.resolve(null) : read(headSha, f.path)),
      };
    },
    close: () => batch.close(),
  };
}
