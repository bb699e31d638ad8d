import { isUtf8 } from "node:buffer";

/** One file entry of a commit, joined from git's `--raw` and `--numstat` records. */
export interface LogFileChange {
  /** Path after the change (the old path for deletions). */
  path: string;
  /** Path before a rename or copy. */
  previousPath?: string;
  /** A added, M modified, D deleted, R renamed, C copied, T type change. */
  status: "A" | "M" | "D" | "R" | "C" | "T";
  oldMode: string;
  newMode: string;
  oldBlob: string;
  newBlob: string;
  /** Lines added/deleted; `null` for binary files (numstat prints `-\t-`) or when numstat is missing. */
  added: number | null;
  deleted: number | null;
  /** Submodule pointer (mode 160000) on either side. */
  submodule: boolean;
  /** The path was not valid UTF-8 (decoded as latin1 so it stays a stable, distinct key). */
  nonUtf8Path: boolean;
}

/** One commit of a `git log` stream with its files. */
export interface LogCommit {
  sha: string;
  parents: string[];
  /** Author date, Unix seconds. */
  authorTime: number;
  authorName: string;
  authorEmail: string;
  message: string;
  files: LogFileChange[];
}

/**
 * The `--format` the parser expects, with `-z --raw --numstat --no-abbrev`. Fields are separated by
 * U+001F; each commit header starts with U+001E. Git strips NUL from messages, so the header ends at the next NUL.
 */
export const LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%at%x1f%an%x1f%ae%x1f%B%x1f";

const SOH = 0x1e;
const ZERO_SHA = /^0+$/;

type Expect = "any" | "raw-path" | "raw-path2" | "num-old" | "num-new";

/** Decodes a path: UTF-8 when valid, otherwise latin1 (lossless, so distinct byte paths stay distinct). */
function decodePath(bytes: Buffer): { text: string; nonUtf8: boolean } {
  if (isUtf8(bytes)) return { text: bytes.toString("utf8"), nonUtf8: false };
  return { text: bytes.toString("latin1"), nonUtf8: true };
}

/**
 * Incremental parser of `git log -z --raw --numstat` output. Feed it chunks; it calls `onCommit` for
 * every commit once the next one starts (or on `end()`). Memory is bounded by one commit's records.
 */
export class LogRecordParser {
  private pending: Buffer = Buffer.alloc(0);
  private current: LogCommit | null = null;
  private expect: Expect = "any";
  private rawMeta: string[] = [];
  private rawPath = "";
  private rawNonUtf8 = false;
  private numCounts: [number | null, number | null] = [null, null];
  private numOld = "";
  private byPath = new Map<string, LogFileChange>();

  constructor(private readonly onCommit: (commit: LogCommit) => void) {}

  /** The commit whose records are being read (its header was seen); `null` before the first header. */
  get partial(): LogCommit | null {
    return this.current;
  }

  push(chunk: Buffer): void {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let start = 0;
    for (let nul = buf.indexOf(0, start); nul !== -1; nul = buf.indexOf(0, start)) {
      this.token(buf.subarray(start, nul));
      start = nul + 1;
    }
    this.pending = Buffer.from(buf.subarray(start));
  }

  /** Flushes the last commit. */
  end(): void {
    if (this.pending.length) this.token(this.pending);
    this.pending = Buffer.alloc(0);
    this.flush();
  }

  private token(raw: Buffer): void {
    let tok = raw;
    if (this.expect === "any" && tok.length && tok[0] === 0x0a) tok = tok.subarray(1);
    switch (this.expect) {
      case "raw-path":
      case "raw-path2":
      case "num-old":
      case "num-new":
        return this.pathToken(tok);
    }
    if (tok.length === 0) return;
    const first = tok[0];
    if (first === SOH) return this.header(tok.subarray(1).toString("utf8"));
    if (!this.current) return;
    if (first === 0x3a /* ':' */) {
      this.rawMeta = tok.subarray(1).toString("latin1").split(" ");
      this.expect = "raw-path";
      return;
    }
    const text = tok.toString("latin1");
    const t1 = text.indexOf("\t");
    const t2 = text.indexOf("\t", t1 + 1);
    if (t1 < 0 || t2 < 0) return;
    const a = text.slice(0, t1);
    const d = text.slice(t1 + 1, t2);
    this.numCounts = [a === "-" ? null : Number(a), d === "-" ? null : Number(d)];
    if (t2 === text.length - 1) {
      this.expect = "num-old";
      return;
    }
    this.applyNumstat(decodePath(tok.subarray(t2 + 1)).text);
  }

  private pathToken(tok: Buffer): void {
    const { text, nonUtf8 } = decodePath(tok);
    const state = this.expect;
    this.expect = "any";
    if (state === "num-old") {
      this.numOld = text;
      this.expect = "num-new";
    } else if (state === "num-new") {
      this.applyNumstat(text);
    } else if (state === "raw-path") {
      const status = this.rawMeta[4] ?? "M";
      if (status[0] === "R" || status[0] === "C") {
        this.rawPath = text;
        this.rawNonUtf8 = nonUtf8;
        this.expect = "raw-path2";
      } else this.addRaw(text, undefined, nonUtf8);
    } else {
      this.addRaw(text, this.rawPath, nonUtf8 || this.rawNonUtf8);
    }
  }

  private addRaw(path: string, previousPath: string | undefined, nonUtf8: boolean): void {
    const [oldMode, newMode, oldBlob, newBlob, status] = this.rawMeta;
    const file: LogFileChange = {
      path,
      status: (status?.[0] ?? "M") as LogFileChange["status"],
      oldMode,
      newMode,
      oldBlob: ZERO_SHA.test(oldBlob) ? "" : oldBlob,
      newBlob: ZERO_SHA.test(newBlob) ? "" : newBlob,
      added: null,
      deleted: null,
      submodule: oldMode === "160000" || newMode === "160000",
      nonUtf8Path: nonUtf8,
    };
    if (previousPath !== undefined) file.previousPath = previousPath;
    this.current!.files.push(file);
    this.byPath.set(path, file);
  }

  private applyNumstat(path: string): void {
    const file = this.byPath.get(path);
    if (file) {
      file.added = this.numCounts[0];
      file.deleted = this.numCounts[1];
    }
  }

  private header(text: string): void {
    this.flush();
    const parts = text.split("\x1f");
    const [sha, parents, at, name, email] = parts;
    this.current = {
      sha,
      parents: parents ? parents.split(" ") : [],
      authorTime: Number(at),
      authorName: name ?? "",
      authorEmail: email ?? "",
      message: parts.slice(5, -1).join("\x1f").trimEnd(),
      files: [],
    };
  }

  private flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = null;
    this.byPath.clear();
    this.expect = "any";
  }
}
