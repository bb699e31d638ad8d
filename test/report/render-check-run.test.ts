import { describe, expect, it } from "vitest";
import { renderCheckRun } from "../../src/report/render-check-run.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { renderScore } from "../../src/report/render-score.js";
import { fileRisk, makeResult } from "./make-result.js";

describe("renderCheckRun", () => {
  it("titles the run with the probability and band", () => {
    expect(renderCheckRun(makeResult()).title).toBe("Defect risk 0.73 · high");
    expect(renderCheckRun(makeResult({ probability: 0.05, band: "low" })).title).toBe(
      "Defect risk 0.05 · low",
    );
  });

  it("summarises band meaning, thresholds, reasons by weight, suggestions and model version", () => {
    const { summary } = renderCheckRun(makeResult());
    expect(summary).toContain(
      "**High risk — 0.73** (estimated probability that this change introduces a bug). Among the riskiest changes",
    );
    expect(summary).toContain("Bands: low < 0.30 ≤ medium < 0.50 ≤ high.");
    const reasons = summary.split("\n").filter((l) => l.startsWith("- ") && /\([+−]\d/.test(l));
    expect(reasons).toEqual([
      "- adds 120 lines — more than 90 % of changes here (+0.12)",
      "- the author has made 3 changes here before (+0.05)",
      "- it is not a bug fix (−0.02)",
    ]);
    expect(summary).toContain("- Split the change: the cache and the API are independent.");
    expect(summary).toContain("Model `default-2026.12.04-abc1234` · 3 files scored · head `0123456789ab`");
  });

  it("lists files sorted by risk in a table, escaping pipes in paths", () => {
    const { text } = renderCheckRun(makeResult());
    const rows = text.split("\n").filter((l) => /^\| 0\.\d\d \| (low|medium|high) \|/.test(l));
    expect(rows).toEqual([
      "| 0.81 | high | `src/cache.ts` | 10 | 2 | adds 33 lines to one function |",
      "| 0.42 | medium | `src/api\\|v2.ts` | 10 | 2 |  |",
      "| 0.12 | low | `README.md` | 10 | 2 | _patch omitted by GitHub (too large)_ |",
    ]);
    expect(text).toContain("- 1 binary file(s) have no line-level diff");
    expect(text).toContain("| 0.42 | `src/api\\|v2.ts:5-9` (old lines) | deletes the retry loop |");
  });

  it("annotates the riskiest right-side hunks in GitHub's annotation shape", () => {
    const { annotations } = renderCheckRun(makeResult());
    expect(annotations).toEqual([
      {
        path: "src/cache.ts",
        start_line: 10,
        end_line: 42,
        annotation_level: "warning",
        title: "Defect risk 0.81",
        message: "+33 −0 lines in `evict()`",
      },
      {
        path: "src/api|v2.ts",
        start_line: 30,
        end_line: 31,
        annotation_level: "notice",
        title: "Defect risk 0.42",
        message: "+2 −0 lines",
      },
    ]);
    expect(renderCheckRun(makeResult(), { maxAnnotations: 1 }).annotations).toHaveLength(1);
  });

  it("concludes neutral unless a gate is set and the risk reaches it", () => {
    const result = makeResult();
    expect(renderCheckRun(result).conclusion).toBe("neutral");
    expect(renderCheckRun(result, { gate: 0.9 }).conclusion).toBe("neutral");
    expect(renderCheckRun(result, { gate: 0.7 }).conclusion).toBe("failure");
    expect(renderCheckRun(result, { gate: "high" }).conclusion).toBe("failure");
    expect(renderCheckRun(makeResult({ band: "medium" }), { gate: "high" }).conclusion).toBe("neutral");
    expect(renderCheckRun(result, { gate: "medium" }).summary).toContain("at or above the repository's gate");
  });

  it("keeps summary and text within 65,535 characters for a 3,000-file PR, with a visible note", () => {
    const files = Array.from({ length: 3000 }, (_, i) =>
      fileRisk(`packages/module-${i}/src/some/deep/path/file-${i}.ts`, 1 - i / 3000),
    );
    const reasons = Array.from({ length: 3 }, (_, i) => ({
      key: `k${i}`,
      text: "x".repeat(30_000),
      weight: 0.1,
    }));
    const out = renderCheckRun(makeResult({ files, reasons }));
    expect(out.text.length).toBeLessThanOrEqual(65_535);
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.text).toMatch(
      /_… \d+ more line\(s\) not shown: GitHub limits a check run's text to 65,535 characters/,
    );
    expect(out.summary).toMatch(/line\(s\) cut/);
    // Cut between rows, never inside one.
    const lastRow = out.text
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .at(-1)!;
    expect(lastRow).toMatch(/\| \d+ \| \d+ \|  \|$/);
  });

  it("renders an empty result without failing", () => {
    const out = renderCheckRun(makeResult({ files: [], hunks: [], reasons: [], suggestions: [], notes: [] }));
    expect(out.text).toContain("_No files were scored._");
    expect(out.summary).toContain("_No reasons are available for this score._");
    expect(out.annotations).toEqual([]);
  });
});

describe("CLI formats", () => {
  it("markdown is exactly the check run's title, summary and text", () => {
    const result = makeResult();
    const run = renderCheckRun(result);
    expect(renderMarkdown(result)).toBe(`## ${run.title}\n\n${run.summary}\n\n${run.text}\n`);
    expect(renderScore(result, "markdown")).toBe(renderMarkdown(result));
  });

  it("json is the whole result", () => {
    const result = makeResult();
    expect(JSON.parse(renderScore(result, "json"))).toEqual(result);
  });

  it("text lists title, files by risk, hunks and notes without markdown", () => {
    const text = renderScore(makeResult(), "text");
    expect(text.split("\n")[0]).toBe("Defect risk 0.73 · high");
    expect(text).toContain("  0.81  high    +10 -2  src/cache.ts");
    expect(text).toContain("  0.81  src/cache.ts:10-42  +33 −0 lines in `evict()`");
    expect(text).toContain("Notes:\n  - 1 binary file(s)");
    expect(text).not.toContain("|---");
  });
});
