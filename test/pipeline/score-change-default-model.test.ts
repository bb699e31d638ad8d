import { describe, expect, it } from "vitest";
import { loadDefaultModel } from "../../src/model/load-model.js";
import { scoreChange } from "../../src/pipeline/score-change.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { makeChange, makeFile, makePatch } from "../features/make-change.js";

describe("scoreChange with the shipped default model and the real explanation", () => {
  it("fills reasons, per-file reasons and hunks, and the report shows them", async () => {
    const model = await loadDefaultModel();
    const change = makeChange([
      makeFile("src/a.ts", makePatch(120, 30)),
      makeFile("src/b/c.ts", makePatch(10, 2)),
      makeFile("test/a.test.ts", makePatch(5, 0)),
    ]);
    // A typical small change as the attribution baseline (the caller may pass one; see ScoringOptions.baseline).
    const baseline = {
      ns: 1,
      nd: 1,
      nf: 2,
      entropy: 0.5,
      la: 10,
      ld: 3,
      lt: 200,
      fix: 0,
      ndev: 3,
      age: 30,
      nuc: 5,
      exp: 100,
      rexp: 20,
      sexp: 50,
    };
    const result = await scoreChange(change, { model, options: { baseline } });
    expect(result.notes.filter((n) => n.startsWith("Reasons are unavailable"))).toEqual([]);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.files.find((f) => f.path === "src/a.ts")?.reasons.length).toBeGreaterThan(0);
    expect(result.hunks.length).toBeGreaterThan(0);
    const paths = new Set(change.files.map((f) => f.path));
    for (const h of result.hunks) expect(paths.has(h.path)).toBe(true);
    const markdown = renderMarkdown(result);
    expect(markdown).toContain("### Top reasons");
    expect(markdown).toContain(result.reasons[0].text);
  });
});
