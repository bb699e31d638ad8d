import type { FeatureValues } from "../features/types.js";
import type { JitDataset } from "./read-dataset-csv.js";
import { shuffledIndices, createRandom } from "./random.js";

/** How to split a dataset into training and test rows. */
export interface SplitOptions {
  /** "time" (default): sort by date, oldest share trains. "random": only on explicit request; reports say so. */
  protocol: "time" | "random";
  testFraction: number;
  /** Labelling delay: drop training rows newer than (test start − gap days), whose labels were not yet knowable. */
  gapDays: number;
  seed: number;
}

/** One side of a split. */
export interface SplitPart {
  rows: FeatureValues[];
  labels: number[];
  times: (number | null)[];
}

/** A split plus a one-line description for reports. */
export interface DatasetSplit {
  train: SplitPart;
  test: SplitPart;
  description: string;
}

function part(ds: JitDataset, idx: ArrayLike<number>): SplitPart {
  const ix = Array.from(idx);
  return {
    rows: ix.map((i) => ds.rows[i]),
    labels: ix.map((i) => ds.labels[i]),
    times: ix.map((i) => ds.times[i]),
  };
}

/** Row order by time (stable); file order when the dataset has no dates. */
export function timeOrder(ds: Pick<JitDataset, "times">): number[] {
  const idx = ds.times.map((_, i) => i);
  if (ds.times.every((t) => t === null)) return idx;
  if (ds.times.some((t) => t === null)) {
    throw new Error(
      "some rows have a date and some do not; fill the date column or map another with --columns x=date",
    );
  }
  return idx.sort((a, b) => (ds.times[a] as number) - (ds.times[b] as number) || a - b);
}

/**
 * Time protocol (Zeng et al. 2021, the paper whose table we compare with): sort by date, train on the first
 * (1 − testFraction), test on the rest. Evaluating on a random split would let the model see the future of the
 * project and overstate accuracy, so it is only done when asked for, and the description says so.
 */
export function splitDataset(ds: JitDataset, options: Partial<SplitOptions> = {}): DatasetSplit {
  const opts: SplitOptions = { protocol: "time", testFraction: 0.2, gapDays: 0, seed: 1, ...options };
  const n = ds.rows.length;
  const nTest = Math.max(1, Math.round(n * opts.testFraction));
  if (opts.protocol === "random") {
    const order = shuffledIndices(n, createRandom(opts.seed));
    return {
      train: part(ds, order.subarray(0, n - nTest)),
      test: part(ds, order.subarray(n - nTest)),
      description: `RANDOM split (not time-ordered; optimistic): ${n - nTest} train / ${nTest} test rows, seed ${opts.seed}`,
    };
  }
  const order = timeOrder(ds);
  const dated = ds.times[0] !== null;
  let trainIdx = order.slice(0, n - nTest);
  const testIdx = order.slice(n - nTest);
  let dropped = 0;
  if (opts.gapDays > 0 && dated) {
    const cutoff = (ds.times[testIdx[0]] as number) - opts.gapDays * 86400;
    const kept = trainIdx.filter((i) => (ds.times[i] as number) < cutoff);
    dropped = trainIdx.length - kept.length;
    trainIdx = kept;
  }
  const order1 = dated ? "sorted by date" : "file order (no date column)";
  return {
    train: part(ds, trainIdx),
    test: part(ds, testIdx),
    description:
      `time split, ${order1}: first ${trainIdx.length} rows train, last ${nTest} test` +
      (opts.gapDays > 0 ? `, ${opts.gapDays}-day labelling gap dropped ${dropped} training rows` : ""),
  };
}
