/**
 * `npm run bench:score` — compute time to score one pull request with GitHub mocked out: the PR's files (with
 * GitHub-style `patch` fields) are in memory, and each run parses the patches into a Change, scores it with the
 * shipped default model (features, one batched predict, explanation) and renders the check run. The parse step
 * alone is timed in the same runs as the baseline, and each run also scores without the explanation, to show
 * its share. Sizes: 20, 300 and 3,000 files; median and p95 of ≥ 30 runs.
 */
import os from "node:os";
import type { Change, ChangedFile } from "../src/change/types.js";
import { parsePatch } from "../src/diff/parse-patch.js";
import { createDefaultRegistry } from "../src/features/default-registry.js";
import { loadDefaultModel } from "../src/model/load-model.js";
import { scoreChange } from "../src/pipeline/score-change.js";
import { renderCheckRun } from "../src/report/render-check-run.js";
import { makeSyntheticPr, type SyntheticPrFile } from "./make-synthetic-pr.js";

const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 30));
const WARMUP = 3;
const SIZES = [20, 300, 3000];

/** What the GitHub adapter does with the files it fetched: parse each patch into one Change. */
function toChange(files: readonly SyntheticPrFile[]): Change {
  const changed: ChangedFile[] = files.map((f) => {
    const file: ChangedFile = {
      path: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      binary: f.patch === undefined,
      hunks: f.patch === undefined ? [] : parsePatch(f.patch),
    };
    if (f.patch === undefined) file.patchOmitted = "binary";
    return file;
  });
  return {
    source: "github",
    repository: "bench/synthetic",
    number: 1,
    baseSha: "a".repeat(40),
    headSha: "b".repeat(40),
    title: "Refactor the request pipeline",
    body: "",
    author: { login: "bench" },
    createdAt: "2024-01-01T00:00:00Z",
    commits: [],
    files: changed,
    totalFiles: changed.length,
  };
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(11);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Times one size: each run parses, scores without and with the explanation, and renders. */
async function benchSize(
  size: number,
  model: Awaited<ReturnType<typeof loadDefaultModel>>,
  registry: ReturnType<typeof createDefaultRegistry>,
): Promise<void> {
  const files = makeSyntheticPr(size);
  const patchLines = files.reduce((n, f) => n + (f.patch ? f.patch.split("\n").length : 0), 0);
  const parse: number[] = [];
  const bare: number[] = [];
  const total: number[] = [];
  let notes: string[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    // Both configurations in every run, so they see the same machine load.
    for (const explain of [false, true]) {
      const t0 = performance.now();
      const change = toChange(files);
      const t1 = performance.now();
      const result = await scoreChange(change, { model, registry, options: { explain } });
      const output = renderCheckRun(result);
      const t2 = performance.now();
      if (output.title.length === 0) throw new Error("empty title");
      if (run < WARMUP) continue;
      if (!explain) {
        bare.push(t2 - t0);
        continue;
      }
      notes = result.notes;
      parse.push(t1 - t0);
      total.push(t2 - t0);
    }
  }
  const p = stats(parse);
  const b = stats(bare);
  const t = stats(total);
  console.log(
    `${String(size).padStart(5)}  ${String(patchLines).padStart(11)}  ${ms(p.median)}  ${ms(p.p95)}  ` +
      `${ms(b.median)}  ${ms(b.p95)}  ${ms(t.median)}  ${ms(t.p95)}  ${(t.median / p.median).toFixed(1)}×`,
  );
  for (const n of notes) console.log(`       note: ${n.slice(0, 160)}`);
}

async function main(): Promise<void> {
  const model = await loadDefaultModel();
  const registry = createDefaultRegistry();
  console.log(
    `bench:score — node ${process.version}, ${os.cpus().length} CPUs, model ${model.version}, ${RUNS} runs per size`,
  );
  console.log(`features registered: ${registry.specs.length}; model reads ${model.featureNames.length}`);
  // Other work on a shared machine moves absolute times; the load average says how much to trust them.
  console.log(`load average at start: ${load()}`);
  console.log("");
  console.log(
    "files  patch lines   parse med.   parse p95   no-expl med  no-expl p95   total med.   total p95  total/parse",
  );
  for (const size of SIZES) await benchSize(size, model, registry);
  console.log(`load average at end: ${load()}`);
  console.log("total = parse patches + features + one batched predict + explanation + check-run rendering;");
  console.log(
    "no-expl = the same with ScoringOptions.explain = false (the explanation's share is the difference).",
  );
}

await main();
