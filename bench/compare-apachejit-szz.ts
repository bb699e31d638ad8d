/**
 * Runs our SZZ on exactly the fixes of an ApacheJIT links file and reports the overlap of the
 * fix → inducing pairs, plus a deterministic sample of disagreements to read by hand.
 *
 *   npx tsx bench/compare-apachejit-szz.ts --repo /path/to/zeppelin.git \
 *     [--links ../shared/data/szz/apachejit-links/zeppelin.csv] [--sample 20] [--out FILE.json]
 *
 * The links are PyDriller SZZ output (precision ~.39 per Rosa et al., ICSE 2021): agreement is a sanity
 * check, and the disagreements are the interesting part.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import picomatch from "picomatch";
import { GitError, runGit } from "../src/git/run-git.js";
import { blameLines } from "../src/labels/blame-lines.js";
import { openGitSzzHistory } from "../src/labels/git-szz-history.js";
import { parseZeroContextDiff } from "../src/labels/read-fix-diff.js";
import { parseLabelOptions } from "../src/labels/label-options.js";
import { mapWithConcurrency } from "../src/util/map-with-concurrency.js";
import { traceInducingCommits, type SzzResult } from "../src/labels/trace-inducing-commits.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    links: { type: "string", default: "../shared/data/szz/apachejit-links/zeppelin.csv" },
    sample: { type: "string", default: "20" },
    out: { type: "string" },
  },
});
if (!values.repo) {
  console.error(
    "Usage: tsx bench/compare-apachejit-szz.ts --repo PATH [--links CSV] [--sample N] [--out FILE]",
  );
  process.exit(2);
}
if (!fs.existsSync(values.links!)) {
  console.error(`No links file at ${values.links}: point --links at an ApacheJIT szz/apachejit-links CSV.`);
  process.exit(2);
}

const rows = fs
  .readFileSync(values.links!, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","));
const theirs = new Set(rows.map((r) => `${r[0]} ${r[2]}`));
const fixes = [...new Set(rows.map((r) => r[0]))];
const options = parseLabelOptions({});
const repo = values.repo;
const history = await openGitSzzHistory(repo, options);
const started = performance.now();
const results = await mapWithConcurrency(fixes, options.concurrency * 4, (sha) =>
  traceInducingCommits(history, { sha }, { ...options, concurrency: 1 }),
);
const seconds = (performance.now() - started) / 1000;
await history.close();

const byFix = new Map<string, SzzResult>(results.map((r) => [r.fixSha, r]));
const ours = new Set<string>();
const oursTop = new Set<string>();
for (const r of results) {
  for (const c of r.candidates) {
    ours.add(`${r.fixSha} ${c.sha}`);
    if (c.rank === 1) oursTop.add(`${r.fixSha} ${c.sha}`);
  }
}
const both = [...theirs].filter((p) => ours.has(p));
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
const topInTheirs = [...oursTop].filter((p) => theirs.has(p)).length;

/** Why we do not list one of their pairs, when our own result says. */
function whyMissing(pair: string): string {
  const [fix, bug] = pair.split(" ");
  const r = byFix.get(fix)!;
  const dropped = r.dropped.find((d) => d.sha === bug);
  if (dropped) return `we dropped it: ${dropped.reason}`;
  if (r.skippedFix) return `fix not traced: ${r.skippedFix}`;
  if (r.blameErrors.length) return `blame errors (objects missing from the mirror)`;
  return "not blamed by us";
}

const ignoredPath = picomatch(options.ignorePaths, { dot: true });

/**
 * For a pair we do not find: blame every deleted line of the fix the way PyDriller does (plain diff, all
 * files, `blame -w`) and say which of our filters removed the lines that lead to their commit.
 */
async function diagnose(fix: string, bug: string): Promise<string> {
  const raw = await runGit(
    ["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "-M", `${fix}^`, fix],
    { cwd: repo },
  );
  const ours = parseZeroContextDiff(
    await runGit(["-c", "core.quotePath=false", "diff", "-U0", "-w", "--no-color", "-M", `${fix}^`, fix], {
      cwd: repo,
    }),
    false,
  ).files;
  const kept = new Set(ours.flatMap((f) => f.lines.map((n) => `${f.oldPath}:${n}`)));
  const reasons = new Map<string, number>();
  for (const file of parseZeroContextDiff(raw, false).files) {
    const all = [...file.text.keys()];
    let blamed;
    try {
      blamed = await blameLines(repo, `${fix}^`, file.oldPath, all, { moveDetection: "none" });
    } catch (error) {
      if (error instanceof GitError) continue; // objects missing from the mirror
      throw error;
    }
    for (const b of blamed.filter((x) => x.sha === bug)) {
      const reason =
        file.newPath === null
          ? "file deleted by the fix"
          : ignoredPath(file.oldPath)
            ? "prose documentation (ignored path)"
            : kept.has(`${file.oldPath}:${b.line}`)
              ? "other"
              : "re-indented only (whitespace)";
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  if (reasons.has("other")) return "other";
  // Blank, comment and bracket-only lines are not in file.text, so they were not re-blamed here.
  return (
    [...reasons].sort((a, b) => b[1] - a[1])[0]?.[0] ??
    "blank, comment or bracket-only lines (or no deleted line leads there)"
  );
}

// Deterministic sample: every k-th disagreement of each kind, half theirs-only, half ours-only.
const theirsOnly = [...theirs].filter((p) => !ours.has(p)).sort();
const oursOnly = [...ours].filter((p) => !theirs.has(p)).sort();
const pick = (list: string[], n: number) =>
  list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);
// Half and half, unless one side has fewer disagreements than that: the other side fills the sample.
const half = Math.max(Math.floor(Number(values.sample) / 2), Number(values.sample) - oursOnly.length);
const sample = [
  ...(await Promise.all(
    pick(theirsOnly, half).map(async (p) => {
      const why = whyMissing(p);
      const [fix, bug] = p.split(" ");
      return {
        pair: p,
        kind: "theirs-only",
        note: why === "not blamed by us" ? `${why}: ${await diagnose(fix, bug)}` : why,
      };
    }),
  )),
  ...pick(oursOnly, Number(values.sample) - half).map((p) => {
    const [fix, bug] = p.split(" ");
    const c = byFix.get(fix)!.candidates.find((x) => x.sha === bug)!;
    return {
      pair: p,
      kind: "ours-only",
      note: `rank ${c.rank} of ${byFix.get(fix)!.candidates.length}, ${c.lines} lines`,
    };
  }),
];
const droppedReasons: Record<string, number> = {};
for (const p of theirsOnly) {
  let why = whyMissing(p);
  if (why === "not blamed by us")
    why = `not blamed by us: ${await diagnose(...(p.split(" ") as [string, string]))}`;
  droppedReasons[why] = (droppedReasons[why] ?? 0) + 1;
}

const report = {
  fixes: fixes.length,
  theirPairs: theirs.size,
  ourPairs: ours.size,
  agreed: both.length,
  ofTheirsWeFind: pct(both.length, theirs.size),
  ofOursTheyList: pct(both.length, ours.size),
  ourMostRecentOnly: { pairs: oursTop.size, theyList: pct(topInTheirs, oursTop.size) },
  fixesWithNoCandidate: results.filter((r) => r.candidates.length === 0).length,
  theirsOnlyBecause: droppedReasons,
  seconds: Number(seconds.toFixed(1)),
  fixesPerSecond: Number((fixes.length / seconds).toFixed(1)),
  sample,
};
console.log(JSON.stringify(report, null, 2));
if (values.out) fs.writeFileSync(values.out, JSON.stringify(report, null, 2));
