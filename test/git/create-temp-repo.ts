import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A real git repository in os.tmpdir() for tests, with helpers to write files and commit. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(file: string, content: string | Buffer): void;
  /** Commits everything in the work tree (or only the index, with `indexOnly`); returns the new SHA. */
  commit(message: string, options?: { date?: string; indexOnly?: boolean }): string;
  /** `git mv` that creates the destination directory first. */
  move(from: string, to: string): void;
  remove(): void;
}

const ENV = {
  GIT_AUTHOR_NAME: "Ada Tester",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada Tester",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: os.tmpdir(),
};

/** Creates an empty repository on branch `main` (or a bare one). */
export function createTempRepo(options: { bare?: boolean; prefix?: string } = {}): TempRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), options.prefix ?? "defect-repo-"));
  const git = (...args: string[]): string =>
    execFileSync("git", args, { cwd: dir, env: { ...process.env, ...ENV }, encoding: "utf8" });
  git("init", "-q", "-b", "main", ...(options.bare ? ["--bare"] : []));
  git("config", "core.autocrlf", "false");
  return {
    dir,
    git,
    write(file, content) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    },
    commit(message, { date = "2024-01-02T03:04:05Z", indexOnly = false } = {}) {
      if (!indexOnly) git("add", "-A");
      execFileSync("git", ["commit", "-q", "--allow-empty", "-m", message], {
        cwd: dir,
        env: { ...process.env, ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git("rev-parse", "HEAD").trim();
    },
    move(from, to) {
      mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      git("mv", from, to);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
