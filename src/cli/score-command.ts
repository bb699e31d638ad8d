import fs from "node:fs";
import type { FileContentProvider, HistoryProvider } from "../features/types.js";
import { readLocalChange } from "../git/read-local-change.js";
import { repositoryNameOf } from "../pipeline/label-repository.js";
import { createLocalFileHistory } from "../pipeline/read-local-file-history.js";
import { createStore, defaultDatabaseFile, type Store } from "../store/index.js";
import type { RiskModel } from "../model/types.js";
import { scoreChange } from "../pipeline/score-change.js";
import { REPORT_FORMATS, renderScore, type ReportFormat } from "../report/render-score.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect score [--repo PATH] [--base REF] [--head REF] [--format text|markdown|json|explain] [--model DIR]

Scores a local change the way the "Defect risk" check run scores a pull request, and prints the same report.

Options:
  --repo PATH        repository (work tree or bare); default: the current directory
  --base REF         base commit; default: merge-base of --head with the default branch
                     (origin/HEAD, main, master), or --head's parent when --head is on it
  --head REF         head commit; default: HEAD
  --format FORMAT    text (default), markdown (the check run's markdown), explain (the /defect explain
                     reply) or json (everything)
  --model DIR        model directory written by \`defect train\`; default: the shipped models/default
  --ignore GLOB      leave matching paths out (repeatable), e.g. --ignore "docs/**"
  --no-history       skip the history features (faster on very long histories; the model masks them)
  --db FILE          SQLite store with the labels of \`defect label\`, for "k of the last 10 changes to a.ts
                     were later fixed"; default: $DEFECT_DATA_DIR/defect-predictor.sqlite or ./data/… if it exists
  --repository NAME  name the labels are stored under (default: as \`defect label\`: GitHub owner/name, else the path)`;

/** `defect score`: local git → Change → scoreChange → the check run's report on stdout. */
export const command: CliCommand = {
  summary: "Score a local change (base..head) and print the defect-risk report",
  usage: USAGE,
  options: {
    repo: { type: "string" },
    base: { type: "string" },
    head: { type: "string" },
    format: { type: "string", default: "text" },
    model: { type: "string" },
    ignore: { type: "string", multiple: true },
    "no-history": { type: "boolean" },
    db: { type: "string" },
    repository: { type: "string" },
  },
  async run(values) {
    const format = String(values.format ?? "text") as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) {
      console.error(
        `defect score: --format must be one of ${REPORT_FORMATS.join(", ")} (got "${format}")\n\n${USAGE}`,
      );
      return 2;
    }
    const repo = typeof values.repo === "string" ? values.repo : ".";
    const { change, range } = await readLocalChange({
      repo,
      base: typeof values.base === "string" ? values.base : undefined,
      head: typeof values.head === "string" ? values.head : undefined,
    });
    const model = await loadRiskModel(typeof values.model === "string" ? values.model : undefined);
    const notes: string[] = [
      `Compared ${range.baseSha.slice(0, 12)}..${range.headSha.slice(0, 12)} (${range.baseReason}).`,
    ];
    let history: HistoryProvider | undefined;
    if (values["no-history"])
      notes.push("History features were skipped (--no-history); the model scored without them.");
    else {
      history = await loadHistoryProvider(change.repository);
      if (!history) notes.push("History features unavailable in this build; the model scored without them.");
    }
    const ignore = Array.isArray(values.ignore) ? values.ignore.map(String) : undefined;
    const contents = await loadContentProvider(change.repository);
    if (!contents) notes.push("File contents unavailable in this build; AST features were left unknown.");
    const labels = await openLabels(typeof values.db === "string" ? values.db : undefined);
    let result;
    try {
      const fileHistory = labels
        ? createLocalFileHistory({
            repoPath: change.repository,
            repository:
              typeof values.repository === "string"
                ? values.repository
                : await repositoryNameOf(change.repository),
            labels: labels.store.labels,
            until: change.baseSha,
          })
        : undefined;
      if (labels) notes.push(`Earlier changes' outcomes read from ${labels.file}.`);
      result = await scoreChange(change, {
        model,
        history,
        contents: contents?.forChange(change.baseSha, change.headSha),
        fileHistory,
        options: { ignore },
      });
    } finally {
      contents?.close();
      await labels?.store.close();
    }
    result.notes.unshift(...notes);
    process.stdout.write(renderScore(result, format));
    return 0;
  },
};

/**
 * The labels store for file history: `--db FILE` (which must exist: a typo would otherwise silently create an
 * empty store), else the default store file when there is one, else none.
 */
async function openLabels(db: string | undefined): Promise<{ store: Store; file: string } | undefined> {
  const file = db ?? defaultDatabaseFile();
  if (!fs.existsSync(file)) {
    if (db === undefined) return undefined;
    throw new ScoreCommandError(
      `--db ${db}: no such file. Give the store \`defect label --db\` wrote, or leave --db out.`,
    );
  }
  return { store: await createStore({ file }), file };
}

/** A command-line value is wrong; the message says what to pass instead. */
export class ScoreCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoreCommandError";
  }
}

async function loadRiskModel(dir: string | undefined): Promise<RiskModel> {
  const loader = await import("../model/load-model.js");
  return dir ? loader.loadModel(dir) : loader.loadDefaultModel();
}

interface LocalContents {
  forChange(baseSha: string, headSha: string): FileContentProvider;
  close(): void;
}

/** File contents at base and head for AST features (one `git cat-file --batch`), when this build has them. */
async function loadContentProvider(repo: string): Promise<LocalContents | undefined> {
  try {
    const git: { createGitContentProvider?: (repo: string) => LocalContents } =
      await import("../git/create-git-content-provider.js");
    return git.createGitContentProvider?.(repo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/** The miner's local history provider, when this build has one (it is a separate subsystem). */
async function loadHistoryProvider(repo: string): Promise<HistoryProvider | undefined> {
  try {
    const kamei: { createLocalHistoryProvider?: (repo: string) => HistoryProvider } =
      await import("../features/kamei/index.js");
    return kamei.createLocalHistoryProvider?.(repo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}
