import fs from "node:fs";
import type { Writable } from "node:stream";
import type { Store } from "../store/types.js";
import type { LabelRecord } from "./types.js";

/** Options of {@link exportLabels}. */
export interface ExportLabelsOptions {
  format: "csv" | "jsonl";
  /** A file path, `-` for stdout, or a writable stream. */
  out: string | Writable;
  /** Only this repository's labels. */
  repository?: string;
  /** Superseded rows too (with their `superseded_at`), for auditing. */
  includeSuperseded?: boolean;
}

/** The columns of one exported label, in order. */
export const LABEL_EXPORT_COLUMNS = [
  "repository",
  "commit",
  "pr",
  "label",
  "source",
  "confidence",
  "fix_commit",
  "date",
  "recorded_at",
  "superseded_at",
] as const;

function toRow(l: LabelRecord): Record<(typeof LABEL_EXPORT_COLUMNS)[number], string | number | null> {
  return {
    repository: l.repository,
    commit: l.commitSha,
    pr: l.prNumber,
    label: l.label,
    source: l.source,
    confidence: l.confidence,
    fix_commit: l.fixSha,
    date: l.observedAt,
    recorded_at: l.recordedAt,
    superseded_at: l.supersededAt,
  };
}

function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes one row per label (commit, PR if known, label, source, confidence, the fix commit that produced
 * it, date) as CSV with a header or as JSON lines. Returns the number of rows written.
 */
export async function exportLabels(
  store: Pick<Store, "labels">,
  options: ExportLabelsOptions,
): Promise<number> {
  if (options.format !== "csv" && options.format !== "jsonl") {
    throw new Error(`Unknown label export format "${String(options.format)}": use csv or jsonl.`);
  }
  const labels = await store.labels.listLabels({
    repository: options.repository,
    includeSuperseded: options.includeSuperseded,
  });
  const toStdout = options.out === "-";
  const stream: Writable =
    typeof options.out === "string"
      ? toStdout
        ? process.stdout
        : fs.createWriteStream(options.out)
      : options.out;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => stream.write(text, (e) => (e ? reject(e) : resolve())));
  if (options.format === "csv") await write(LABEL_EXPORT_COLUMNS.join(",") + "\n");
  for (const l of labels) {
    const row = toRow(l);
    await write(
      options.format === "csv"
        ? LABEL_EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(",") + "\n"
        : JSON.stringify(row) + "\n",
    );
  }
  if (typeof options.out === "string" && !toStdout) {
    await new Promise<void>((resolve, reject) =>
      stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
  return labels.length;
}
