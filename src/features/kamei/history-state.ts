import { gunzipSync, gzipSync } from "node:zlib";
import { subsystemOf } from "../diff/compute-diff-metrics.js";

const DAY = 86_400;
const YEAR = 365.25 * DAY;

/** One file of a change as the history state sees it. */
export interface HistoryFile {
  path: string;
  /** Old path of a rename: the file's history moves to `path`. */
  previousPath?: string;
  /** `removed` drops the file's state after the change. */
  status: "added" | "modified" | "removed" | "renamed";
  /** Lines added/deleted; `null` when unknown (binary, missing numstat). */
  added: number | null;
  deleted: number | null;
}

/** A change (commit or pull request) as input to the history state. */
export interface HistoryChange {
  /** Unix seconds (author date). */
  time: number;
  /** Developer identity: lower-cased e-mail, or the name/login when there is no e-mail. */
  author: string;
  files: HistoryFile[];
}

/** Kamei's history and experience metrics (the 8 that need history; `fix` comes from the message). */
export interface HistoryMetrics {
  lt: number;
  ndev: number;
  age: number;
  nuc: number;
  exp: number;
  rexp: number;
  sexp: number;
}

interface FileState {
  /** Lines of code now, from the running sum of numstat (added − deleted). */
  loc: number;
  /** Author time of the last change, Unix seconds. */
  last: number;
  /** Developer ids that changed the file. */
  devs: number[];
  /** Number of earlier changes to the file (through renames). */
  changes: number;
}

interface DevState {
  /** Author times of the developer's changes, ascending. */
  times: number[];
  /** Subsystem → ordinals of the developer's changes that touched it. */
  subsystems: Map<string, number[]>;
}

/** Developer key used by every source (miner, mirror, API): e-mail if any, else name/login; lower-cased. */
export function developerKey(email: string | null | undefined, name?: string | null): string {
  return (email || name || "unknown").trim().toLowerCase();
}

/** First index in ascending `xs` whose value is > `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * REXP: Σ 1 / (1 + whole years between each earlier change and `now`). With the times sorted, each year of
 * age is one binary search, so a prolific author costs O(years × log n), not O(n), per change.
 */
function recentExperience(times: readonly number[], now: number): number {
  let rexp = 0;
  let end = upperBound(times, now);
  // Changes dated after `now` (clock skew) count as age 0, like the changes of the same moment.
  rexp += times.length - end;
  for (let years = 0; end > 0; years++) {
    const start = upperBound(times, now - (years + 1) * YEAR);
    rexp += (end - start) / (1 + years);
    end = start;
  }
  return rexp;
}

/** Size of the union of id lists; each list holds distinct ids. */
function unionSize(lists: number[][]): number {
  if (lists.length === 1) return lists[0].length;
  const seen = new Set<number>();
  for (const list of lists) for (const v of list) seen.add(v);
  return seen.size;
}

/**
 * The compact running state of a repository's history: per file (LOC, last change time, developers,
 * number of changes) and per developer (change times, changes per subsystem). `metricsFor` reads it
 * BEFORE `apply`, so every value uses only history before the change. Files follow renames.
 */
export class HistoryState {
  private files = new Map<string, FileState>();
  private devIds = new Map<string, number>();
  private devs: DevState[] = [];
  /** Number of changes applied so far; also the next change's ordinal. */
  changes = 0;

  metricsFor(change: HistoryChange): HistoryMetrics {
    let lt = 0;
    let ageSum = 0;
    let aged = 0;
    const devLists: number[][] = [];
    let nuc = 0;
    for (const f of change.files) {
      const state = this.files.get(f.previousPath ?? f.path) ?? this.files.get(f.path);
      if (!state) continue;
      lt += Math.max(0, state.loc);
      ageSum += Math.max(0, change.time - state.last) / DAY;
      aged++;
      devLists.push(state.devs);
      nuc += state.changes;
    }
    const devId = this.devIds.get(change.author);
    const dev = devId === undefined ? undefined : this.devs[devId];
    const rexp = dev ? recentExperience(dev.times, change.time) : 0;
    const subsystems = [...new Set(change.files.map((f) => subsystemOf(f.path)))];
    const sexpLists = subsystems.map((s) => dev?.subsystems.get(s)).filter((l): l is number[] => !!l);
    return {
      lt,
      ndev: devLists.length ? unionSize(devLists) : 0,
      age: aged ? ageSum / aged : 0,
      nuc,
      exp: dev?.times.length ?? 0,
      rexp,
      sexp: sexpLists.length ? unionSize(sexpLists) : 0,
    };
  }

  /** Records the change in the state (after its metrics were read). */
  apply(change: HistoryChange): void {
    const ordinal = this.changes++;
    let devId = this.devIds.get(change.author);
    if (devId === undefined) {
      devId = this.devs.length;
      this.devIds.set(change.author, devId);
      this.devs.push({ times: [], subsystems: new Map() });
    }
    const dev = this.devs[devId];
    // Walk order is by commit date; author dates are almost always in order, so this is nearly always a push.
    const at = upperBound(dev.times, change.time);
    if (at === dev.times.length) dev.times.push(change.time);
    else dev.times.splice(at, 0, change.time);
    for (const s of new Set(change.files.map((f) => subsystemOf(f.path)))) {
      const list = dev.subsystems.get(s);
      if (list) list.push(ordinal);
      else dev.subsystems.set(s, [ordinal]);
    }
    for (const f of change.files) {
      let state = f.previousPath !== undefined ? this.files.get(f.previousPath) : undefined;
      if (state) this.files.delete(f.previousPath!);
      state ??= this.files.get(f.path);
      if (f.status === "removed") {
        this.files.delete(f.path);
        continue;
      }
      if (!state) {
        state = { loc: 0, last: change.time, devs: [], changes: 0 };
      }
      state.loc += (f.added ?? 0) - (f.deleted ?? 0);
      state.last = change.time;
      if (!state.devs.includes(devId)) state.devs.push(devId);
      state.changes++;
      this.files.set(f.path, state);
    }
  }

  /** Number of files currently tracked (for progress and memory reporting). */
  get fileCount(): number {
    return this.files.size;
  }

  /** Compact snapshot (gzip'd JSON) for incremental resume. */
  serialize(): Buffer {
    const json = JSON.stringify({
      v: 2,
      changes: this.changes,
      devIds: [...this.devIds],
      devs: this.devs.map((d) => ({ times: d.times, subsystems: [...d.subsystems] })),
      files: [...this.files],
    });
    return gzipSync(json);
  }

  static deserialize(blob: Buffer): HistoryState {
    const data = JSON.parse(gunzipSync(blob).toString("utf8")) as {
      v: number;
      changes: number;
      devIds: [string, number][];
      devs: { times: number[]; subsystems: [string, number[]][] }[];
      files: [string, FileState][];
    };
    if (data.v !== 2)
      throw new Error(`Saved history state has version ${data.v}, this miner reads 2: re-mine with --full.`);
    const state = new HistoryState();
    state.changes = data.changes;
    state.devIds = new Map(data.devIds);
    state.devs = data.devs.map((d) => ({ times: d.times, subsystems: new Map(d.subsystems) }));
    state.files = new Map(data.files);
    return state;
  }
}
