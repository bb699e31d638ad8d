import type Database from "better-sqlite3";
import type { FixRunRecord, LabelInput, LabelRecord, RecordOutcome } from "../../labels/types.js";
import type { LabelQuery, LabelStore, RecordSummary } from "../labels.js";

/** Schema migrations for labels, applied in order; never edit one that has shipped, append a new one. */
export const labelsMigrations: string[] = [
  `CREATE TABLE labels (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     repository TEXT NOT NULL,
     commit_sha TEXT NOT NULL,
     pr_number INTEGER,
     label TEXT NOT NULL CHECK (label IN ('bug', 'clean', 'unlabeled', 'unmerged')),
     source TEXT NOT NULL CHECK (source IN ('szz', 'revert', 'outcome', 'feedback')),
     origin TEXT NOT NULL,
     confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
     fix_sha TEXT,
     details TEXT NOT NULL,
     observed_at TEXT NOT NULL,
     recorded_at TEXT NOT NULL,
     superseded_at TEXT,
     superseded_by INTEGER REFERENCES labels(id),
     supersede_reason TEXT
   );
   CREATE UNIQUE INDEX labels_active_identity ON labels (repository, commit_sha, source, origin)
     WHERE superseded_at IS NULL;
   CREATE INDEX labels_by_commit ON labels (repository, commit_sha);
   CREATE INDEX labels_by_origin ON labels (repository, source, origin);
   CREATE INDEX labels_by_pr ON labels (repository, pr_number);
   CREATE TABLE label_fix_runs (
     repository TEXT NOT NULL,
     fix_sha TEXT NOT NULL,
     kind TEXT NOT NULL,
     candidates INTEGER NOT NULL,
     ran_at TEXT NOT NULL,
     options_key TEXT NOT NULL,
     PRIMARY KEY (repository, fix_sha, kind)
   );`,
];

interface Row {
  id: number;
  repository: string;
  commit_sha: string;
  pr_number: number | null;
  label: LabelRecord["label"];
  source: LabelRecord["source"];
  origin: string;
  confidence: number;
  fix_sha: string | null;
  details: string;
  observed_at: string;
  recorded_at: string;
  superseded_at: string | null;
  superseded_by: number | null;
  supersede_reason: string | null;
}

function toRecord(r: Row): LabelRecord {
  return {
    id: r.id,
    repository: r.repository,
    commitSha: r.commit_sha,
    prNumber: r.pr_number,
    label: r.label,
    source: r.source,
    origin: r.origin,
    confidence: r.confidence,
    fixSha: r.fix_sha,
    details: JSON.parse(r.details) as Record<string, unknown>,
    observedAt: r.observed_at,
    recordedAt: r.recorded_at,
    supersededAt: r.superseded_at,
    supersededBy: r.superseded_by,
    supersedeReason: r.supersede_reason,
  };
}

