import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createProgressPrinter } from "../../src/cli/mine-command.js";
import { main } from "../../src/cli/main.js";
import { buildHistory, ScriptedRepo } from "../git/scripted-repo.js";

describe("defect mine", () => {
  const cleanup: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it("mines a repository, prints the summary and resumes on the second run", async () => {
    const repo = new ScriptedRepo();
    buildHistory(repo);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-cli-"));
    cleanup.push(repo.dir, dir);
    const db = path.join(dir, "store.sqlite");
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((t: string) => void out.push(t));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["mine", "--repo", repo.dir, "--db", db])).toBe(0);
    expect(out.join("\n")).toMatch(/commits walked 7, records written 6/);
    expect(out.join("\n")).toMatch(/skipped: 1 merges, 0 with missing objects, 0 empty/);
    expect(await main(["mine", "--repo", repo.dir, "--db", db, "--json"])).toBe(0);
    expect(JSON.parse(out[1])).toMatchObject({ commits: 0, stored: 6 });
  });

  it("asks for --repo", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await main(["mine"])).toBe(2);
  });

  it("prints a plain line per 10 % when stderr is not a terminal, a bar when it is", () => {
    const lines: string[] = [];
    const plain = createProgressPrinter(false, (t) => lines.push(t));
    for (let i = 1; i <= 20; i++) plain(i, 20);
    // The first commit (0 %) and each further tenth.
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe("mining: 20/20 commits\n");
    const bar: string[] = [];
    createProgressPrinter(true, (t) => bar.push(t))(20, 20);
    expect(bar[0]).toMatch(/^\rmining \[#{30}\] 20\/20\n$/);
  });
});
