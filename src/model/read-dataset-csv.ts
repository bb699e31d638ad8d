import { readFile } from "node:fs/promises";
import type { FeatureValues } from "../features/types.js";
import { KAMEI_NAMES } from "./feature-schema.js";

/** A labelled just-in-time dataset read from CSV, in file order. */
export interface JitDataset {
  rows: FeatureValues[];
  labels: number[];
  /** Unix seconds, or null when the file has no date column. */
  times: (number | null)[];
  ids: (string | null)[];
  /** Per row, when the file has a `project` column. */
  projects?: string[];
  /** Canonical name → the column it was read from. */
  mapping: Record<string, string>;
  /** Kamei features the file lacks (always null). */
  absentFeatures: string[];
}

/** Thrown for a file that cannot be read as a JIT dataset; the message names the row/column and the fix. */
export class DatasetFormatError extends Error {
  override name = "DatasetFormatError";
}

/** Column aliases of the public JIT datasets (lower-case) → canonical names. */
const ALIASES: Record<string, string> = {
  entrophy: "entropy", // McIntosh / LApredict (sic)
  ent: "entropy", // ApacheJIT
  bug: "label",
  buggy: "label",
  contains_bug: "label",
  is_buggy: "label",
  label: "label",
  nm: "nd", // Kamei 2013
  pd: "age",
  npt: "nuc",
  aexp: "exp", // ApacheJIT: the author's experience
  arexp: "rexp",
  asexp: "sexp",
  date: "time",
  commitdate: "time",
  author_date: "time",
  commit_date: "time",
  timestamp: "time",
  _id: "id",
  commit_id: "id",
  commit_hash: "id",
  commithash: "id",
  hash: "id",
  project: "project",
};

/** Parses CSV text (RFC 4180 quoting) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") out.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/** Parses `a=b,c=d` (source column = canonical name) from `--columns`. */
export function parseColumnMapping(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (spec ?? "").split(",").filter((p) => p.trim())) {
    const [from, to] = part.split("=").map((s) => s.trim());
    if (!from || !to)
      throw new DatasetFormatError(`--columns entry "${part}" must look like source=target, e.g. isBug=bug`);
    out[from.toLowerCase()] = ALIASES[to.toLowerCase()] ?? to.toLowerCase();
  }
  return out;
}

function parseLabel(v: string, line: number, column: string): number {
  const s = v.trim().toLowerCase();
  if (s === "1" || s === "true" || s === "1.0") return 1;
  if (s === "0" || s === "false" || s === "0.0") return 0;
  throw new DatasetFormatError(
    `line ${line}: label column "${column}" has "${v}"; labels must be 0/1 or True/False.`,
  );
}

function parseNumber(v: string, line: number, column: string): number | null {
  const s = v.trim();
  if (s === "" || /^(na|nan|null|none)$/i.test(s)) return null;
  if (/^true$/i.test(s)) return 1;
  if (/^false$/i.test(s)) return 0;
  const n = Number(s);
  if (!Number.isFinite(n))
    throw new DatasetFormatError(`line ${line}: column "${column}" has "${v}", not a number.`);
  return n;
}

/** Unix seconds from a number (seconds, or milliseconds when > 1e11) or a date string. */
function parseTime(v: string, line: number, column: string): number | null {
  const s = v.trim();
  if (s === "") return null;
  const n = Number(s);
  if (Number.isFinite(n)) return n > 1e11 ? Math.floor(n / 1000) : n;
  const ms = Date.parse(s.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, "$1-$2-$3"));
  if (Number.isNaN(ms))
    throw new DatasetFormatError(
      `line ${line}: date column "${column}" has "${v}", not a date or Unix time.`,
    );
  return Math.floor(ms / 1000);
}

/**
 * Reads a JIT dataset: LApredict/McIntosh, Kamei 2013 and ApacheJIT headers in any letter case, plus an explicit
 * `columns` mapping (source → canonical) for anything else. Features beyond the 14 Kamei metrics are read only
 * when mapped explicitly.
 */
export function parseDatasetCsv(
  text: string,
  columns: Record<string, string> = {},
  source = "dataset",
): JitDataset {
  const table = parseCsv(text.replace(/^\uFEFF/, ""));
  if (table.length < 2)
    throw new DatasetFormatError(`${source} has no data rows; expected a header and one row per commit.`);
  const header = table[0].map((h) => h.trim());
  const mapping: Record<string, string> = {};
  const byCanonical = new Map<string, number>();
  header.forEach((h, j) => {
    const lower = h.toLowerCase();
    const canonical = columns[lower] ?? ALIASES[lower] ?? lower;
    const known =
      canonical in columns ||
      KAMEI_NAMES.includes(canonical) ||
      ["label", "time", "id", "project"].includes(canonical);
    if (!known || byCanonical.has(canonical)) return; // first column wins (e.g. LApredict's `__` copy of `bug`)
    byCanonical.set(canonical, j);
    mapping[canonical] = h;
  });
  for (const to of Object.values(columns)) {
    if (!byCanonical.has(to))
      throw new DatasetFormatError(
        `${source}: --columns maps to "${to}" but no column of the header maps there.`,
      );
  }
  const labelCol = byCanonical.get("label");
  if (labelCol === undefined) {
    throw new DatasetFormatError(
      `${source} has no label column (looked for bug, buggy, contains_bug, label in: ${header.join(", ")}). ` +
        `Name it with --columns <column>=bug.`,
    );
  }
  const featureNames = [...byCanonical.keys()].filter((c) => !["label", "time", "id", "project"].includes(c));
  if (featureNames.length === 0)
    throw new DatasetFormatError(`${source} has no feature columns (e.g. la, ld, nf, entropy).`);
  const absentFeatures = KAMEI_NAMES.filter((f) => !byCanonical.has(f));
  const ds: JitDataset = { rows: [], labels: [], times: [], ids: [], mapping, absentFeatures };
  const timeCol = byCanonical.get("time");
  const idCol = byCanonical.get("id");
  const projectCol = byCanonical.get("project");
  if (projectCol !== undefined) ds.projects = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    const line = r + 1;
    if (cells.length !== header.length) {
      throw new DatasetFormatError(
        `${source} line ${line} has ${cells.length} fields, the header ${header.length}.`,
      );
    }
    const row: FeatureValues = {};
    for (const f of featureNames)
      row[f] = parseNumber(cells[byCanonical.get(f)!], line, header[byCanonical.get(f)!]);
    for (const f of absentFeatures) row[f] = null;
    ds.rows.push(row);
    ds.labels.push(parseLabel(cells[labelCol], line, header[labelCol]));
    ds.times.push(timeCol === undefined ? null : parseTime(cells[timeCol], line, header[timeCol]));
    ds.ids.push(idCol === undefined ? null : cells[idCol]);
    if (projectCol !== undefined) ds.projects!.push(cells[projectCol]);
  }
  return ds;
}

/** Reads and parses a CSV file; see {@link parseDatasetCsv}. */
export async function readDatasetCsv(
  file: string,
  columns: Record<string, string> = {},
): Promise<JitDataset> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DatasetFormatError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}); check the path given to --dataset.`,
    );
  }
  return parseDatasetCsv(text, columns, file);
}
