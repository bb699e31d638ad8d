import type { Change } from "../../change/types.js";
import { developerKey, type HistoryChange, type HistoryFile } from "./history-state.js";

/** The author key of a change: the e-mail of its author (or of its last commit), else the name or login. */
export function authorKeyOf(change: Change): string {
  const last = change.commits[change.commits.length - 1];
  return developerKey(
    change.author.email ?? last?.authorEmail,
    change.author.name ?? last?.authorName ?? change.author.login,
  );
}

/** A change as the history state reads and records it. The same function serves commits and pull requests. */
export function historyChangeOf(change: Change): HistoryChange {
  const files: HistoryFile[] = change.files.map((f) => {
    const file: HistoryFile = {
      path: f.path,
      status:
        f.status === "removed"
          ? "removed"
          : f.status === "renamed"
            ? "renamed"
            : f.status === "added" || f.status === "copied"
              ? "added"
              : "modified",
      added: f.binary ? null : f.additions,
      deleted: f.binary ? null : f.deletions,
    };
    if (f.status === "renamed" && f.previousPath) file.previousPath = f.previousPath;
    return file;
  });
  return { time: Math.floor(Date.parse(change.createdAt) / 1000), author: authorKeyOf(change), files };
}
