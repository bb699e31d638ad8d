import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GitError, runGit, streamGitLines } from "../git/run-git.js";
import { blameLines } from "./blame-lines.js";
import { CatFileBatch } from "../git/cat-file-batch.js";
import type { LabelOptions } from "./label-options.js";
import { readFixDiff } from "./read-fix-diff.js";
import type { CommitSize, SzzHistory } from "./szz-history.js";

/** Throws a clear error when `dir` is not a directory (git would only say "spawn git ENOENT"). */
export function assertDirectory(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(
      `${dir} is not a directory. Pass --repo a local clone or a bare mirror of the repository.`,
    );
  }
}

/** Parses `.git-blame-ignore-revs` text: one full sha per line, `#` comments. */
export function parseIgnoreRevs(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const sha = raw.replace(/#.*/, "").trim().toLowerCase();
    if (/^[0-9a-f]{40}$/.test(sha)) out.add(sha);
  }
  return out;
}

/**
 * SZZ's view of a local clone or bare mirror: git diff/blame per file, one `git cat-file --batch` for
 * object reads, one `git log --no-walk` per batch of commit sizes, and ignore-revs files written once per
 * distinct set under a private temp directory (removed by close()).
 */
export async function openGitSzzHistory(
  cwd: string,
  options: Pick<LabelOptions, "moveDetection" | "concurrency">,
  gitEnv?: NodeJS.ProcessEnv,
): Promise<SzzHistory> {
  assertDirectory(cwd);
  try {
    await runGit(["rev-parse", "--git-dir"], { cwd });
  } catch (error) {
    if (error instanceof GitError) {
      throw new Error(
        `${cwd} is not a git repository (git said: ${error.stderr.trim()}). Pass --repo a clone or mirror.`,
      );
    }
    throw error;
  }
  const batch = new CatFileBatch(cwd);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defect-szz-"));
  const ignoreFiles = new Map<string, string>();
  const sizes = new Map<string, CommitSize>();
  let shapes: Map<string, CommitSize> | null = null;
  const limit = createLimiter(options.concurrency);
  // Line counts asked for by fixes traced at the same time go to git in one batch.
  let queued = new Set<string>();
  let flushing: Promise<void> | null = null;
  const countLines = (shas: string[]): Promise<void> => {
    shas.forEach((s) => queued.add(s));
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      limit(async () => {
        const batch = [...queued].filter((s) => !sizes.has(s));
        queued = new Set();
        flushing = null;
        if (batch.length) await measureMany(cwd, batch, sizes);
      }),
    );
    return flushing;
  };

  const ignoreFileFor = (revs: ReadonlySet<string>): string | undefined => {
    if (revs.size === 0) return undefined;
    const text = [...revs].sort().join("\n") + "\n";
    const key = createHash("sha1").update(text).digest("hex");
    let file = ignoreFiles.get(key);
    if (!file) {
      file = path.join(tmp, `${key}.revs`);
      fs.writeFileSync(file, text);
      ignoreFiles.set(key, file);
    }
    return file;
  };

  return {
    canIgnoreRevs: true,
    readCommit: (sha) => batch.readCommit(sha),
    readFixLines: (fixSha, parent) => limit(() => readFixDiff(cwd, fixSha, parent, gitEnv)),
    blame: (rev, file, lines, ignoreRevs) =>
      limit(() =>
        blameLines(cwd, rev, file, lines, {
          moveDetection: options.moveDetection,
          ignoreRevsFile: ignoreFileFor(ignoreRevs),
          env: gitEnv,
        }),
      ),
    async commitSizes(shas, withLines = true) {
      shapes ??= await readShapes(cwd);
      const unique = [...new Set(shas)];
      const wanted = unique.filter((s) => !sizes.has(s) && (withLines || !shapes!.has(s)));
      if (wanted.length) await countLines(wanted);
      const out = new Map<string, CommitSize>();
      for (const s of unique) {
        const size = sizes.get(s) ?? shapes.get(s);
        if (size) out.set(s, size);
      }
      return out;
    },
    async ignoredRevisions(rev) {
      const blob = await batch.read(`${rev}:.git-blame-ignore-revs`);
      return blob && blob.type === "blob" ? parseIgnoreRevs(blob.content.toString("utf8")) : new Set();
    },
    async close() {
      batch.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function shortstats(cwd: string, shas: readonly string[]): Promise<string> {
  return runGit(
    [
      "log",
      "--no-walk=unsorted",
      "--diff-merges=first-parent",
      "--format=%x1e%H%x1f%s",
      "--shortstat",
      "--stdin",
    ],
    { cwd, input: shas.join("\n") + "\n" },
  );
}

function parseShortstats(out: string, sizes: Map<string, CommitSize>): void {
  for (const record of out.split("\x1e").slice(1)) {
    const [head, ...rest] = record.split("\n");
    const [sha, subject] = head.split("\x1f");
    const stat = rest.join(" ");
    const n = (re: RegExp) => Number(re.exec(stat)?.[1] ?? 0);
    sizes.set(sha, {
      subject,
      files: n(/(\d+) files? changed/),
      lines: n(/(\d+) insertions?\(\+\)/) + n(/(\d+) deletions?\(-\)/),
    });
  }
}

/** One commit's size; when its blobs are missing, files are counted from trees and lines are unknown (0). */
async function measureOne(cwd: string, sha: string, sizes: Map<string, CommitSize>): Promise<void> {
  try {
    parseShortstats(await shortstats(cwd, [sha]), sizes);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const out = await runGit(["show", "--diff-merges=first-parent", "--format=%s", "--name-only", sha], {
      cwd,
    });
    const [subject, ...files] = out.split("\n");
    sizes.set(sha, { subject, files: files.filter(Boolean).length, lines: 0 });
  }
}

/**
 * Subject and file count of every commit reachable from HEAD in one tree-only `git log --raw` (no blob is
 * read, so it is fast and survives a partial mirror): enough for mass-format detection and the file limit.
 */
async function readShapes(cwd: string): Promise<Map<string, CommitSize>> {
  const shapes = new Map<string, CommitSize>();
  let current: CommitSize | null = null;
  const { code } = await streamGitLines(
    ["log", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--format=%x1e%H%x1f%s", "HEAD"],
    { cwd },
    (line) => {
      if (line.startsWith("\x1e")) {
        const [sha, subject] = line.slice(1).split("\x1f");
        current = { files: 0, lines: null, subject };
        shapes.set(sha, current);
      } else if (line.startsWith(":") && current) current.files++;
    },
  );
  // An empty repository or a detached, unborn HEAD: every size is then read on demand.
  return code === 0 ? shapes : new Map();
}

async function measureMany(cwd: string, shas: string[], sizes: Map<string, CommitSize>): Promise<void> {
  try {
    parseShortstats(await shortstats(cwd, shas), sizes);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // A blob missing from a partial mirror fails the whole batch: measure one by one instead.
    for (const sha of shas) await measureOne(cwd, sha, sizes);
  }
}

/** At most `n` tasks at once; the rest wait their turn in order. */
function createLimiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
