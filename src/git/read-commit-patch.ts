import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Change } from "../change/types.js";
import { parseUnifiedDiff } from "../diff/index.js";

// diff-tree echoes input lines that are not commits; no line of a text patch starts with "~".
const MARKER = "~~defect-end~~";
const END = Buffer.from(`\n${MARKER}\n`);

/**
 * One long-lived `git diff-tree --stdin -p -U0 -M --root` answering every patch request of a mining run
 * (only when AST or token features are asked for): a process per commit would cost more than the diff.
 * Zero context lines: hunks are exactly the changed lines.
 */
export class CommitPatchReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: { resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed: Error | null = null;

  constructor(repo: string) {
    this.child = spawn(
      "git",
      ["diff-tree", "--stdin", "-p", "-U0", "-M", "--root", "--no-color", "--no-ext-diff"],
      {
        cwd: repo,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", GIT_NO_LAZY_FETCH: "1" },
      },
    );
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      for (let end = this.buffer.indexOf(END); end !== -1; end = this.buffer.indexOf(END)) {
        const patch = this.buffer.subarray(0, end + 1);
        this.buffer = this.buffer.subarray(end + END.length);
        this.queue.shift()?.resolve(Buffer.from(patch));
      }
    });
    const stderr: Buffer[] = [];
    this.child.stderr.on("data", (b: Buffer) => stderr.push(b));
    const fail = (error: Error) => {
      this.failed = error;
      for (const p of this.queue.splice(0)) p.reject(error);
    };
    this.child.on("error", fail);
    this.child.on("close", (code) => {
      const detail = Buffer.concat(stderr).toString("utf8").trim().split("\n").pop() ?? "";
      fail(new Error(`git diff-tree --stdin exited (${code}) in ${repo}: ${detail}`));
    });
    this.child.stdin.on("error", () => undefined);
  }

  /** The patch of a commit against its first parent (or the empty tree for a root commit). */
  read(sha: string): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.child.stdin.write(`${sha}\n${MARKER}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** Fills `change.files[].hunks` of a mined commit from its patch. */
export async function attachCommitHunks(reader: CommitPatchReader, change: Change): Promise<void> {
  const patch = await reader.read(change.headSha);
  const byPath = new Map(change.files.map((f) => [f.path, f]));
  for (const file of parseUnifiedDiff(patch)) {
    const target = byPath.get(file.newPath ?? file.oldPath ?? "");
    if (target) target.hunks = file.hunks;
  }
}
