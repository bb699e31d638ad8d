import fs from "node:fs";
import path from "node:path";
import { runGit } from "../git/run-git.js";

/**
 * Writes a commit-graph with changed-path Bloom filters when the repository has none. `git blame` walks
 * history per file; the Bloom filters let it skip commits that did not touch the file, which is most of
 * SZZ's cost on long histories (see bench/szz.bench.ts). Returns true when it wrote one. Writing is the
 * same thing `git maintenance` does and changes no history; callers that must not write skip this.
 */
export async function ensureCommitGraph(cwd: string): Promise<boolean> {
  const objects = path.resolve(cwd, (await runGit(["rev-parse", "--git-path", "objects"], { cwd })).trim());
  const info = path.join(objects, "info");
  if (fs.existsSync(path.join(info, "commit-graph")) || fs.existsSync(path.join(info, "commit-graphs")))
    return false;
  await runGit(["commit-graph", "write", "--reachable", "--changed-paths"], { cwd });
  return true;
}
