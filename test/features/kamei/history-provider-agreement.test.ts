import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toChange } from "../../../src/git/convert-log-commit.js";
import { walkHistory } from "../../../src/git/walk-history.js";
import type { LogCommit } from "../../../src/git/parse-log-records.js";
import { createApiHistoryProvider } from "../../../src/features/kamei/create-api-history-provider.js";
import { createMirrorHistoryProvider } from "../../../src/features/kamei/create-mirror-history-provider.js";
import { mineRepository } from "../../../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import { ALICE, BOB, CAROL, ScriptedRepo } from "../../git/scripted-repo.js";

const HISTORY = ["lt", "ndev", "age", "nuc", "exp", "rexp", "sexp"];

/** Answers the GitHub REST calls the API provider makes from the real repository's history. */
function serveFromRepo(repo: ScriptedRepo): void {
  const git = (args: string[]) => execFileSync("git", args, { cwd: repo.dir, encoding: "utf8" });
  nock("https://api.github.com")
    .persist()
    .get("/repos/acme/widgets/commits")
    .query(true)
    .reply((uri) => {
      const q = new URL(uri, "https://api.github.com").searchParams;
      const page = Number(q.get("page") ?? 1);
      const perPage = Number(q.get("per_page") ?? 30);
      const args = ["log", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI", q.get("sha") ?? "HEAD"];
      if (q.get("author")) args.push(`--author=${q.get("author")}`);
      args.push("--");
      if (q.get("path")) args.push(q.get("path")!);
      const commits = git(args)
        .split("\n")
        .filter(Boolean)
        .map((l) => {
          const [sha, parents, name, email, date] = l.split("\x1f");
          return {
            sha,
            parents: parents
              .split(" ")
              .filter(Boolean)
              .map((p) => ({ sha: p })),
            commit: { author: { name, email, date } },
          };
        });
      return [200, commits.slice((page - 1) * perPage, page * perPage)];
    })
    .get(/\/repos\/acme\/widgets\/contents\/.+/)
    .query(true)
    .reply((uri) => {
      const url = new URL(uri, "https://api.github.com");
      const file = decodeURIComponent(url.pathname.replace("/repos/acme/widgets/contents/", ""));
      const content = execFileSync("git", ["show", `${url.searchParams.get("ref")}:${file}`], {
        cwd: repo.dir,
      });
      return [200, { type: "file", encoding: "base64", content: content.toString("base64") }];
    });
}

describe("history features agree between the mirror clone, the GitHub API and the miner", () => {
  const repo = new ScriptedRepo();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-mirror-"));
  let pr: LogCommit;
  const mirrorProvider = createMirrorHistoryProvider({
    dataDir,
    owner: "acme",
    name: "widgets",
    url: repo.dir,
    token: "ghs_secret",
  });

  beforeAll(async () => {
    repo.lines("core/engine.ts", ["a", "b", "c"]);
    repo.lines("README.md", ["r"]);
    repo.commit(ALICE, 0, "Start");
    repo.lines("core/engine.ts", ["a", "B", "c", "d"]);
    repo.lines("web/page.ts", ["p1", "p2"]);
    repo.commit(BOB, 30, "Engine and page");
    repo.git(["checkout", "-q", "-b", "side"]);
    repo.lines("web/page.ts", ["p1", "p2", "p3"]);
    repo.commit(CAROL, 40, "Page on a branch");
    repo.git(["checkout", "-q", "main"]);
    repo.lines("README.md", ["r", "s"]);
    repo.commit(BOB, 45, "Readme");
    repo.merge(ALICE, 50, "side");
    repo.lines("core/engine.ts", ["a", "B", "c", "d", "e"]);
    repo.commit(BOB, 500, "More engine");
    // The pull request's commit: Bob again, touching a core file, a web file and the root README.
    repo.lines("core/engine.ts", ["a", "B2", "c", "d", "e"]);
    repo.lines("web/page.ts", ["p1", "p2", "p3", "p4"]);
    repo.lines("README.md", ["r", "s", "t"]);
    repo.commit(BOB, 600, "Fix engine and page");
    await walkHistory(repo.dir, ["-1", "HEAD"], (c) => (pr = c));
    nock.disableNetConnect();
    serveFromRepo(repo);
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    repo.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives the same NDEV, AGE, NUC, LT, EXP, REXP, SEXP from all three sources", async () => {
    const change = toChange(pr, "acme/widgets");
    const mirror = await mirrorProvider.historyFeatures(change);
    const api = await createApiHistoryProvider({
      client: new Octokit({ request: { retries: 0 } }),
      owner: "acme",
      name: "widgets",
    }).historyFeatures(change);
    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store });
    const mined = (await store.commits.getCommit(summary.repository, pr.sha))!.features;
    await store.close();

    // By hand: engine.ts had 5 lines, page.ts 3, README 2 → lt 10. Devs {Alice, Bob, Carol}.
    // Changes per file (merge excluded): engine 3 (days 0, 30, 500), page 2 (30, 40), README 2 (0, 45) → nuc 7.
    // Age: engine 100 days (day 500), page 560 (day 40), README 555 (day 45) → mean 405.
    // Bob's earlier changes: days 30, 45, 500 → exp 3; rexp 1/2 + 1/2 + 1 = 2 (whole years before day 600).
    // sexp: Bob touched core (30, 500), web (30), root README (45) → 3.
    const expected = { lt: 10, ndev: 3, nuc: 7, age: 405, exp: 3, rexp: 2, sexp: 3 };
    const pick = (v: Record<string, number | null>) => Object.fromEntries(HISTORY.map((k) => [k, v[k]]));
    expect(pick(mirror)).toEqual(expected);
    expect(pick(api)).toEqual(expected);
    expect(pick(mined)).toEqual(expected);
  });

  it("keeps the token out of the mirror's config and fetches when a base is new", async () => {
    const config = fs.readFileSync(path.join(dataDir, "mirrors", "acme", "widgets.git", "config"), "utf8");
    expect(config).not.toContain("ghs_secret");
    repo.lines("web/page.ts", ["p1"]);
    repo.commit(ALICE, 700, "Later");
    repo.lines("web/page.ts", ["p1", "p2"]);
    repo.commit(CAROL, 701, "After later");
    let later: LogCommit | undefined;
    await walkHistory(repo.dir, ["-1", "HEAD"], (c) => (later = c));
    // The base (day 700) is not in the mirror yet: the provider fetches, then answers from the new history.
    const values = await mirrorProvider.historyFeatures(toChange(later!, "acme/widgets"));
    expect(values).toMatchObject({ lt: 1, exp: 1, ndev: 3 });
  });

  it("returns null, not a guess, for features beyond the call budget", async () => {
    const change = toChange(pr, "acme/widgets");
    const api = await createApiHistoryProvider({
      client: new Octokit({ request: { retries: 0 } }),
      owner: "acme",
      name: "widgets",
      maxCalls: 3,
    }).historyFeatures(change);
    expect(api).toMatchObject({ ndev: 3, nuc: 7, lt: null, exp: null, rexp: null, sexp: null });
  });
});
