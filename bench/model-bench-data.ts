import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FeatureValues } from "../src/features/types.js";
import { readDatasetCsv } from "../src/model/read-dataset-csv.js";
import { timeOrder } from "../src/model/split-dataset.js";

/** The six LApredict projects in the paper's column order. */
export const PROJECTS = ["qt", "openstack", "jdt", "platform", "gerrit", "go"] as const;

export const DATA_DIR = path.resolve(import.meta.dirname, "..", "..", "shared", "data", "jit", "lapredict");

/** One project's rows in date order. */
export interface ProjectData {
  project: string;
  rows: FeatureValues[];
  labels: number[];
  times: number[];
  /** Commit ids (the CSV's `_id`). */
  ids: string[];
}

export async function loadProject(project: string): Promise<ProjectData> {
  const ds = await readDatasetCsv(path.join(DATA_DIR, `${project}.csv`));
  const order = timeOrder(ds);
  return {
    project,
    rows: order.map((i) => ds.rows[i]),
    labels: order.map((i) => ds.labels[i]),
    times: order.map((i) => ds.times[i] as number),
    ids: order.map((i) => ds.ids[i] ?? ""),
  };
}

/** Published AUCs (Zeng et al. 2021, RQ4): method → project → { WP, CP }. */
export async function readPublishedAuc(): Promise<
  Record<string, Record<string, { wp: number; cp: number }>>
> {
  const lines = (await readFile(path.join(DATA_DIR, "published-auc-rq4.csv"), "utf8")).trim().split("\n");
  const header = lines[0].split(",").map((s) => s.trim());
  const out: Record<string, Record<string, { wp: number; cp: number }>> = {};
  for (const line of lines.slice(2)) {
    const cells = line.split(",").map((s) => s.trim());
    const method = cells[0];
    out[method] = {};
    for (let j = 1; j + 1 < cells.length; j += 2) {
      if (!header[j]) continue;
      out[method][header[j].toLowerCase()] = { wp: Number(cells[j]), cp: Number(cells[j + 1]) };
    }
  }
  return out;
}

/** Mean and sample standard deviation. */
export function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd =
    values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
}

export const f3 = (v: number) => v.toFixed(3).replace(/^0\./, ".");
