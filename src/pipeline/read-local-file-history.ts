import { runGit } from "../git/run-git.js";
import type { FileHistoryFacts } from "../report/describe-types.js";
import type { LabelStore } from "../store/labels.js";
import { mapWithConcurrency } from "../util/map-with-concurrency.js";
import type { FileHistoryReader } from "./collect-explain-facts.js";

/** Where {@link createLocalFileHistory} reads: a local repository and the labels `defect label` wrote. */
export interface LocalFileHistoryInput {
  /** Work tree or bare repository. */
  repoPath: string;
  /** Name the labels are stored under (`defect label`'s: owner/name of a GitHub origin, else the path). */
  repository: string;
  labels: LabelStore;
  /** Commit the history ends at (inclusive): the change's base, so the change itself is never counted. */
  until: string;
  /** How many of each file's last changes to look at. Default 10. */
  recent?: number;
  /** `git log` processes at once. Default 4. */
  concurrency?: number;
}

/**
 * Reads "k of the last N changes to this file were later fixed": one `git log` per path (the caller caps the
 * paths), joined with the commits the labels store marks as bug-inducing (SZZ, reverts or feedback). Files
 * with no earlier commit are left out.
 */
export function createLocalFileHistory(input: LocalFileHistoryInput): FileHistoryReader {
  const recent = input.recent ?? 10;
  let implicated: Promise<Set<string>> | undefined;
  return async (paths) => {
    implicated ??= input.labels.listImplicatedCommits(input.repository);
    const bugs = await implicated;
    const logs = await mapWithConcurrency(paths, input.concurrency ?? 4, (path) =>
      runGit(["log", `-n${recent}`, "--no-show-signature", "--format=%H", input.until, "--", path], {
        cwd: input.repoPath,
      }),
    );
    const out: Record<string, FileHistoryFacts> = {};
    paths.forEach((path, i) => {
      const shas = logs[i].split("\n").filter((l) => /^[0-9a-f]{40,64}$/.test(l));
      if (shas.length === 0) return;
      out[path] = { recentChanges: shas.length, laterFixed: shas.filter((s) => bugs.has(s)).length };
    });
    return out;
  };
}
