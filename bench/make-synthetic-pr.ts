import { createRandom } from "../src/model/random.js";
/**
 * Synthetic pull requests for the scoring benchmark: GitHub-shaped file lists whose `patch` fields look like real
 * code review diffs — heavy-tailed file sizes (most files change a few lines, a few change hundreds), 1–6 hunks a
 * file with 3 lines of context, code-like lines, nested paths over several packages, some tests, docs, config,
 * a lock file and binary files without a patch. Seeded, so every run measures the same input.
 */

/** One entry of GET /pulls/{n}/files, the fields the scorer reads. */
export interface SyntheticPrFile {
  filename: string;
  status: "added" | "modified" | "removed";
  additions: number;
  deletions: number;
  /** Absent for binary files, as on GitHub. */
  patch?: string;
}

const WORDS = [
  "user",
  "cache",
  "request",
  "config",
  "handler",
  "value",
  "result",
  "error",
  "items",
  "index",
  "token",
  "session",
];
const TEMPLATES = [
  (a: string, b: string) => `    const ${a}${cap(b)} = await this.${b}.get(${a});`,
  (a: string, b: string) => `    if (!${a} || ${a}.length === 0) return ${b};`,
  (a: string, b: string) => `    for (const ${a} of ${b}s) {`,
  (a: string, b: string) => `      ${b}.push(transform${cap(a)}(${a}, options));`,
  () => `    }`,
  (a: string, b: string) => `  private ${a}${cap(b)}(input: ${cap(b)}): ${cap(a)} | null {`,
  (a: string, b: string) => `    logger.debug("${a} ${b}", { ${a}, ${b} });`,
  (a: string, b: string) => `    return { ...${a}, ${b}: ${b} ?? DEFAULT_${b.toUpperCase()} };`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function codeLine(rand: () => number): string {
  const a = WORDS[Math.floor(rand() * WORDS.length)];
  const b = WORDS[Math.floor(rand() * WORDS.length)];
  return TEMPLATES[Math.floor(rand() * TEMPLATES.length)](a, b);
}

/** Lines changed in one file: log-normal, median ≈ 12, capped at 2,000. */
function churn(rand: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.max(1, Math.min(2000, Math.round(Math.exp(2.5 + 1.2 * normal))));
}

function pathFor(i: number, rand: () => number): string {
  const pkg = `pkg-${Math.floor(rand() * 8)}`;
  const r = rand();
  if (i === 0) return "package-lock.json";
  if (r < 0.15) return `packages/${pkg}/test/unit/case-${i}.test.ts`;
  if (r < 0.2) return `docs/${pkg}/page-${i}.md`;
  if (r < 0.24) return `packages/${pkg}/config/settings-${i}.json`;
  if (r < 0.26) return `packages/${pkg}/assets/image-${i}.png`;
  return `packages/${pkg}/src/module-${Math.floor(rand() * 20)}/file-${i}.ts`;
}

function makePatch(
  rand: () => number,
  added: number,
  deleted: number,
  status: SyntheticPrFile["status"],
): string {
  const hunkCount =
    status === "modified" ? 1 + Math.min(5, Math.floor(rand() * Math.max(1, (added + deleted) / 10))) : 1;
  const lines: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let h = 0; h < hunkCount; h++) {
    const a = Math.floor(added / hunkCount) + (h === 0 ? added % hunkCount : 0);
    const d = Math.floor(deleted / hunkCount) + (h === 0 ? deleted % hunkCount : 0);
    const ctx = status === "modified" ? 3 : 0;
    const gap = status === "modified" ? 10 + Math.floor(rand() * 60) : 0;
    oldLine += gap;
    newLine += gap;
    const oldCount = d + 2 * ctx;
    const newCount = a + 2 * ctx;
    lines.push(
      `@@ -${status === "added" ? 0 : oldLine},${oldCount} +${status === "removed" ? 0 : newLine},${newCount} @@ function f${h}() {`,
    );
    for (let c = 0; c < ctx; c++) lines.push(` ${codeLine(rand)}`);
    for (let k = 0; k < d; k++) lines.push(`-${codeLine(rand)}`);
    for (let k = 0; k < a; k++) lines.push(`+${codeLine(rand)}`);
    for (let c = 0; c < ctx; c++) lines.push(` ${codeLine(rand)}`);
    oldLine += oldCount;
    newLine += newCount;
  }
  return lines.join("\n");
}

/** A pull request of `fileCount` files. */
export function makeSyntheticPr(fileCount: number, seed = 42): SyntheticPrFile[] {
  const rand = createRandom(seed);
  return Array.from({ length: fileCount }, (_, i) => {
    const filename = pathFor(i, rand);
    const r = rand();
    const status: SyntheticPrFile["status"] = r < 0.15 ? "added" : r < 0.2 ? "removed" : "modified";
    if (filename.endsWith(".png")) return { filename, status, additions: 0, deletions: 0 };
    const total = churn(rand);
    const additions = status === "removed" ? 0 : status === "added" ? total : Math.ceil(total * 0.6);
    const deletions = status === "added" ? 0 : total - additions;
    return { filename, status, additions, deletions, patch: makePatch(rand, additions, deletions, status) };
  });
}
