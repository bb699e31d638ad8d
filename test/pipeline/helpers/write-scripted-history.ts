import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A scripted repository timeline with a planted defect pattern, written in one `git fast-import` stream
 * (hundreds of commits in well under a second), two commits a day from `start`:
 * - bug-inducing: a small new file `src/feature-<i>.ts` (3 lines, one author); a "Fix …" commit
 *   `fixDelay` commits later rewrites those lines, so SZZ traces the fix back to it;
 * - clean: edits replacing 40–150 lines of shared files (`src/e<epoch>/core-<k>.ts`) by several authors;
 * - from `driftFromDay` on, clean commits become much larger (500–900 lines over 6–9 files): planted drift.
 * Authors and shared files are renewed every 30 days, so experience and file-history counts do not grow
 * without bound: apart from the planted drift, the feature distributions stay put.
 * The pattern deliberately contradicts the cross-project prior (large, widely shared changes are riskier),
 * so the shipped default model ranks this repository badly and a repository model must learn it.
 */
export interface ScriptedHistory {
  dir: string;
  /** Commit shas with their author date (Unix seconds) and planted kind, oldest first. */
  commits: { sha: string; time: number; kind: "bug" | "clean" | "fix" }[];
}

export interface ScriptOptions {
  days: number;
  start?: number;
  driftFromDay?: number;
  fixDelay?: number;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function writeScriptedHistory(options: ScriptOptions): ScriptedHistory {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-timeline-"));
  const start = options.start ?? Date.UTC(2024, 0, 1) / 1000;
  const fixDelay = options.fixDelay ?? 5;
  const random = lcg(7);
  const files = new Map<string, string[]>();
  const pendingFixes: { at: number; path: string; bug: number }[] = [];
  const kinds: ("bug" | "clean" | "fix")[] = [];
  const times: number[] = [];
  let stream = "";
  let mark = 0;
  let bugs = 0;
  const total = options.days * 2;
  for (let n = 0; n < total; n++) {
    const day = Math.floor(n / 2);
    const epoch = Math.floor(day / 30);
    const time = start + day * 86_400 + (n % 2 === 0 ? 9 : 15) * 3600;
    const changed: string[] = [];
    let message: string;
    const dev = Math.floor(random() * 4);
    let author = `Dev ${epoch}-${dev} <dev${epoch}-${dev}@example.com>`;
    const due = pendingFixes.findIndex((f) => f.at <= n);
    if (due >= 0) {
      const fix = pendingFixes.splice(due, 1)[0];
      files.set(
        fix.path,
        [0, 1, 2].map((k) => `export const f${fix.bug}_${k} = ${fix.bug} + ${k + 1}; // fixed`),
      );
      changed.push(fix.path);
      message = `Fix crash in feature ${fix.bug}`;
      kinds.push("fix");
    } else if (n % 4 === 1 && n > 8) {
      const p = `src/feature-${++bugs}.ts`;
      files.set(
        p,
        [0, 1, 2].map((k) => `export const f${bugs}_${k} = ${bugs};`),
      );
      changed.push(p);
      pendingFixes.push({ at: n + fixDelay, path: p, bug: bugs });
      message = `Add feature ${bugs}`;
      author = `Newcomer ${epoch}-${bugs % 7} <new${epoch}-${bugs % 7}@example.com>`;
      kinds.push("bug");
    } else {
      const drifted = options.driftFromDay !== undefined && day >= options.driftFromDay;
      const nFiles = drifted ? 6 + Math.floor(random() * 4) : 2 + Math.floor(random() * 3);
      const perFile = drifted
        ? Math.ceil((500 + random() * 400) / nFiles)
        : Math.ceil((40 + random() * 110) / nFiles);
      for (let f = 0; f < nFiles; f++) {
        const p = `src/e${epoch}/core-${f}.ts`;
        const lines = files.get(p) ?? [];
        const at = Math.floor(random() * Math.max(1, lines.length - perFile));
        const fresh = Array.from({ length: perFile }, (_, i) => `export const e${n}_${f}_${i} = ${n + i};`);
        lines.splice(at, Math.min(perFile, lines.length - at), ...fresh);
        files.set(p, lines);
        changed.push(p);
      }
      message = `Extend core (${n})`;
      kinds.push("clean");
    }
    times.push(time);
    const [name, email] = author.split(" <");
    stream += `commit refs/heads/main\nmark :${++mark}\nauthor ${name} <${email} ${time} +0000\ncommitter ${name} <${email} ${time} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}\n`;
    for (const p of changed) {
      const body = files.get(p)!.join("\n") + "\n";
      stream += `M 100644 inline ${p}\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
  }
  const git = (args: string[], input?: string) => {
    const r = spawnSync("git", args, { cwd: dir, input, encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  git(["init", "-q", "-b", "main"]);
  git(["fast-import", "--quiet"], stream);
  git(["symbolic-ref", "HEAD", "refs/heads/main"]);
  const shas = git(["rev-list", "--reverse", "main"]).trim().split("\n");
  return { dir, commits: shas.map((sha, i) => ({ sha, time: times[i], kind: kinds[i] })) };
}

/** Moves the repository's visible history to the last commit at or before `time` (Unix seconds): a replay step. */
export function showHistoryUntil(history: ScriptedHistory, time: number): string {
  const last = [...history.commits].reverse().find((c) => c.time <= time);
  if (!last) throw new Error("no commit before that time");
  const r = spawnSync("git", ["update-ref", "refs/heads/replay", last.sha], {
    cwd: history.dir,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  spawnSync("git", ["symbolic-ref", "HEAD", "refs/heads/replay"], { cwd: history.dir });
  return last.sha;
}

/** A 110-day scripted history shown up to its day 100 (the bootstrap tests' fixture), and that day as "now". */
export function scriptedHistoryAtDay100(): { history: ScriptedHistory; now: Date } {
  const history = writeScriptedHistory({ days: 110 });
  const t = history.commits[0].time + 100 * 86_400;
  showHistoryUntil(history, t);
  return { history, now: new Date(t * 1000) };
}

/** The learning settings the bootstrap tests use: small thresholds so the scripted history is enough. */
export const SMALL_LEARNING_CONFIG = {
  minLabels: 60,
  minPositives: 10,
  epochs: 4,
  historyWindowDays: 400,
  promotion: { minSamples: 30 },
};
