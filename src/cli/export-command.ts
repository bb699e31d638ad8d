import fs from "node:fs";
import type { Writable } from "node:stream";
import { decodeTokenCounts } from "../features/tokens/encode-token-counts.js";
import type { MinedCommit } from "../store/commits.js";
import { createStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect export --db FILE --what features|labels [--format csv|jsonl] [--out FILE] [--repository NAME]

Writes the store's data for use elsewhere.
  --what features    one row per mined commit: repository, commit, date, author, parents, every feature
                     (diff tokens as "bucket:count" pairs separated by spaces, when mined with --tokens)
  --what labels      one row per label (see \`defect label\`)
  --format           csv (default) or jsonl
  --out FILE         default: standard output
  --repository NAME  only this repository (as stored by \`defect mine\` / \`defect label\`)`;

const PAGE = 1000;
const FIXED = ["repository", "commit", "date", "author", "parents"] as const;

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function* allRecords(store: Store, repository?: string): AsyncGenerator<MinedCommit> {
  let after = 0;
  for (;;) {
    const page = await store.commits.listCommits({ repository, after, limit: PAGE });
    yield* page.records;
    if (page.next === null) return;
    after = page.next;
  }
}

const tokenText = (blob: Buffer | null) =>
  blob === null
    ? null
    : Object.entries(decodeTokenCounts(blob))
        .map(([k, v]) => `${k.slice(4)}:${v}`)
        .join(" ");

/**
 * Streams one row per mined commit as CSV (header first) or JSON lines. Two passes over the store: the
 * first collects the feature names (runs with and without --ast may be mixed), the second writes.
 */
export async function exportFeatures(
  store: Store,
  options: { format: "csv" | "jsonl"; out: Writable; repository?: string },
): Promise<number> {
  const names = new Set<string>();
  let tokens = false;
  for await (const r of allRecords(store, options.repository)) {
    for (const k of Object.keys(r.features)) names.add(k);
    tokens ||= r.tokens !== null;
  }
  const features = [...names];
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => options.out.write(text, (e) => (e ? reject(e) : resolve())));
  const columns = [...FIXED, ...features, ...(tokens ? ["tokens"] : [])];
  if (options.format === "csv") await write(columns.join(",") + "\n");
  let rows = 0;
  for await (const r of allRecords(store, options.repository)) {
    const row: Record<string, string | number | null> = {
      repository: r.repository,
      commit: r.sha,
      date: r.date,
      author: r.author,
      parents: r.parents.join(" "),
    };
    for (const f of features) row[f] = r.features[f] ?? null;
    if (tokens) row.tokens = tokenText(r.tokens);
    await write(
      options.format === "csv"
        ? columns.map((c) => csvCell(row[c])).join(",") + "\n"
        : JSON.stringify(row) + "\n",
    );
    rows++;
  }
  return rows;
}

export const command: CliCommand = {
  summary: "Export mined features or labels as CSV or JSON lines",
  usage: USAGE,
  options: {
    db: { type: "string" },
    what: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    repository: { type: "string" },
  },
  async run(values) {
    const what = values.what;
    const format = (values.format ?? "csv") as string;
    if (what !== "features" && what !== "labels") {
      console.error(`defect export: --what must be "features" or "labels".\n\n${USAGE}`);
      return 2;
    }
    if (format !== "csv" && format !== "jsonl") {
      console.error(`defect export: --format must be "csv" or "jsonl", not "${format}".`);
      return 2;
    }
    const outPath = values.out as string | undefined;
    const store = await createStore({ file: values.db as string | undefined });
    const out: Writable = outPath ? fs.createWriteStream(outPath) : process.stdout;
    const repository = values.repository as string | undefined;
    try {
      let rows: number;
      if (what === "features") {
        rows = await exportFeatures(store, { format, out, repository });
      } else {
        // Loaded on demand: the labels module is another team's and may not be built in every checkout.
        const { exportLabels } = await import("../labels/export-labels.js");
        rows = await exportLabels(store, { format, out, repository });
      }
      console.error(`defect export: ${rows} ${what} rows written${outPath ? ` to ${outPath}` : ""}.`);
      return 0;
    } finally {
      if (outPath) await new Promise<void>((resolve) => out.end(resolve));
      await store.close();
    }
  },
};