/** Stable JSON (sorted keys) so that re-recording the same details compares equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export function createSqliteLabelStore(db: Database.Database): LabelStore {
  const findActive = db.prepare(
    "SELECT * FROM labels WHERE repository = ? AND commit_sha = ? AND source = ? AND origin = ? AND superseded_at IS NULL",
  );
  const insert = db.prepare(
    `INSERT INTO labels (repository, commit_sha, pr_number, label, source, origin, confidence, fix_sha, details,
       observed_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const supersede = db.prepare(
    "UPDATE labels SET superseded_at = ?, superseded_by = ?, supersede_reason = ? WHERE id = ?",
  );
  const activeFrom = db.prepare(
    "SELECT * FROM labels WHERE repository = ? AND source = ? AND origin = ? AND superseded_at IS NULL",
  );

  function recordOne(input: LabelInput): { outcome: RecordOutcome; id: number } {
    const origin = input.origin ?? input.fixSha ?? "";
    const details = stableJson(input.details ?? {});
    const now = new Date().toISOString();
    const prev = findActive.get(input.repository, input.commitSha, input.source, origin) as Row | undefined;
    const prNumber = input.prNumber ?? prev?.pr_number ?? null;
    if (
      prev &&
      prev.label === input.label &&
      prev.confidence === input.confidence &&
      prev.pr_number === prNumber &&
      prev.details === details
    ) {
      return { outcome: "unchanged", id: prev.id };
    }
    if (prev) supersede.run(now, null, "replaced by a newer label from the same source", prev.id);
    const { lastInsertRowid } = insert.run(
      input.repository,
      input.commitSha,
      prNumber,
      input.label,
      input.source,
      origin,
      input.confidence,
      input.fixSha ?? null,
      details,
      input.observedAt ?? now,
      now,
    );
    const id = Number(lastInsertRowid);
    if (prev) db.prepare("UPDATE labels SET superseded_by = ? WHERE id = ?").run(id, prev.id);
    return { outcome: prev ? "superseded" : "inserted", id };
  }

  function tally(summary: RecordSummary, outcome: RecordOutcome): void {
    summary[outcome] += 1;
  }

  const recordMany = db.transaction((inputs: LabelInput[]): RecordSummary => {
    const summary: RecordSummary = { inserted: 0, unchanged: 0, superseded: 0, withdrawn: 0 };
    for (const input of inputs) tally(summary, recordOne(input).outcome);
    return summary;
  });

  const replaceFrom = db.transaction(
    (scope: { repository: string; source: string; origin: string }, inputs: LabelInput[], reason: string) => {
      const summary = recordMany(inputs);
      const keep = new Set(inputs.map((i) => i.commitSha));
      const now = new Date().toISOString();
      for (const row of activeFrom.all(scope.repository, scope.source, scope.origin) as Row[]) {
        if (keep.has(row.commit_sha)) continue;
        supersede.run(now, null, reason, row.id);
        summary.withdrawn += 1;
      }
      return summary;
    },
  );

  return {
    recordLabel: async (input) => db.transaction(() => recordOne(input))(),
    recordLabels: async (inputs) => recordMany(inputs),
    replaceLabelsFrom: async (scope, inputs, reason) => {
      const wrong = inputs.find((i) => i.repository !== scope.repository || i.source !== scope.source);
      if (wrong) {
        throw new Error(
          `replaceLabelsFrom: label for ${wrong.commitSha} is ${wrong.repository}/${wrong.source}, outside the scope ` +
            `${scope.repository}/${scope.source}; record it with recordLabels instead.`,
        );
      }
      return replaceFrom(
        scope,
        inputs.map((i) => ({ ...i, origin: scope.origin })),
        reason,
      );
    },
    listLabels: async (query: LabelQuery = {}) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      const add = (sql: string, value: string | number | undefined) => {
        if (value === undefined) return;
        where.push(sql);
        args.push(value);
      };
      add("repository = ?", query.repository);
      add("commit_sha = ?", query.commitSha);
      add("pr_number = ?", query.prNumber);
      add("source = ?", query.source);
      add("fix_sha = ?", query.fixSha);
      if (!query.includeSuperseded) where.push("superseded_at IS NULL");
      const sql = `SELECT * FROM labels ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`;
      return (db.prepare(sql).all(...args) as Row[]).map(toRecord);
    },
    listImplicatedCommits: async (repository) => {
      const rows = db
        .prepare(
          "SELECT DISTINCT commit_sha FROM labels WHERE repository = ? AND label = 'bug' AND superseded_at IS NULL",
        )
        .all(repository) as { commit_sha: string }[];
      return new Set(rows.map((r) => r.commit_sha));
    },
    recordFixRun: async (run: FixRunRecord) => {
      db.prepare(
        `INSERT INTO label_fix_runs (repository, fix_sha, kind, candidates, ran_at, options_key) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository, fix_sha, kind) DO UPDATE SET candidates = excluded.candidates,
           ran_at = excluded.ran_at, options_key = excluded.options_key`,
      ).run(run.repository, run.fixSha, run.kind, run.candidates, run.ranAt, run.optionsKey);
    },
    getFixRun: async (repository, fixSha, kind) => {
      const r = db
        .prepare("SELECT * FROM label_fix_runs WHERE repository = ? AND fix_sha = ? AND kind = ?")
        .get(repository, fixSha, kind) as
        | {
            repository: string;
            fix_sha: string;
            kind: FixRunRecord["kind"];
            candidates: number;
            ran_at: string;
            options_key: string;
          }
        | undefined;
      return r
        ? {
            repository: r.repository,
            fixSha: r.fix_sha,
            kind: r.kind,
            candidates: r.candidates,
            ranAt: r.ran_at,
            optionsKey: r.options_key,
          }
        : null;
    },
  };
}
