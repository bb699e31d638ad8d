import fs from "node:fs";
import { parseLabelOptions } from "../labels/label-options.js";
import { parseFixList, type FixListEntry } from "../labels/list-commits.js";
import { labelRepository, type LabelRepositorySummary } from "../pipeline/label-repository.js";
import { createStore } from "../store/index.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect label --repo PATH [--db FILE] [--fixes FILE] [--since DATE] [--repository NAME]
                    [--maturity-days N] [--max-files N] [--max-lines N] [--moves none|M|C] [--force] [--read-only] [--json]

Labels a local history: bug fixes traced back with SZZ, reverts, and merge outcomes.
  --repo PATH        local clone or bare mirror (required)
  --db FILE          SQLite store (default: $DEFECT_DATA_DIR/defect-predictor.sqlite or ./data/…)
  --fixes FILE       one fix commit hash per line: SZZ runs on exactly those (e.g. exported from Jira);
                     an optional second column, the issue's opening date, enables the issue-date filter
  --since DATE       only commits after DATE (anything git log --since accepts) count as fixes/outcomes
  --repository NAME  name to store labels under (default: owner/name of a GitHub origin, else the path)
  --maturity-days N  days before a merged, unimplicated commit is clean (default 90)
  --max-files N      commits touching more files are never blamed (default 100)
  --max-lines N      commits changing more lines are never blamed (default 10000)
  --moves none|M|C   blame move/copy detection (default none: follows whole-file renames)
  --force            re-run fixes already recorded with the same options
  --read-only        do not write a commit-graph into the repository (blame is then slower)
  --json             print the summary as JSON`;

function num(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${flag} expects a number, got "${String(value)}".`);
  return n;
}

/** A one-line progress bar on a TTY, a line per 10 % otherwise (logs stay readable). */
function progressPrinter(tty: boolean) {
  let lastDecile = -1;
  return (done: number, total: number, stage: string) => {
    if (total === 0) return;
    const share = done / total;
    if (tty) {
      const width = 30;
      const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
      process.stderr.write(`\r${stage.padEnd(9)} [${bar}] ${done}/${total}${done === total ? "\n" : ""}`);
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile !== lastDecile || done === total) {
      lastDecile = decile;
      console.error(`${stage}: ${done}/${total}`);
    }
  };
}

/** Human summary of a run. */
export function formatSummary(s: LabelRepositorySummary): string {
  const lines = [
    `Repository: ${s.repository} (${s.commits} commits considered, ${s.seconds.toFixed(1)} s)`,
    `Fixes found: ${s.fixesFound} (traced ${s.fixesTraced}, already labelled ${s.fixesAlreadyDone}, not traceable ${s.fixesNotTraced.length})`,
    `Reverts: ${s.reverts}`,
    `Inducing commits (active bug labels): ${s.inducingCommits}`,
    "Labels by source:",
  ];
  for (const [source, counts] of Object.entries(s.bySource)) {
    const parts = Object.entries(counts).map(([label, n]) => `${label} ${n}`);
    lines.push(`  ${source.padEnd(9)} ${parts.length ? parts.join(", ") : "none"}`);
  }
  if (s.missingFixes.length) {
    lines.push(
      `Not in the repository (${s.missingFixes.length}): ${s.missingFixes.slice(0, 10).join(", ")}${s.missingFixes.length > 10 ? ", …" : ""}`,
    );
    lines.push("  Check the hashes, or fetch the history that contains them, then run again.");
  }
  return lines.join("\n");
}

export const command: CliCommand = {
  summary: "Label a local history: SZZ on bug fixes, reverts, merge outcomes",
  usage: USAGE,
  options: {
    repo: { type: "string" },
    db: { type: "string" },
    fixes: { type: "string" },
    since: { type: "string" },
    repository: { type: "string" },
    "maturity-days": { type: "string" },
    "max-files": { type: "string" },
    "max-lines": { type: "string" },
    moves: { type: "string" },
    force: { type: "boolean" },
    "read-only": { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(values) {
    if (typeof values.repo !== "string") {
      console.error(`defect label: --repo PATH is required.\n\n${USAGE}`);
      return 2;
    }
    const options = parseLabelOptions(
      Object.fromEntries(
        Object.entries({
          maturityDays: num(values["maturity-days"], "--maturity-days"),
          maxInducerFiles: num(values["max-files"], "--max-files"),
          maxInducerLines: num(values["max-lines"], "--max-lines"),
          moveDetection: values.moves,
        }).filter(([, v]) => v !== undefined),
      ),
    );
    let fixes: FixListEntry[] | undefined;
    if (typeof values.fixes === "string") {
      if (!fs.existsSync(values.fixes))
        throw new Error(`--fixes ${values.fixes}: no such file. Give a file with one hash per line.`);
      fixes = parseFixList(fs.readFileSync(values.fixes, "utf8"));
    }
    const store = await createStore({ file: typeof values.db === "string" ? values.db : undefined });
    try {
      const summary = await labelRepository({
        store: store.labels,
        repoPath: values.repo,
        repository: typeof values.repository === "string" ? values.repository : undefined,
        options,
        fixes,
        since: typeof values.since === "string" ? values.since : undefined,
        force: values.force === true,
        readOnly: values["read-only"] === true,
        onProgress: progressPrinter(Boolean(process.stderr.isTTY)),
      });
      console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      return 0;
    } finally {
      await store.close();
    }
  },
};
