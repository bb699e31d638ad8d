import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ScoreResult } from "../../src/report/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

let store: Store;
beforeEach(() => {
  store = openSqliteStore(":memory:");
});
afterEach(async () => {
  await store.close();
});

const result = (probability: number): ScoreResult =>
  ({
    repository: "o/r",
    number: 3,
    headSha: "h1",
    baseSha: "b1",
    title: "t",
    probability,
    band: "low",
    modelVersion: "m1",
    features: { la: 3 },
    reasons: [],
    suggestions: [],
    files: [],
    hunks: [],
    notes: [],
    scoredAt: "2026-12-04T00:00:00.000Z",
  }) as ScoreResult;

describe("deliveries", () => {
  it("tells a redelivery from a new delivery", async () => {
    const d = { id: "d1", event: "pull_request", action: "opened", repository: "o/r", installationId: 1 };
    expect(await store.deliveries.record(d)).toBe(true);
    expect(await store.deliveries.record(d)).toBe(false);
    expect(await store.deliveries.get("d1")).toMatchObject({ event: "pull_request", installationId: 1 });
    expect(await store.deliveries.prune(new Date(Date.now() + 1000))).toBe(1);
    expect(await store.deliveries.get("d1")).toBeNull();
  });
});

describe("installations", () => {
  it("tracks which repositories an installation covers", async () => {
    expect(await store.installations.coverage(7, "o/a")).toBe("unknown");
    await store.installations.upsert({
      id: 7,
      account: "o",
      accountType: "Organization",
      repositorySelection: "selected",
    });
    await store.installations.addRepositories(7, ["o/a", "o/b"]);
    await store.installations.removeRepositories(7, ["o/b"]);
    expect(await store.installations.coverage(7, "o/a")).toBe("covered");
    expect(await store.installations.coverage(7, "O/A")).toBe("covered");
    expect(await store.installations.coverage(7, "o/b")).toBe("not-covered");
    expect(await store.installations.coverage(7, "o/c")).toBe("unknown");
    expect(await store.installations.repositories(7)).toEqual(["o/a"]);
    await store.installations.setSuspended(7, true);
    expect((await store.installations.get(7))?.suspended).toBe(true);
    await store.installations.markDeleted(7);
    expect(await store.installations.coverage(7, "o/a")).toBe("not-covered");
  });

  it("an installation on all repositories covers any repository it has not been told about", async () => {
    await store.installations.upsert({
      id: 8,
      account: "u",
      accountType: "User",
      repositorySelection: "all",
    });
    expect(await store.installations.coverage(8, "u/anything")).toBe("covered");
  });
});

describe("scores", () => {
  const key = { repository: "o/r", headSha: "h1", configHash: "c1", modelVersion: "m1" };

  it("keeps the first check run of a key", async () => {
    expect(await store.scores.findCheckRun(key)).toBeNull();
    await store.scores.saveCheckRun(key, 10);
    await store.scores.saveCheckRun(key, 11);
    expect(await store.scores.findCheckRun(key)).toBe(10);
    expect(await store.scores.findCheckRun({ ...key, modelVersion: "m2" })).toBeNull();
  });

  it("stores the full result and finds the latest score of a pull request", async () => {
    const base = { ...key, number: 3, baseSha: "b1", band: "low" as const, checkRunId: 10, deliveryId: "d1" };
    await store.scores.save({
      ...base,
      probability: 0.2,
      result: result(0.2),
      scoredAt: "2026-12-01T00:00:00Z",
    });
    await store.scores.save({
      ...base,
      headSha: "h2",
      probability: 0.4,
      result: result(0.4),
      scoredAt: "2026-12-02T00:00:00Z",
    });
    const latest = await store.scores.latestForPullRequest("o/r", 3);
    expect(latest).toMatchObject({ headSha: "h2", probability: 0.4, checkRunId: 10 });
    expect(latest?.result.features).toEqual({ la: 3 });
    await store.scores.save({ ...base, probability: 0.3, result: result(0.3) });
    expect((await store.scores.forHead("o/r", "h1")).map((s) => s.probability)).toEqual([0.3]);
  });
});

describe("jobs", () => {
  it("inserts once per id, claims in order, retries and fails", async () => {
    expect(
      await store.jobs.insert({ id: "j1", name: "q", payload: { a: 1 }, maxAttempts: 2, runAfter: 0 }),
    ).toBe("created");
    expect(await store.jobs.insert({ id: "j1", name: "q", payload: { a: 2 }, maxAttempts: 2 })).toBe(
      "exists",
    );
    await store.jobs.insert({
      id: "j2",
      name: "q",
      payload: null,
      maxAttempts: 2,
      runAfter: Date.now() + 60_000,
    });
    const claimed = await store.jobs.claimNext(["q"], Date.now());
    expect(claimed).toMatchObject({ id: "j1", status: "running", attempts: 1, payload: { a: 1 } });
    expect(await store.jobs.claimNext(["q"], Date.now())).toBeNull();
    expect(await store.jobs.nextRunAfter(["q"])).toBeGreaterThan(Date.now());
    await store.jobs.retry("j1", "boom", 0);
    expect((await store.jobs.claimNext(["q"], Date.now()))?.attempts).toBe(2);
    await store.jobs.fail("j1", "boom again");
    expect(await store.jobs.get("j1")).toMatchObject({ status: "failed", lastError: "boom again" });
    expect(await store.jobs.insert({ id: "j1", name: "q", payload: { a: 3 }, maxAttempts: 2 })).toBe(
      "requeued",
    );
    expect(await store.jobs.get("j1")).toMatchObject({ status: "queued", attempts: 0, payload: { a: 3 } });
  });

  it("puts jobs left running by a dead process back in the queue (file store, reopened)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-jobs-"));
    const file = path.join(dir, "store.sqlite");
    const first = openSqliteStore(file);
    await first.jobs.insert({ id: "j", name: "q", payload: { n: 1 }, maxAttempts: 3 });
    await first.jobs.claimNext(["q"], Date.now());
    await first.close();
    const second = openSqliteStore(file);
    expect(await second.jobs.requeueRunning()).toBe(1);
    expect((await second.jobs.claimNext(["q"], Date.now()))?.payload).toEqual({ n: 1 });
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
