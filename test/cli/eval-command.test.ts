import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi, afterEach } from "vitest";
import { main } from "../../src/cli/main.js";
import { makeJitCsv } from "../model/make-jit-data.js";

describe("defect eval", () => {
  let dir: string;
  let csv: string;
  let model: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-eval-"));
    csv = path.join(dir, "data.csv");
    fs.writeFileSync(csv, makeJitCsv(400, 5));
    model = path.join(dir, "m");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await main(["train", "--dataset", csv, "--out", model, "--members", "mlp,logistic"])).toBe(0);
    vi.restoreAllMocks();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it("prints every metric by name as JSON and writes a self-contained HTML report", async () => {
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
    const report = path.join(dir, "report");
    expect(
      await main(["eval", "--model", model, "--dataset", csv, "--format", "json", "--report", report]),
    ).toBe(0);
    const json = JSON.parse(out.join("\n"));
    for (const k of [
      "auc",
      "prAuc",
      "brier",
      "f1",
      "precision",
      "recall",
      "mcc",
      "popt",
      "recallAt20Effort",
      "effortAt20Recall",
    ]) {
      expect(typeof json[k]).toBe("number");
    }
    expect(json.rows).toBe(80);
    expect(json.auc).toBeGreaterThan(0.55);
    const html = fs.readFileSync(path.join(report, "report.html"), "utf8");
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toMatch(/ROC \(AUC/);
    expect(html).toMatch(/Calibration/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("evaluates every row with --test-fraction 1 in text form", async () => {
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
    expect(await main(["eval", "--model", model, "--dataset", csv, "--test-fraction", "1"])).toBe(0);
    expect(out.join("\n")).toMatch(/test rows\s+400/);
    expect(out.join("\n")).toMatch(/AUC-ROC\s+0\.\d{4}/);
  });

  it("refuses a missing model directory with what to do", async () => {
    const err: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
    expect(await main(["eval", "--model", path.join(dir, "none"), "--dataset", csv])).toBe(1);
    expect(err.join("\n")).toMatch(/no readable manifest.json.*defect train/);
  });
});
