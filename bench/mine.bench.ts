/**
 * Mining speed beside git itself, in the same run:
 *
 *   npm run bench:mine -- --repo PATH [--runs 5] [--ast-limit 1500]
 *
 * 1. `git log --numstat` over the same commits the miner reads (HEAD's history; in a snapshot with missing
 *    objects, the commits git can read, fed with --no-walk --stdin, since plain `git log --numstat` stops at
 *    the first missing blob: its time until it stops is printed too).
 * 2. `defect mine` (Kamei's 14 metrics) into a fresh temporary SQLite store.
 * 3. `defect mine --ast` (and `--ast --tokens`) on the newest `--ast-limit` commits (history still walked in full).
 * Medians over --runs (git and the miner alternate); peak RSS of this process (the miner) sampled every 20 ms.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { mineRepository, type MineSummary } from "../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../src/store/sqlite/open-sqlite-store.js";
import { runGit } from "../src/git/run-git.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    runs: { type: "string", default: "5" },
    "ast-limit": { type: "string", default: "1500" },
  },
});
if (!values.repo) throw new Error("--repo PATH is required (a clone or bare mirror with 5,000+ commits)");
const repo = path.resolve(values.repo);
const runs = Number(values.runs);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-mine-"));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeGit(args: string[], input?: string): Promise<{ seconds: number; code: number | null }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: repo, stdio: ["pipe", "pipe", "ignore"] });
    child.stdout.resume();
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
    child.on("error", reject);
    child.on("close", (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code }));
  });
}

async function timeMine(label: string, options: { ast?: boolean; tokens?: boolean; since?: string }) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const file = path.join(tmp, `${label.replace(/\W+/g, "-")}-${Date.now()}.sqlite`);
  const store = openSqliteStore(file);
  const started = process.hrtime.bigint();
  const summary: MineSummary = await mineRepository({ repo, store, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await store.close();
  return { seconds, summary, peakMb: peak / 1e6, file };
}

const head = (await runGit(["rev-parse", "HEAD"], { cwd: repo })).trim();
const order = (await runGit(["rev-list", "--reverse", "--date-order", "HEAD"], { cwd: repo }))
  .split("\n")
  .filter(Boolean);
console.log(
  `repository ${repo} at ${head.slice(0, 12)}: ${order.length} commits on HEAD; ${runs} runs; node ${process.version}`,
);

// The first run finds the commits git cannot read; after it, git and the miner alternate so that load
// changes on a shared machine hit both alike.
const first = await timeMine("plain", {});
const s = first.summary;
const store = openSqliteStore(first.file);
const damaged = new Set(
  (await store.commits.listSkipped(s.repository))
    .filter((x) => x.reason === "missing-object")
    .map((x) => x.sha),
);
await store.close();
const readable = order.filter((sha) => !damaged.has(sha));

const mine = { seconds: [first.seconds], peak: [first.peakMb] };
const plainLog = [] as number[];
const sameCommits = [] as number[];
let plainCode: number | null = 0;
for (let i = 0; i < runs; i++) {
  const b = await timeGit(["log", "--numstat", "--no-walk=unsorted", "--stdin"], readable.join("\n") + "\n");
  if (b.code !== 0) throw new Error(`git log --numstat over the readable commits failed (exit ${b.code})`);
  sameCommits.push(b.seconds);
  if (i > 0) {
    const r = await timeMine("plain", {});
    mine.seconds.push(r.seconds);
    mine.peak.push(r.peakMb);
  }
  const a = await timeGit(["log", "--numstat", "HEAD"]);
  plainLog.push(a.seconds);
  plainCode = a.code;
}

const astLimit = Number(values["ast-limit"]);
const since = order[Math.max(0, order.length - astLimit - 1)];
const ast = await timeMine("ast", { ast: true, since });
const astTokens = await timeMine("ast-tokens", { ast: true, tokens: true, since });

const gitSeconds = median(sameCommits);
const mineSeconds = median(mine.seconds);
const rate = (n: number, sec: number) => `${Math.round(n / sec)} commits/s`;
console.log("");
console.log("| what | commits | wall time (median) | rate | × git log --numstat | peak RSS |");
console.log("|---|---|---|---|---|---|");
console.log(
  `| git log --numstat HEAD (stops at the first missing object: exit ${plainCode}) | – | ${median(plainLog).toFixed(2)} s | – | – | – |`,
);
console.log(
  `| git log --numstat, the ${readable.length} readable commits | ${readable.length} | ${gitSeconds.toFixed(2)} s | ${rate(readable.length, gitSeconds)} | 1.00 | – |`,
);
console.log(
  `| defect mine (14 metrics) | ${s.commits} | ${mineSeconds.toFixed(2)} s | ${rate(s.commits, mineSeconds)} | ${(mineSeconds / gitSeconds).toFixed(2)} | ${Math.round(median(mine.peak))} MB |`,
);
console.log(
  `| defect mine --ast (records for the last ${ast.summary.mined}) | ${ast.summary.commits} | ${ast.seconds.toFixed(2)} s | ${rate(ast.summary.mined, ast.seconds - mineSeconds)} (AST part) | ${(ast.seconds / gitSeconds).toFixed(2)} | ${Math.round(ast.peakMb)} MB |`,
);
console.log(
  `| defect mine --ast --tokens (same) | ${astTokens.summary.commits} | ${astTokens.seconds.toFixed(2)} s | ${rate(astTokens.summary.mined, astTokens.seconds - mineSeconds)} (AST+tokens part) | ${(astTokens.seconds / gitSeconds).toFixed(2)} | ${Math.round(astTokens.peakMb)} MB |`,
);
console.log("");
console.log(
  `runs (s): mine ${mine.seconds.map((x) => x.toFixed(2)).join(", ")}; git ${sameCommits.map((x) => x.toFixed(2)).join(", ")}`,
);
console.log(
  `summary: ${s.commits} commits, ${s.mined} records, skipped ${JSON.stringify(s.skipped)}, renames ${s.renames}, deleted ${s.deletedFiles}, binary ${s.binaryFiles}, submodules ${s.submoduleChanges}, non-UTF-8 paths ${s.nonUtf8Paths}, git processes ${s.gitProcesses}`,
);
console.log(
  `AST run: parse failures ${ast.summary.astParseFailures}, extraction errors ${ast.summary.extractionErrors}`,
);
fs.rmSync(tmp, { recursive: true, force: true });
