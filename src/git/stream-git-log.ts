import { spawn } from "node:child_process";
import { LOG_FORMAT, LogRecordParser, type LogCommit } from "./parse-log-records.js";

/** How one `git log` process ended. */
export interface LogRunResult {
  code: number | null;
  stderr: string;
  /** The commit whose header was read when git stopped (complete only when `code === 0`). */
  partial: LogCommit | null;
}

/** Arguments for the one streamed `git log` of the miner: raw + numstat, NUL-separated, rename detection on. */
export function logArgs(extra: readonly string[] = []): string[] {
  return [
    "-c",
    "core.quotePath=false",
    "log",
    "-z",
    "--raw",
    "--numstat",
    "--no-abbrev",
    "-M",
    LOG_FORMAT,
    ...extra,
  ];
}

/** Git stopped because an object is not in the repository (snapshot, shallow or partial clone). */
export function isMissingObjectError(stderr: string): boolean {
  return /unable to read|missing (blob|tree|object)|bad object|could not read|invalid object|did not receive expected object|promisor remote/i.test(
    stderr,
  );
}

/**
 * Runs `git <args>` and feeds stdout to a {@link LogRecordParser}. `onCommit` runs for every complete
 * commit; `drain` (optional) is awaited after each chunk, with the pipe paused, so a caller can write
 * its batch to the store and keep memory bounded.
 * On a non-zero exit the commit being read is NOT emitted (it may be cut short); it is returned as `partial`.
 */
export async function streamGitLog(
  cwd: string,
  args: readonly string[],
  onCommit: (commit: LogCommit) => void,
  options: { input?: string; drain?: () => Promise<void> } = {},
): Promise<LogRunResult> {
  const { input, drain } = options;
  const child = spawn("git", args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", GIT_PAGER: "cat", GIT_NO_LAZY_FETCH: "1" },
  });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  child.stdin.on("error", () => {
    // git may exit before reading all of stdin (e.g. on a bad object); the exit code reports that.
  });
  const err: Buffer[] = [];
  child.stderr.on("data", (b: Buffer) => err.push(b));
  const parser = new LogRecordParser(onCommit);
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  for await (const chunk of child.stdout) {
    parser.push(chunk as Buffer);
    if (drain) await drain();
  }
  const code = await closed;
  const stderr = Buffer.concat(err).toString("utf8");
  if (code === 0) {
    parser.end();
    return { code, stderr, partial: null };
  }
  return { code, stderr, partial: parser.partial };
}
