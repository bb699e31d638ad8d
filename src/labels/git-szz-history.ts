import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GitError, runGit } from "../git/run-git.js";
import { blameLines } from "./blame-lines.js";
import { CatFileBatch } from "./cat-file-batch.js";
import type { LabelOptions } from "./label-options.js";
import { readFixDiff } from "./read-fix-diff.js";
import type { CommitSize, SzzHistory } from "./szz-history.js";

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
  options: Pick<LabelOptions, "moveDetection">,
  gitEnv?: NodeJS.ProcessEnv,
): Promise<SzzHistory> {
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
    readFixLines: (fixSha, parent) => readFixDiff(cwd, fixSha, parent, gitEnv),
    blame: (rev, file, lines, ignoreRevs) =>
      blameLines(cwd, rev, file, lines, {
        moveDetection: options.moveDetection,
        ignoreRevsFile: ignoreFileFor(ignoreRevs),
        env: gitEnv,
      }),
    async commitSizes(shas) {
      const wanted = [...new Set(shas)].filter((s) => !sizes.has(s));
      try {
        if (wanted.length) parseShortstats(await shortstats(cwd, wanted), sizes);
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        // A blob missing from a partial mirror fails the whole batch: measure one by one instead.
        for (const sha of wanted) await measureOne(cwd, sha, sizes);
      }
      return new Map(shas.filter((s) => sizes.has(s)).map((s) => [s, sizes.get(s)!]));
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
