import { createHash } from "node:crypto";
import type { ZodIssue } from "zod";
import { CONFIG_PATH, configSchema, type RepoConfig } from "./schema.js";

/** What reading `.github/defect-predictor.yml` gave, before validation. Plain JSON (it travels in job payloads). */
export type RawConfig =
  | { kind: "missing" }
  | { kind: "file"; value: unknown }
  /** The file exists but is not YAML/an object; `message` says where it broke. */
  | { kind: "unparsable"; message: string };

/** One wrong key: where, what is wrong, how to fix it. */
export interface ConfigProblem {
  /** Dotted key path, e.g. `gate.threshold`; `(file)` for the whole file. */
  key: string;
  message: string;
  fix: string;
}

export type ConfigResult =
  | { ok: true; config: RepoConfig; hash: string; source: "file" | "defaults" }
  | { ok: false; problems: ConfigProblem[]; message: string };

/** Validates the raw file once, where it enters. Never throws: a bad file becomes a list of problems. */
export function parseRepoConfig(raw: RawConfig): ConfigResult {
  if (raw.kind === "unparsable") {
    const problems = [
      {
        key: "(file)",
        message: raw.message,
        fix: `Make ${CONFIG_PATH} a YAML mapping of keys to values (see schema/defect-predictor.schema.json), or delete it to use the defaults.`,
      },
    ];
    return { ok: false, problems, message: describeProblems(problems) };
  }
  const value = raw.kind === "missing" || raw.value === null || raw.value === undefined ? {} : raw.value;
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap(toProblems);
    return { ok: false, problems, message: describeProblems(problems) };
  }
  return {
    ok: true,
    config: parsed.data,
    hash: hashConfig(parsed.data),
    source: raw.kind === "file" ? "file" : "defaults",
  };
}

/** Stable 12-hex hash of a validated config (key order does not matter). */
export function hashConfig(config: RepoConfig): string {
  return createHash("sha256").update(stableStringify(config)).digest("hex").slice(0, 12);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** One line per problem, for logs and the check-run title/summary. */
export function describeProblems(problems: ConfigProblem[]): string {
  return problems.map((p) => `\`${p.key}\`: ${p.message}. ${p.fix}`).join("\n");
}

function toProblems(issue: ZodIssue): ConfigProblem[] {
  const key = issue.path.length ? issue.path.join(".") : "(top level)";
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((unknown) => {
        const fullKey = [...issue.path, unknown].join(".");
        const allowed = allowedKeysAt(issue.path.map(String));
        const guess = closest(unknown, allowed);
        return {
          key: fullKey,
          message: "unknown key",
          fix: `${guess ? `Did you mean \`${[...issue.path, guess].join(".")}\`? ` : ""}Allowed here: ${allowed.join(", ")}.`,
        };
      });
    case "invalid_type":
      return [
        {
          key,
          message: `expected ${issue.expected}, got ${issue.received}`,
          fix: `Set \`${key}\` to a ${issue.expected}${exampleFor(issue.path)}, or delete it to use the default.`,
        },
      ];
    default:
      return [
        {
          key,
          message: issue.message,
          fix: `Change \`${key}\`${exampleFor(issue.path)}, or delete it to use the default.`,
        },
      ];
  }
}

function exampleFor(path: (string | number)[]): string {
  let node: unknown = configSchema.parse({});
  for (const part of path)
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return node === undefined ? "" : ` (default: ${JSON.stringify(node)})`;
}

function allowedKeysAt(path: string[]): string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let schema: any = configSchema;
  for (const part of path) {
    schema = unwrap(schema);
    schema = schema?.shape?.[part];
  }
  return Object.keys(unwrap(schema)?.shape ?? {});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function unwrap(schema: any): any {
  let s = schema;
  while (s && !s.shape && s._def) {
    const inner = s._def.innerType ?? s._def.schema;
    if (!inner) break;
    s = inner;
  }
  return s;
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
