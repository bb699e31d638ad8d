import type { FeatureValues } from "../../src/features/types.js";
import { createRandom } from "../../src/model/random.js";
import { KAMEI_NAMES } from "../../src/model/feature-schema.js";

/**
 * Synthetic JIT commits: Kamei-like heavy-tailed metrics, a label that depends on log(la), entropy and experience,
 * dates one hour apart. Small and fast, so model tests need no external data.
 */
export function makeJitData(
  n: number,
  seed = 7,
): { rows: FeatureValues[]; labels: number[]; times: number[] } {
  const r = createRandom(seed);
  const heavy = (scale: number) => Math.floor(scale * Math.exp(2 * r()) * r());
  const rows: FeatureValues[] = [];
  const labels: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const la = heavy(60);
    const row: FeatureValues = {
      ns: 1 + Math.floor(r() * 3),
      nd: 1 + Math.floor(r() * 5),
      nf: 1 + heavy(4),
      entropy: r() * 3,
      la,
      ld: heavy(30),
      lt: heavy(800),
      fix: r() < 0.3 ? 1 : 0,
      ndev: 1 + heavy(10),
      age: r() * 200,
      nuc: heavy(20),
      exp: heavy(2000),
      rexp: heavy(200),
      sexp: heavy(500),
    };
    const z =
      0.9 * Math.log1p(la) + 0.5 * (row.entropy as number) - 0.25 * Math.log1p(row.exp as number) - 2.5;
    labels.push(r() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    rows.push(row);
    times.push(1_500_000_000 + i * 3600);
  }
  return { rows, labels, times };
}

/** The same data as CSV text with LApredict's header (`entrophy`, `bug`, `__`, Unix `date`). */
export function makeJitCsv(n: number, seed = 7): string {
  const { rows, labels, times } = makeJitData(n, seed);
  const cols = KAMEI_NAMES;
  const lines = [`,_id,date,bug,__,${cols.join(",").replace("entropy", "entrophy")}`];
  rows.forEach((row, i) =>
    lines.push([i, `c${i}`, times[i], labels[i], labels[i], ...cols.map((c) => row[c])].join(",")),
  );
  return lines.join("\n") + "\n";
}
