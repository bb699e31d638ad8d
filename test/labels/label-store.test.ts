import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportLabels } from "../../src/labels/export-labels.js";
import { recordFeedback } from "../../src/labels/record-feedback.js";
import type { LabelInput } from "../../src/labels/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

let store: Store;
beforeEach(() => {
  store = openSqliteStore(":memory:");
});
afterEach(() => store.close());

const SHA = (c: string) => c.repeat(40);
const szz = (commit: string, confidence = 0.66): LabelInput => ({
  repository: "o/r",
  commitSha: SHA(commit),
  label: "bug",
  source: "szz",
  confidence,
  fixSha: SHA("f"),
  details: { rank: 1 },
});

describe("SQLite label store", () => {
  it("is idempotent: the same label twice is one row", async () => {
    expect((await store.labels.recordLabel(szz("a"))).outcome).toBe("inserted");
    expect((await store.labels.recordLabel(szz("a"))).outcome).toBe("unchanged");
    expect(await store.labels.listLabels({ includeSuperseded: true })).toHaveLength(1);
  });

  it("supersedes a changed label and keeps the old row as history", async () => {
    const first = await store.labels.recordLabel(szz("a", 0.66));
    const second = await store.labels.recordLabel(szz("a", 0.3));
    expect(second.outcome).toBe("superseded");
    const all = await store.labels.listLabels({ includeSuperseded: true });
    expect(all.map((l) => [l.id, l.confidence, l.supersededBy])).toEqual([
      [first.id, 0.66, second.id],
      [second.id, 0.3, null],
    ]);
    expect(await store.labels.listLabels()).toHaveLength(1);
  });

  it("replaces a producer's set: commits no longer named are withdrawn, not deleted", async () => {
    const scope = { repository: "o/r", source: "szz" as const, origin: SHA("f") };
    await store.labels.replaceLabelsFrom(scope, [szz("a"), szz("b", 0.3)], "re-run");
    const summary = await store.labels.replaceLabelsFrom(scope, [szz("a")], "no longer a candidate");
    expect(summary).toEqual({ inserted: 0, unchanged: 1, superseded: 0, withdrawn: 1 });
    const b = await store.labels.listLabels({ commitSha: SHA("b"), includeSuperseded: true });
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ supersedeReason: "no longer a candidate", supersededBy: null });
    expect(b[0].supersededAt).not.toBeNull();
    expect([...(await store.labels.listImplicatedCommits("o/r"))]).toEqual([SHA("a")]);
    await expect(
      store.labels.replaceLabelsFrom(scope, [{ ...szz("c"), source: "revert" }], "x"),
    ).rejects.toThrow(/outside the scope/);
  });

  it("records feedback per user, superseding a changed mind", async () => {
    const fb = { repository: "o/r", pr: 7, headSha: SHA("d"), user: "alice", reason: "broke prod" };
    expect((await recordFeedback(store, { ...fb, label: "bug" })).outcome).toBe("inserted");
    expect((await recordFeedback(store, { ...fb, label: "bug" })).outcome).toBe("unchanged");
    expect((await recordFeedback(store, { ...fb, user: "bob", label: "clean" })).outcome).toBe("inserted");
    expect((await recordFeedback(store, { ...fb, label: "clean" })).outcome).toBe("superseded");
    const active = await store.labels.listLabels({ prNumber: 7 });
    expect(active.map((l) => [l.origin, l.label, l.source, l.confidence])).toEqual([
      ["user:bob", "clean", "feedback", 1],
      ["user:alice", "clean", "feedback", 1],
    ]);
    await expect(recordFeedback(store, { ...fb, label: "meh" as "bug" })).rejects.toThrow(/bug" or "clean/);
    await expect(recordFeedback(store, { ...fb, label: "bug", headSha: "abc" })).rejects.toThrow(
      /full head sha/,
    );
  });

  it("exports one row per label as CSV and JSON lines", async () => {
    await store.labels.recordLabel({ ...szz("a"), prNumber: 12, observedAt: "2024-01-02T00:00:00.000Z" });
    await store.labels.recordLabel({ ...szz("b"), details: { note: 'a "quoted", value' } });
    const csv = new PassThrough();
    const chunks: Buffer[] = [];
    csv.on("data", (c: Buffer) => chunks.push(c));
    expect(await exportLabels(store, { format: "csv", out: csv })).toBe(2);
    const [header, first] = Buffer.concat(chunks).toString("utf8").trim().split("\n");
    expect(header).toBe(
      "repository,commit,pr,label,source,confidence,fix_commit,date,recorded_at,superseded_at",
    );
    expect(first.startsWith(`o/r,${SHA("a")},12,bug,szz,0.66,${SHA("f")},2024-01-02T00:00:00.000Z,`)).toBe(
      true,
    );
    const jsonl = new PassThrough();
    const out: Buffer[] = [];
    jsonl.on("data", (c: Buffer) => out.push(c));
    await exportLabels(store, { format: "jsonl", out: jsonl });
    const rows = Buffer.concat(out)
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.commit, r.pr, r.fix_commit])).toEqual([
      [SHA("a"), 12, SHA("f")],
      [SHA("b"), null, SHA("f")],
    ]);
    await expect(exportLabels(store, { format: "xml" as "csv", out: jsonl })).rejects.toThrow(
      /use csv or jsonl/,
    );
  });
});
