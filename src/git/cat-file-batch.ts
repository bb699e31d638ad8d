import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

/** One object read through `git cat-file --batch`; null when git says it is missing. */
export interface GitObject {
  sha: string;
  type: string;
  content: Buffer;
}

interface Pending {
  resolve: (o: GitObject | null) => void;
  reject: (e: Error) => void;
}

/**
 * A long-lived `git cat-file --batch`: one process answers every object read of a labeling run
 * (commit headers, .git-blame-ignore-revs at a revision) instead of one process per read.
 */
export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed: Error | null = null;

  constructor(cwd: string) {
    this.child = spawn("git", ["cat-file", "--batch"], {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const p of this.queue.splice(0)) p.reject(error);
    };
    this.child.on("error", fail);
    this.child.on("close", (code) => {
      if (this.queue.length)
        fail(new Error(`git cat-file --batch exited (${code}) with reads pending in ${cwd}`));
    });
  }

  /** Reads `<rev>` or `<rev>:<path>`. */
  read(spec: string): Promise<GitObject | null> {
    if (this.failed) return Promise.reject(this.failed);
    if (/[\n\r]/.test(spec))
      return Promise.reject(new Error(`Object name contains a newline: ${JSON.stringify(spec)}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.child.stdin.write(`${spec}\n`);
    });
  }

  /** Reads a commit and returns its raw header fields and message. */
  async readCommit(
    rev: string,
  ): Promise<{ sha: string; parents: string[]; commitTime: number; message: string } | null> {
    const o = await this.read(rev);
    if (!o || o.type !== "commit") return null;
    const text = o.content.toString("utf8");
    const split = text.indexOf("\n\n");
    const header = split >= 0 ? text.slice(0, split) : text;
    const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]);
    const committer = /^committer .* (\d+) [+-]\d{4}$/m.exec(header);
    return {
      sha: o.sha,
      parents,
      commitTime: committer ? Number(committer[1]) : 0,
      message: split >= 0 ? text.slice(split + 2) : "",
    };
  }

  close(): void {
    this.child.stdin.end();
  }

  private drain(): void {
    for (;;) {
      const head = this.queue[0];
      if (!head) return;
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const line = this.buffer.subarray(0, nl).toString("utf8");
      if (line.endsWith(" missing") || line.endsWith(" ambiguous")) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.queue.shift()!.resolve(null);
        continue;
      }
      const [sha, type, size] = line.split(" ");
      const length = Number(size);
      if (this.buffer.length < nl + 1 + length + 1) return;
      const content = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + length));
      this.buffer = this.buffer.subarray(nl + 1 + length + 1);
      this.queue.shift()!.resolve({ sha, type, content });
    }
  }
}
