import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A throw-away git repository whose commits a test writes one by one, with pinned dates. */
export interface ScriptedRepo {
  dir: string;
  /** Writes files (null deletes), commits with `message` at `day` (days after 2020-01-01), returns the sha. */
  commit(message: string, files: Record<string, string | null>, day: number): string;
  /** Runs any git command in the repository. */
  git(...args: string[]): string;
  remove(): void;
}

const EPOCH = Date.UTC(2020, 0, 1) / 1000;

/** Unix seconds of `day` in a scripted repository. */
export function dayToSeconds(day: number): number {
  return EPOCH + Math.round(day * 86_400);
}

export function createScriptedRepo(): ScriptedRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-labels-"));
  let env: NodeJS.ProcessEnv = {};
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: { ...process.env, ...env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir },
      encoding: "utf8",
    }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Tester");
  git("config", "user.email", "tester@example.com");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    commit(message, files, day) {
      for (const [file, content] of Object.entries(files)) {
        const full = path.join(dir, file);
        if (content === null) {
          git("rm", "-q", file);
          continue;
        }
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
        git("add", file);
      }
      const date = `${dayToSeconds(day)} +0000`;
      env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
      git("commit", "-q", "--allow-empty", "-m", message);
      env = {};
      return git("rev-parse", "HEAD");
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` numbered lines of code, with optional replacements by 1-based line number. */
export function lines(n: number, replace: Record<number, string> = {}): string {
  return (
    Array.from({ length: n }, (_, i) => replace[i + 1] ?? `  int v${i + 1} = ${i + 1};`).join("\n") + "\n"
  );
}
