import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MirrorError, mirrorPath, updateMirror } from "../../src/git/mirror-repository.js";
import { ALICE, ScriptedRepo } from "./scripted-repo.js";

describe("updateMirror", () => {
  const cleanup: string[] = [];
  afterEach(() => cleanup.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("clones a bare mirror once, then fetches new commits into it", async () => {
    const repo = new ScriptedRepo();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-mirror-"));
    cleanup.push(repo.dir, dataDir);
    repo.lines("a.txt", ["1"]);
    repo.commit(ALICE, 0, "one");
    const options = { dataDir, owner: "acme", name: "w", url: repo.dir, token: "ghs_topsecret" };
    const dir = await updateMirror(options);
    expect(dir).toBe(mirrorPath(options));
    expect(fs.existsSync(path.join(dir, "HEAD"))).toBe(true);
    repo.lines("a.txt", ["1", "2"]);
    const c2 = repo.commit(ALICE, 1, "two");
    await updateMirror(options);
    const { runGit } = await import("../../src/git/run-git.js");
    expect((await runGit(["rev-parse", "main"], { cwd: dir })).trim()).toBe(c2);
    expect(fs.readFileSync(path.join(dir, "config"), "utf8")).not.toContain("ghs_topsecret");
  });

  it("fails with a MirrorError that says what to check and never shows the token", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-mirror-"));
    cleanup.push(dataDir);
    const attempt = updateMirror({
      dataDir,
      owner: "acme",
      name: "gone",
      url: path.join(dataDir, "nope"),
      token: "ghs_topsecret",
    });
    await expect(attempt).rejects.toBeInstanceOf(MirrorError);
    await expect(attempt).rejects.toThrow(/installation can read the repository/);
    await attempt.catch((e: Error) => expect(e.message).not.toContain("ghs_topsecret"));
    expect(fs.existsSync(mirrorPath({ dataDir, owner: "acme", name: "gone" }))).toBe(false);
  });
});
