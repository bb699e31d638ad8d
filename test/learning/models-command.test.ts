import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { command as bootstrap } from "../../src/cli/bootstrap-command.js";
import { command as models } from "../../src/cli/models-command.js";
import { promoteVersion } from "../../src/learning/model-registry.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";

const REPO = "octo/widgets";

describe("defect models / defect bootstrap", () => {
  let dir: string;
  let db: string;
  let out: string[];
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-models-cli-"));
    db = path.join(dir, "db.sqlite");
    const store = openSqliteStore(db);
    for (const [version, at] of [
      ["widgets-r1-2026.01.01-aaaaaaa", "2026-01-01T00:00:00Z"],
      ["widgets-r2-2026.02.01-bbbbbbb", "2026-02-01T00:00:00Z"],
    ]) {
      await store.models.saveVersion({
        repository: REPO,
        version,
        status: "candidate",
        artifactDir: path.join(dir, version),
        parentVersion: null,
        bands: null,
        metrics: { auc: 0.71, baseAuc: 0.66, brier: 0.12, baseBrier: 0.15 },
        training: {},
        createdAt: at,
        shadowSince: null,
        activeSince: null,
      });
      await promoteVersion(store.models, {
        repository: REPO,
        version,
        action: "promote",
        reason: `holdout win for ${version}`,
        evidence: {},
        at: new Date(at),
      });
    }
    await store.close();
    out = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, "error").mockImplementation((line: string) => void out.push(line));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists versions with their holdout metrics and the decisions with their reasons", async () => {
    expect(await models.run({ repository: REPO, db }, ["list"])).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/widgets-r2-2026\.02\.01-bbbbbbb\s+active\s+2026-02-01\s+0\.710 \(0\.660\)/);
    expect(text).toMatch(/widgets-r1-2026\.01\.01-aaaaaaa\s+retired/);
    expect(text).toMatch(/promote\s+widgets-r2-2026\.02\.01-bbbbbbb: holdout win for widgets-r2/);
  });

  it("rolls back in one command, then promotes by hand", async () => {
    expect(await models.run({ repository: REPO, db }, ["rollback"])).toBe(0);
    expect(out.pop()).toBe(`${REPO} is now scored by widgets-r1-2026.01.01-aaaaaaa.`);
    expect(
      await models.run({ repository: REPO, db, version: "widgets-r2-2026.02.01-bbbbbbb" }, ["promote"]),
    ).toBe(0);
    const store = openSqliteStore(db);
    expect((await store.models.getByStatus(REPO, "active"))!.version).toBe("widgets-r2-2026.02.01-bbbbbbb");
    expect((await store.models.listDecisions(REPO, 1))[0].action).toBe("manual-promote");
    await store.close();
  });

  it("refuses unclear requests with what to do", async () => {
    expect(await models.run({ repository: REPO, db }, ["frobnicate"])).toBe(2);
    expect(out.pop()).toMatch(/say what to do \(list, promote, rollback, retrain, evaluate\)/);
    expect(await models.run({ repository: REPO, db }, ["promote"])).toBe(2);
    expect(out.pop()).toMatch(/--version V is required/);
    await expect(models.run({ repository: REPO, db, version: "nope" }, ["promote"])).rejects.toThrow(
      /defect models list/,
    );
    expect(await bootstrap.run({ db }, [])).toBe(2);
    expect(out.pop()).toMatch(/--repo PATH is required/);
  });
});
