import type { MineSummary } from "../git/summarize-mining.js";
import { mineRepository } from "../pipeline/mine-repository.js";
import { createStore } from "../store/index.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect mine --repo PATH [--since DATE|REV] [--db FILE] [--ast] [--tokens] [--full] [--json]

Mines a local repository's history into one feature record per commit (Kamei's 14 metrics; optionally
AST complexity deltas and diff tokens), with one streamed git log. A second run resumes where the first stopped.
  --repo PATH        local clone or bare mirror (required)
  --since DATE|REV   store records only for commits after DATE (YYYY-MM-DD) or REV (history before still counts)
  --db FILE          SQLite store (default: $DEFECT_DATA_DIR/defect-predictor.sqlite or ./data/…)
  --repository NAME  name to store records under (default: the repository's absolute path)
  --ast              add AST complexity features (reads patches and file contents: slower)
  --tokens           add hashed diff tokens (reads patches: slower)
  --full             ignore the saved state and mine from the first commit
  --json             print the summary as JSON`;

/** A bar on a terminal; otherwise a plain line every 10 % (readable in CI logs). */
export function createProgressPrinter(tty: boolean, write: (text: string) => void) {
  let lastDecile = -1;
  let lastDraw = 0;
  return (done: number, total: number) => {
    if (total === 0) return;
    const share = Math.min(1, done / total);
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const bar = "#".repeat(Math.round(share * 30)).padEnd(30, ".");
      write(`\rmining [${bar}] ${done}/${total}${done >= total ? "\n" : ""}`);
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      write(`mining: ${done}/${total} commits\n`);
    }
  };
}

/** The run's summary in a few human lines. */
export function formatSummary(s: MineSummary): string {
  return [
    `Mined ${s.repository} up to ${s.head.slice(0, 12)}${s.resumedFrom ? ` (resumed after ${s.resumedFrom.slice(0, 12)})` : ""}`,
    `  commits walked ${s.commits}, records written ${s.mined}, records stored in total ${s.stored}`,
    `  skipped: ${s.skipped.merge} merges, ${s.skipped["missing-object"]} with missing objects, ${s.skipped.empty} empty`,
    `  renames ${s.renames}, deleted files ${s.deletedFiles}, binary files ${s.binaryFiles}, submodule changes ${s.submoduleChanges}, non-UTF-8 paths ${s.nonUtf8Paths}`,
    `  AST parse failures ${s.astParseFailures}, extraction errors ${s.extractionErrors}, git log processes ${s.gitProcesses}`,
    `  ${s.seconds.toFixed(1)} s (${s.seconds > 0 ? Math.round(s.commits / s.seconds) : "-"} commits/s)`,
  ].join("\n");
}

export const command: CliCommand = {
  summary: "Mine a repository's history into per-commit features (Kamei metrics, AST, tokens)",
  usage: USAGE,
  options: {
    repo: { type: "string" },
    since: { type: "string" },
    db: { type: "string" },
    repository: { type: "string" },
    ast: { type: "boolean" },
    tokens: { type: "boolean" },
    full: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(values) {
    if (typeof values.repo !== "string") {
      console.error(`defect mine: --repo PATH is required.\n\n${USAGE}`);
      return 2;
    }
    const store = await createStore({ file: values.db as string | undefined });
    try {
      const summary = await mineRepository({
        repo: values.repo,
        store,
        since: values.since as string | undefined,
        repository: values.repository as string | undefined,
        ast: values.ast === true,
        tokens: values.tokens === true,
        full: values.full === true,
        onProgress: createProgressPrinter(process.stderr.isTTY === true, (t) => process.stderr.write(t)),
      });
      console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      return 0;
    } finally {
      await store.close();
    }
  },
};
