/**
 * SZZ speed on a real repository: `npm run bench:szz -- --repo PATH [--sample 100] [--runs 3]`.
 *
 * 1. Lists the history and detects the fixes (commit-message keywords), as `defect label` does.
 * 2. On a sample of fixes, compares the shipped strategy (one blame per file with one -L per hunk, two
 *    fixes in parallel, commit-graph with changed-path Bloom filters) against a baseline measured in the
 *    same run (one blame per hunk, one at a time, commit-graph off) and the middle step (batched and
 *    parallel, commit-graph off); medians of `--runs` runs each. The commit-graph is written into the
 *    repository when missing (as `defect label` does; pass a copy if that matters).
 * 3. Runs every fix of the history once with the shipped strategy: fixes per second and total seconds
 *    (target: all fixes of a 6,000-commit history in under a minute).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { toRanges } from "../src/labels/blame-lines.js";
import { detectFix } from "../src/labels/detect-fix.js";
import { ensureCommitGraph } from "../src/labels/ensure-commit-graph.js";
import { openGitSzzHistory } from "../src/labels/git-szz-history.js";
import { parseLabelOptions, type LabelOptions } from "../src/labels/label-options.js";
import { listCommits } from "../src/labels/list-commits.js";
import type { SzzHistory } from "../src/labels/szz-history.js";
import { mapWithConcurrency } from "../src/util/map-with-concurrency.js";
import { traceInducingCommits } from "../src/labels/trace-inducing-commits.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    sample: { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
  },
});
if (!values.repo) {
  console.error("Usage: npm run bench:szz -- --repo PATH [--sample N] [--runs N]");
  process.exit(2);
}
const repo = values.repo;
const options = parseLabelOptions({});

/** One blame per hunk instead of one per file: what a straightforward SZZ does. */
function perHunk(history: SzzHistory): SzzHistory {
  return {
    ...history,
    blame: async (rev, path, lines, ignore) => {
      const out = [];
      for (const [a, b] of toRanges(lines)) {
        out.push(
          ...(await history.blame(
            rev,
            path,
            Array.from({ length: b - a + 1 }, (_, i) => a + i),
            ignore,
          )),
        );
      }
      return out;
    },
  };
}

const NO_GRAPH = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "core.commitGraph", GIT_CONFIG_VALUE_0: "false" };

/** CPU seconds of this process plus its finished children (git), from /proc on Linux; null elsewhere. */
function cpuSeconds(): number | null {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    const ticks = 100; // USER_HZ on Linux
    const children = (Number(fields[13]) + Number(fields[14])) / ticks;
    const own = process.cpuUsage();
    return children + (own.user + own.system) / 1e6;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Wall and CPU seconds (CPU: less sensitive to other load on a shared machine). */
async function timeRun(
  fixes: string[],
  opts: LabelOptions,
  wrap: (h: SzzHistory) => SzzHistory,
  env?: NodeJS.ProcessEnv,
): Promise<{ wall: number; cpu: number | null }> {
  const history = await openGitSzzHistory(repo, opts, env);
  const h = wrap(history);
  const c0 = cpuSeconds();
  const t0 = performance.now();
  await mapWithConcurrency(fixes, opts.concurrency * 4, (sha) =>
    traceInducingCommits(h, { sha }, { ...opts, concurrency: 1 }),
  );
  const wall = (performance.now() - t0) / 1000;
  await history.close();
  const c1 = cpuSeconds();
  return { wall, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const wrote = await ensureCommitGraph(repo);
console.log(wrote ? "wrote a commit-graph with changed paths" : "commit-graph already present");
const t0 = performance.now();
const commits = await listCommits(repo);
const fixes = commits.filter((c) => detectFix(c.message, options).isFix).map((c) => c.sha);
console.log(
  `history: ${commits.length} commits, ${fixes.length} fixes by keyword (listed in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

const step = Math.max(1, Math.floor(fixes.length / Number(values.sample)));
const sample = fixes.filter((_, i) => i % step === 0).slice(0, Number(values.sample));
const runs: Record<"base" | "batched" | "ours", { wall: number; cpu: number | null }[]> = {
  base: [],
  batched: [],
  ours: [],
};
for (let r = 0; r < Number(values.runs); r++) {
  runs.base.push(await timeRun(sample, { ...options, concurrency: 1 }, perHunk, NO_GRAPH));
  runs.batched.push(await timeRun(sample, options, (h) => h, NO_GRAPH));
  runs.ours.push(await timeRun(sample, options, (h) => h));
}
const wallOf = (k: keyof typeof runs) => median(runs[k].map((x) => x.wall));
const cpuOf = (k: keyof typeof runs) => (runs[k][0].cpu === null ? null : median(runs[k].map((x) => x.cpu!)));
const line = (name: string, k: keyof typeof runs) => {
  const [w, c] = [wallOf(k), cpuOf(k)];
  const cpu = c === null ? "" : `  cpu ${c.toFixed(2)} s (${(cpuOf("base")! / c).toFixed(2)}x)`;
  console.log(
    `  ${name.padEnd(62)} wall ${w.toFixed(2)} s  ${(sample.length / w).toFixed(1)} fixes/s (${(wallOf("base") / w).toFixed(2)}x)${cpu}`,
  );
};
console.log(`sample of ${sample.length} fixes, median of ${values.runs} runs (ratio against the baseline):`);
line("baseline: blame per hunk, one git at a time, no commit-graph", "base");
line("blame per file with -L ranges, 2 git at a time, no commit-graph", "batched");
line("shipped: the same + commit-graph with changed paths", "ours");

const all = await timeRun(fixes, options, (h) => h);
console.log(
  `all ${fixes.length} fixes: wall ${all.wall.toFixed(1)} s, ${(fixes.length / all.wall).toFixed(1)} fixes/s` +
    (all.cpu === null ? "" : `, cpu ${all.cpu.toFixed(1)} s`) +
    " (target < 60 s for a 6,000-commit history)",
);
