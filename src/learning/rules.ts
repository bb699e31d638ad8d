import picomatch from "picomatch";
import type { RiskBand } from "../model/types.js";
import type { ScoreResult } from "../report/types.js";

/**
 * Repository rules applied after the model to cut false positives. They never change the probability (the
 * model's calibrated estimate stays visible); they cap the band, which is what gates and labels act on.
 * Every rule that changed a result says so in `ruleNotes` (and in `notes`, which every report renders).
 */
export interface RepositoryRules {
  /** Globs of paths that never gate: a file matching one is capped at "low"; a PR made only of them too. */
  neverGate: string[];
  /** A change with fewer added + deleted lines than this is capped at "medium". 0 turns the rule off. */
  minLinesForHigh: number;
}

/** Docs, generated files and lock files: the usual sources of noise in a risk score. */
export const DEFAULT_NEVER_GATE: readonly string[] = [
  "**/*.md",
  "**/*.rst",
  "**/*.adoc",
  "docs/**",
  "**/package-lock.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/Cargo.lock",
  "**/go.sum",
  "**/poetry.lock",
  "**/Gemfile.lock",
  "**/composer.lock",
  "**/*.min.js",
  "**/*.generated.*",
  "**/generated/**",
  "**/*.pb.go",
  "**/*_pb2.py",
  "**/vendor/**",
];

export const DEFAULT_RULES: RepositoryRules = { neverGate: [...DEFAULT_NEVER_GATE], minLinesForHigh: 10 };

const ORDER: Record<RiskBand, number> = { low: 0, medium: 1, high: 2 };

function cap(band: RiskBand, ceiling: RiskBand): RiskBand {
  return ORDER[band] > ORDER[ceiling] ? ceiling : band;
}

/** Returns a copy of `result` with the rules applied and `ruleNotes` saying what they changed. */
export function applyRepositoryRules(result: ScoreResult, rules: Partial<RepositoryRules> = {}): ScoreResult {
  const r = { ...DEFAULT_RULES, ...rules };
  const isNeverGate = r.neverGate.length ? picomatch(r.neverGate, { dot: true }) : () => false;
  const ruleNotes: string[] = [];

  const files = result.files.map((file) => {
    if (file.band === "low" || !isNeverGate(file.path)) return file;
    ruleNotes.push(
      `\`${file.path}\` shown as low instead of ${file.band}: it matches a never-gate path (rules.neverGate).`,
    );
    return {
      ...file,
      band: "low" as RiskBand,
      note: file.note ?? "never-gate path (docs, generated or lock file)",
    };
  });

  let band = result.band;
  const allNeverGate = result.files.length > 0 && result.files.every((f) => isNeverGate(f.path));
  if (allNeverGate && band !== "low") {
    ruleNotes.push(
      `Band lowered from ${band} to low: every changed file matches a never-gate path (docs, generated or lock files; rules.neverGate).`,
    );
    band = "low";
  }
  const lines = result.files.reduce((s, f) => s + f.additions + f.deletions, 0);
  if (band === "high" && r.minLinesForHigh > 0 && lines < r.minLinesForHigh) {
    ruleNotes.push(
      `Band lowered from high to medium: the change touches ${lines} lines, under the ${r.minLinesForHigh}-line minimum for "high" (rules.minLinesForHigh).`,
    );
    band = cap(band, "medium");
  }

  if (ruleNotes.length === 0) return result;
  return {
    ...result,
    band,
    files,
    ruleNotes: [...(result.ruleNotes ?? []), ...ruleNotes],
    notes: [...result.notes, ...ruleNotes],
  };
}
