import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadModelWithManifest } from "../../src/model/load-model.js";
import { createStore } from "../../src/store/index.js";
import { encodeBucketCounts } from "../../src/features/tokens/index.js";
import { makeJitCsv, makeJitData } from "../model/make-jit-data.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  return { out, err };
}

describe("defect train", () => {
  const cleanup: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "defect-train-"));
    cleanup.push(d);
    return d;
  };
  /** A temporary folder holding `data.csv`, a synthetic JIT data set of `rows` commits. */
  const csvDataset = (rows: number) => {
    const dir = tmp();
    const csv = path.join(dir, "data.csv");
    fs.writeFileSync(csv, makeJitCsv(rows));
    return { dir, csv };
  };
  /** Runs `defect train` on `source` (e.g. `--dataset FILE`), writing the model to `dir/m`. */
  const train = (source: string[], dir: string, ...options: string[]) =>
    main(["train", ...source, "--out", path.join(dir, "m"), ...options]);
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it("trains from a CSV on the oldest 80 %, tests on the newest 20 % and writes a loadable model", async () => {
    const { dir, csv } = csvDataset(500);
    const { out } = capture();
    const code = await train(["--dataset", csv], dir, "--members", "gbt,logistic", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out.join("\n"));
    expect(report.split).toMatch(/^time split, sorted by date: first 400 rows train, last 100 test/);
    expect(report.metrics.auc).toBeGreaterThan(0.6);
    expect(report.metrics.rows).toBe(100);
    const { manifest } = await loadModelWithManifest(path.join(dir, "m"));
    expect(manifest.members).toEqual(["gbt", "logistic"]);
    expect(manifest.metrics.auc).toBe(report.metrics.auc);
    expect(manifest.version).toBe(report.version);
  });

  it("says so when asked for a random split, and keeps the requested band policy", async () => {
    const { dir, csv } = csvDataset(200);
    const { out } = capture();
    const bandPolicy = ["--alert-rate", "0.4", "--target-precision", "0.7"];
    expect(
      await train(["--dataset", csv], dir, "--members", "logistic", "--protocol", "random", ...bandPolicy),
    ).toBe(0);
    expect(out.join("\n")).toMatch(/Split: RANDOM split \(not time-ordered; optimistic\)/);
    const { manifest } = await loadModelWithManifest(path.join(dir, "m"));
    expect(manifest.bandPolicy).toMatchObject({ mediumAlertRate: 0.4, highPrecision: 0.7 });
  });

  it("trains from the store's mined commits and labels, self-training on the unlabeled ones", async () => {
    const dir = tmp();
    const db = path.join(dir, "store.sqlite");
    // 300 mined commits, the oldest 240 labelled: the newest 60 are the unlabeled ones.
    await seedStore(db, { seed: 11, labelled: 240 });
    const { out } = capture();
    const code = await train(["--db", db], dir, "--members", "gbt", "--semi-supervised", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out.join("\n"));
    expect(report.metrics.rows).toBe(48); // 20 % of the 240 labelled commits
    expect(report.training.pseudoBug + report.training.pseudoClean).toBeGreaterThan(0);
  });

  it("adds the token bag to the default members when the store has diff tokens (--tokens)", async () => {
    const dir = tmp();
    const db = path.join(dir, "store.sqlite");
    // Bucket 9 goes with the bug-inducing commits; every commit has two common buckets.
    await seedStore(db, {
      seed: 12,
      labelled: 300,
      tokens: (i, bug) => new Map([[100 + (i % 7), 1], [200, 2], ...(bug ? [[9, 1] as const] : [])]),
    });
    capture();
    const out = path.join(dir, "m");
    expect(await train(["--db", db, "--tokens"], dir, "--format", "json")).toBe(0);
    const { manifest } = await loadModelWithManifest(out);
    expect(manifest.members).toEqual(["mlp", "gbt", "bag"]);
    expect(manifest.tokens).toBe(true);
    expect(fs.existsSync(path.join(out, "bag.json"))).toBe(true);
  });

  it("refuses a call without a data source or with an empty store, saying what to do", async () => {
    const dir = tmp();
    const { err } = capture();
    expect(await train([], dir)).toBe(1);
    expect(err.join("\n")).toMatch(/exactly one of --dataset FILE.csv or --db FILE/);
    const db = path.join(dir, "empty.sqlite");
    await (await createStore({ file: db })).close();
    expect(await train(["--db", db], dir)).toBe(1);
    expect(err.join("\n")).toMatch(/no labelled commits.*defect mine.*defect label/);
  });
});

/** A store with 300 synthetic mined commits of acme/app, the oldest `labelled` of them labelled by SZZ. */
async function seedStore(
  db: string,
  o: { seed: number; labelled: number; tokens?: (i: number, bug: boolean) => Map<number, number> },
): Promise<void> {
  const store = await createStore({ file: db });
  const { rows, labels, times } = makeJitData(300, o.seed);
  const sha = (i: number) => i.toString(16).padStart(40, "0");
  await store.commits.saveCommits(
    rows.map((features, i) => ({
      repository: "acme/app",
      sha: sha(i),
      date: new Date(times[i] * 1000).toISOString(),
      author: "A <a@example.com>",
      parents: [],
      features,
      tokens: o.tokens ? encodeBucketCounts(o.tokens(i, labels[i] === 1)) : null,
    })),
  );
  await store.labels.recordLabels(
    rows.slice(0, o.labelled).map((_, i) => ({
      repository: "acme/app",
      commitSha: sha(i),
      label: labels[i] ? ("bug" as const) : ("clean" as const),
      source: "szz" as const,
      confidence: 1,
    })),
  );
  await store.close();
}
