import { spawn } from "node:child_process";
import readline from "node:readline";

/** git failed: carries the command, exit code and stderr so callers can say what to do. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
    this.name = "GitError";
  }
}

export interface RunGitOptions {
  cwd: string;
  /** Extra environment (e.g. GIT_TERMINAL_PROMPT=0 is always set). */
  env?: NodeJS.ProcessEnv;
  /** Bytes of stdin to write. */
  input?: string;
}

const BASE_ENV = { GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", GIT_PAGER: "cat" };

/** Runs git to completion and returns stdout as a Buffer (binary-safe). Rejects with {@link GitError}. */
export function runGitBuffer(args: readonly string[], options: RunGitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: { ...process.env, ...BASE_ENV, ...options.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(args, code, Buffer.concat(err).toString("utf8")));
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** Runs git and returns stdout decoded as UTF-8 (invalid bytes become U+FFFD, never a crash). */
export async function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  return (await runGitBuffer(args, options)).toString("utf8");
}

/**
 * Streams git's stdout line by line (for `git log` over long histories: bounded memory).
 * Resolves with the exit code and stderr once the process ends; never rejects on a non-zero exit,
 * because a partial history (missing objects in a snapshot) is still useful: the caller decides.
 */
export async function streamGitLines(
  args: readonly string[],
  options: RunGitOptions,
  onLine: (line: string) => void,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn("git", args, {
    cwd: options.cwd,
    env: { ...process.env, ...BASE_ENV, ...options.env },
  });
  child.stdin.end();
  const err: Buffer[] = [];
  child.stderr.on("data", (b: Buffer) => err.push(b));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of rl) onLine(line);
  const code = await closed;
  return { code, stderr: Buffer.concat(err).toString("utf8") };
}
