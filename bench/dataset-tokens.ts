/**
 * Diff tokens for the commits of the LApredict datasets, read from local mirrors of the projects' repositories with
 * the product's own code (CommitPatchReader → parseUnifiedDiff → countFileTokens, the same hashing as
 * `defect mine --tokens`). The CSVs name each commit (`_id`), so a commit found in a mirror gets `tok_<bucket>`
 * counts; one found in none keeps its metrics only (the model's token group is then missing for it).
 *
 * Mirrors are bare or normal clones under one folder, as `<owner>+<name>/repo` (the layout of the workplace's fetch
 * tool) or `<owner>/<name>`. Nothing is downloaded. Results are cached under bench/out/tokens/ (gitignored), keyed by
 * the tokenizer's source, so a second run reads them back in seconds.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseUnifiedDiff } from "../src/diff/index.js";
import { countFileTokens, decodeTokenCounts, encodeBucketCounts } from "../src/features/tokens/index.js";
import { CommitPatchReader } from "../src/git/read-commit-patch.js";

/**
 * Where each project's commits live (the datasets span several repositories per project). The first repository of
 * qt, go and gerrit (qt/qtbase, golang/go, GerritCodeReview/gerrit) is listed but was not verified: its snapshot is
 * over the 500 MB limit of the machine the benchmark was made on, so there most of qt and go and all of gerrit had
 * no tokens. The benchmark prints its coverage and the mirrors it did not find.
 */
export const TOKEN_SOURCES: Record<string, string[]> = {
  openstack: [
    "openstack/nova",
    "openstack/neutron",
    "openstack/cinder",
    "openstack/swift",
    "openstack/glance",
  ],
  jdt: ["eclipse-jdt/eclipse.jdt.core", "eclipse-jdt/eclipse.jdt.ui", "eclipse-jdt/eclipse.jdt.debug"],
  platform: [
    "eclipse-platform/eclipse.platform.ui",
    "eclipse-platform/eclipse.platform.swt",
    "eclipse-platform/eclipse.platform.releng.aggregator",
    "eclipse-platform/eclipse.platform.text",
    "eclipse-platform/eclipse.platform.debug",
    "eclipse-platform/eclipse.platform.runtime",
    "eclipse-platform/eclipse.platform.team",
    "eclipse-platform/eclipse.platform.resources",
    "eclipse-platform/eclipse.platform.common",
    "eclipse-platform/eclipse.platform.releng",
    "eclipse-platform/eclipse.platform.ua",
    "eclipse-platform/eclipse.platform",
  ],
  qt: ["qt/qtbase", "qt/qtdeclarative", "qt/qttools"],
  go: ["golang/go", "golang/tools", "golang/net"],
  gerrit: ["GerritCodeReview/gerrit"],
};

/** The mirror folder of `owner/name` under `root`, if there is one. */
export function findMirror(root: string, repo: string): string | undefined {
  const [owner, name] = repo.split("/");
  for (const dir of [path.join(root, `${owner}+${name}`, "repo"), path.join(root, owner, name)])
    if (existsSync(dir)) return dir;
  return undefined;
}

/** Which of `ids` are commits in the repository at `dir` (one `git cat-file --batch-check`). */
function presentCommits(dir: string, ids: string[]): string[] {
  const r = spawnSync("git", ["cat-file", "--batch-check"], {
    cwd: dir,
    input: ids.join("\n") + "\n",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`git cat-file failed in ${dir}: ${r.stderr.toString()}`);
  return r.stdout
    .toString()
    .split("\n")
    .map((l) => l.split(" "))
    .filter((f) => f[1] === "commit")
    .map((f) => f[0]);
}

export interface DatasetTokens {
  /** commit id → bucket → count (only commits found in a mirror and with at least one token). */
  tokens: Map<string, Map<number, number>>;
  /** Mirrors found / listed, and commits found in them. */
  mirrors: { found: string[]; missing: string[] };
  found: number;
  fromCache: boolean;
}

async function tokenizerKey(): Promise<string> {
  const dir = path.join(import.meta.dirname, "..", "src", "features", "tokens");
  const h = createHash("sha256");
  for (const f of ["tokenize-line.ts", "encode-token-counts.ts", "index.ts"])
    h.update(await readFile(path.join(dir, f)));
  return h.digest("hex").slice(0, 12);
}

/** Token counts for the dataset's commits from the mirrors under `root` (cached). */
export async function loadDatasetTokens(
  project: string,
  ids: string[],
  root: string,
): Promise<DatasetTokens> {
  const sources = TOKEN_SOURCES[project] ?? [];
  const found: string[] = [];
  const missing: string[] = [];
  for (const repo of sources) (findMirror(root, repo) ? found : missing).push(repo);
  const cacheDir = path.join(import.meta.dirname, "out", "tokens");
  const key = createHash("sha256")
    .update([await tokenizerKey(), ...found, ...ids].join("\n"))
    .digest("hex")
    .slice(0, 16);
  const cacheFile = path.join(cacheDir, `${project}-${key}.jsonl`);
  const tokens = new Map<string, Map<number, number>>();
  if (existsSync(cacheFile)) {
    const lines = (await readFile(cacheFile, "utf8")).split("\n").filter(Boolean);
    let count = 0;
    for (const line of lines) {
      const [id, b64] = line.split(" ");
      if (id === "#found") {
        count = Number(b64);
        continue;
      }
      const values = decodeTokenCounts(Buffer.from(b64, "base64"));
      tokens.set(id, new Map(Object.entries(values).map(([k, v]) => [Number(k.slice(4)), v])));
    }
    return { tokens, mirrors: { found, missing }, found: count, fromCache: true };
  }
  let remaining = ids;
  let total = 0;
  for (const repo of found) {
    const dir = findMirror(root, repo)!;
    const here = presentCommits(dir, remaining);
    const hereSet = new Set(here);
    remaining = remaining.filter((id) => !hereSet.has(id));
    total += here.length;
    const reader = new CommitPatchReader(dir);
    try {
      for (const id of here) {
        const counts = countFileTokens(parseUnifiedDiff(await reader.read(id)));
        if (counts.size > 0) tokens.set(id, counts);
      }
    } finally {
      reader.close();
    }
  }
  await mkdir(cacheDir, { recursive: true });
  const out = [`#found ${total}`];
  for (const [id, counts] of tokens) out.push(`${id} ${encodeBucketCounts(counts).toString("base64")}`);
  await writeFile(cacheFile, out.join("\n") + "\n");
  return { tokens, mirrors: { found, missing }, found: total, fromCache: false };
}
