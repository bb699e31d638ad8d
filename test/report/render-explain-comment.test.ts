import { describe, expect, it } from "vitest";
import { findClosePaths } from "../../src/report/describe-close-paths.js";
import {
  EXPLAIN_MARKER,
  renderExplainComment,
  renderExplainFile,
} from "../../src/report/render-explain-comment.js";
import type { ScoreResult } from "../../src/report/types.js";
import { buildScoreResult } from "../model/explain-fixtures.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

function withReasons(result: ScoreResult): ScoreResult {
  return {
    ...result,
    probability: 0.42,
    baselineProbability: 0.18,
    band: "medium",
    reasons: [
      { key: "size", text: "adds 420 lines and deletes 35", weight: 0.2 },
      { key: "experience", text: "author has 120 earlier changes here", weight: -0.031 },
    ],
  };
}

describe("renderExplainComment", () => {
  it("shows the factors up and down with their effect in points, and the baseline they add up from", async () => {
    const body = renderExplainComment(withReasons(await buildScoreResult(HEAD)));
    expect(body.startsWith(EXPLAIN_MARKER)).toBe(true);
    expect(body).toContain("### Defect risk 🟡 42 % medium — why");
    expect(body).toContain("a typical clean change here scores 18 %");
    expect(body).toMatch(
      /\*\*What raised the risk\*\*[\s\S]*\| size \| \+20\.0 pp \| adds 420 lines and deletes 35 \|/,
    );
    expect(body).toMatch(
      /\*\*What lowered it\*\*[\s\S]*\| experience \| −3\.1 pp \| author has 120 earlier changes here \|/,
    );
  });

  it("lists files by risk, highest first, and the reasons of the top files", async () => {
    const result = await buildScoreResult(HEAD);
    const body = renderExplainComment(result);
    const rows = body.split("\n").filter((l) => /^\| `/.test(l));
    expect(rows.map((r) => r.split("`")[1])).toEqual(["src/db/pool.ts", "src/db/conn.ts", "README.md"]);
    const pct = Math.round(result.files[0].risk * 100);
    expect(rows[0]).toContain(`| 🔴 ${pct} % high | +120 −30 |`);
    expect(body).toContain(`#### \`src/db/pool.ts\` — 🔴 ${pct} % high`);
    expect(body).toContain("**What would lower the risk**");
  });

  it("escapes table cells so a path or reason cannot break the table", async () => {
    const result = await buildScoreResult(HEAD);
    result.files[0].path = "src/a|b.ts";
    expect(renderExplainComment(result)).toContain("`src/a\\|b.ts`");
  });
});

describe("renderExplainFile", () => {
  it("shows one file in depth: its reasons with effects, hunks, and feature values", async () => {
    const result = await buildScoreResult(HEAD);
    const body = renderExplainFile(result, "./src/db/pool.ts");
    const file = result.files.find((f) => f.path === "src/db/pool.ts")!;
    expect(body).toContain("+120 −30 lines.");
    for (const reason of file.reasons) expect(body).toContain(reason.text);
    expect(body).toMatch(/- lines 40–159: \d+ % — \+120 −30 lines in `acquire\(\)`/);
    expect(body).toContain("| lt | 900 |");
  });

  it("answers a path that is not in the pull request with the closest ones", async () => {
    const body = renderExplainFile(await buildScoreResult(HEAD), "pool.ts");
    expect(body).toContain("`pool.ts` is not changed in this pull request");
    expect(body).toContain("- `/defect explain src/db/pool.ts`");
  });
});

describe("findClosePaths", () => {
  const paths = ["src/db/pool.ts", "src/db/conn.ts", "src/web/server.ts", "README.md"];
  it("puts basename and suffix matches first, then near misses, and drops the unrelated", () => {
    expect(findClosePaths("db/pool.ts", paths)[0]).toBe("src/db/pool.ts");
    expect(findClosePaths("src/db/pol.ts", paths)[0]).toBe("src/db/pool.ts");
    expect(findClosePaths("readme.md", paths)).toEqual(["README.md"]);
    expect(findClosePaths("completely/different/thing.go", paths)).toEqual([]);
  });
});
