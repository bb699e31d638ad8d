import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** 2020-01-01T00:00:00Z: day 0 of the scripted histories. */
export const T0 = 1_577_836_800;
export const DAY = 86_400;

export interface Author {
  name: string;
  email: string;
}
export const ALICE: Author = { name: "Alice", email: "alice@example.com" };
export const BOB: Author = { name: "Bob", email: "bob@example.com" };
export const CAROL: Author = { name: "Carol", email: "carol@example.com" };

/** A real git repository in a temp folder, driven with scripted authors and dates. */
export class ScriptedRepo {
  readonly dir: string;
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-mine-"));
    this.git(["init", "-q", "-b", "main"]);
    this.git(["config", "user.name", "Test"]);
    this.git(["config", "user.email", "test@example.com"]);
    this.git(["config", "commit.gpgsign", "false"]);
  }

  git(args: string[], env: NodeJS.ProcessEnv = {}): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      env: { ...process.env, ...env },
      encoding: "utf8",
    }).trim();
  }

  /** Writes a file (string path, or raw bytes for non-UTF-8 names). */
  write(file: string | Buffer, content: string | Buffer): void {
    const full = Buffer.isBuffer(file)
      ? Buffer.concat([Buffer.from(this.dir + "/"), file])
      : path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full.toString("latin1")), { recursive: true });
    fs.writeFileSync(full, content);
  }

  lines(file: string, lines: string[]): void {
    this.write(file, lines.map((l) => `${l}\n`).join(""));
  }

  read(file: string): string[] {
    return fs.readFileSync(path.join(this.dir, file), "utf8").split("\n").slice(0, -1);
  }

  /** Stages everything and commits as `author` at `day` days after T0; returns the sha. */
  commit(author: Author, day: number, message: string): string {
    const date = `@${T0 + day * DAY} +0000`;
    this.git(["add", "-A"]);
    this.git(["commit", "-q", "--allow-empty", "-m", message], this.env(author, date));
    return this.git(["rev-parse", "HEAD"]);
  }

  env(author: Author, date: string): NodeJS.ProcessEnv {
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  }

  merge(author: Author, day: number, branch: string): string {
    const date = `@${T0 + day * DAY} +0000`;
    this.git(["merge", "-q", "--no-ff", "-m", `Merge ${branch}`, branch], this.env(author, date));
    return this.git(["rev-parse", "HEAD"]);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const range = (n: number, prefix = "l") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/**
 * The history every metric test works out by hand (days after T0):
 *  c1 d0   Alice  add a/x.js (10 lines), b/y.txt (5 lines)
 *  c2 d2   Bob    a/x.js: line 1 replaced, 2 lines appended (+3 −1)
 *  c3 d400 Alice  rename a/x.js → a/z.js (+1), delete b/y.txt (−5), add bin.dat (binary)
 *  c4 d401 Bob    (branch side) add d/w.txt (4 lines)
 *  c5 d402 Carol  (main) a/z.js: last line replaced (+1 −1)
 *  c6 d403 Alice  merge side into main
 *  c7 d800 Alice  a/z.js (+2 −2), d/w.txt (+1), add e/caf\xe9.txt (non-UTF-8 name, 2 lines)
 */
export function buildHistory(repo: ScriptedRepo): Record<string, string> {
  const shas: Record<string, string> = {};
  repo.lines("a/x.js", range(10));
  repo.lines("b/y.txt", range(5, "y"));
  shas.c1 = repo.commit(ALICE, 0, "Initial import");
  repo.lines("a/x.js", ["L1", ...range(10).slice(1), "l11", "l12"]);
  shas.c2 = repo.commit(BOB, 2, "Extend x");
  repo.git(["mv", "a/x.js", "a/z.js"]);
  repo.lines("a/z.js", [...repo.read("a/z.js"), "l13"]);
  repo.git(["rm", "-q", "b/y.txt"]);
  repo.write("bin.dat", Buffer.from([0, 1, 2, 3, 0, 255]));
  shas.c3 = repo.commit(ALICE, 400, "Fix the crash in x by moving it");
  repo.git(["checkout", "-q", "-b", "side"]);
  repo.lines("d/w.txt", range(4, "w"));
  shas.c4 = repo.commit(BOB, 401, "Add w");
  repo.git(["checkout", "-q", "main"]);
  repo.lines("a/z.js", [...repo.read("a/z.js").slice(0, -1), "L13"]);
  shas.c5 = repo.commit(CAROL, 402, "Tweak z");
  shas.c6 = repo.merge(ALICE, 403, "side");
  const z = repo.read("a/z.js");
  repo.lines("a/z.js", ["M1", "M2", ...z.slice(2)]);
  repo.lines("d/w.txt", [...repo.read("d/w.txt"), "w5"]);
  repo.write(Buffer.from([0x65, 0x2f, 0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]), "e1\ne2\n");
  shas.c7 = repo.commit(ALICE, 800, "Update z and w");
  return shas;
}
