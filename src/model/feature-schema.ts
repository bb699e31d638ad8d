/** One input column of a model: its name, its group (for masking) and its transform before standardisation. */
export interface FeatureDef {
  name: string;
  /** Model-level group. A row where every feature of a group is null is scored with that group masked. */
  group: ModelFeatureGroup;
  transform: "log1p" | "none";
}

/**
 * Groups a model masks as a whole. `kamei` = what a diff alone gives (ns nd nf entropy la ld);
 * `history` = what needs the repository's past (lt fix ndev age nuc exp rexp sexp); `diff` = extra PR/diff
 * features; `ast` = `ast_*` features; `tokens` = sparse hashed diff tokens `tok_<bucket>`.
 */
export type ModelFeatureGroup = "kamei" | "history" | "diff" | "ast" | "tokens";

/** Kamei et al. (TSE 2013) metrics, lower-case, the default model's schema in this order. */
export const KAMEI_FEATURES: readonly FeatureDef[] = [
  { name: "ns", group: "kamei", transform: "log1p" },
  { name: "nd", group: "kamei", transform: "log1p" },
  { name: "nf", group: "kamei", transform: "log1p" },
  { name: "entropy", group: "kamei", transform: "none" },
  { name: "la", group: "kamei", transform: "log1p" },
  { name: "ld", group: "kamei", transform: "log1p" },
  { name: "lt", group: "history", transform: "log1p" },
  { name: "fix", group: "history", transform: "none" },
  { name: "ndev", group: "history", transform: "log1p" },
  { name: "age", group: "history", transform: "log1p" },
  { name: "nuc", group: "history", transform: "log1p" },
  { name: "exp", group: "history", transform: "log1p" },
  { name: "rexp", group: "history", transform: "log1p" },
  { name: "sexp", group: "history", transform: "log1p" },
];

/** Names of the 14 Kamei metrics in schema order. */
export const KAMEI_NAMES: readonly string[] = KAMEI_FEATURES.map((f) => f.name);

/**
 * Features computed from the Kamei metrics (Kamei et al. normalise churn by file size and counts by files).
 * Trees cannot form ratios themselves; the network could, but gets them for free. Null when an input is null.
 */
export const DERIVED_FEATURES: readonly (FeatureDef & { inputs: string[]; compute(v: number[]): number })[] =
  [
    {
      name: "churn",
      group: "kamei",
      transform: "log1p",
      inputs: ["la", "ld"],
      compute: ([la, ld]) => la + ld,
    },
    {
      name: "add_share",
      group: "kamei",
      transform: "none",
      inputs: ["la", "ld"],
      compute: ([la, ld]) => la / (la + ld + 1),
    },
    {
      name: "churn_per_file",
      group: "kamei",
      transform: "log1p",
      inputs: ["la", "ld", "nf"],
      compute: ([la, ld, nf]) => (la + ld) / Math.max(nf, 1),
    },
    {
      name: "la_per_lt",
      group: "history",
      transform: "log1p",
      inputs: ["la", "lt"],
      compute: ([la, lt]) => la / (lt + 1),
    },
    {
      name: "ld_per_lt",
      group: "history",
      transform: "log1p",
      inputs: ["ld", "lt"],
      compute: ([ld, lt]) => ld / (lt + 1),
    },
    {
      name: "lt_per_file",
      group: "history",
      transform: "log1p",
      inputs: ["lt", "nf"],
      compute: ([lt, nf]) => lt / Math.max(nf, 1),
    },
    {
      name: "nuc_per_file",
      group: "history",
      transform: "log1p",
      inputs: ["nuc", "nf"],
      compute: ([nuc, nf]) => nuc / Math.max(nf, 1),
    },
    {
      name: "rexp_share",
      group: "history",
      transform: "none",
      inputs: ["rexp", "exp"],
      compute: ([rexp, exp]) => rexp / (exp + 1),
    },
  ];

/** The Kamei metrics followed by the derived features. */
export const KAMEI_WITH_DERIVED: readonly FeatureDef[] = [
  ...KAMEI_FEATURES,
  ...DERIVED_FEATURES.map(({ name, group, transform }) => ({ name, group, transform })),
];

/** Sparse token features are named `tok_<bucket>`, bucket in [0, TOKEN_BUCKETS). */
export const TOKEN_PREFIX = "tok_";
export const TOKEN_BUCKETS = 4096;

/** Infers a definition for a feature name outside the Kamei set (per-repository models trained from the store). */
export function inferFeatureDef(name: string): FeatureDef {
  const known = KAMEI_WITH_DERIVED.find((f) => f.name === name);
  if (known) return known;
  if (name.startsWith("ast_")) return { name, group: "ast", transform: "log1p" };
  return { name, group: "diff", transform: "log1p" };
}

/** Bucket of a `tok_<bucket>` name, or undefined when the name is not a token feature. */
export function tokenBucket(name: string): number | undefined {
  if (!name.startsWith(TOKEN_PREFIX)) return undefined;
  const b = Number(name.slice(TOKEN_PREFIX.length));
  return Number.isInteger(b) && b >= 0 && b < TOKEN_BUCKETS ? b : undefined;
}

/**
 * The input schema for a dataset: the Kamei metrics it has, the derived features whose inputs it has, then any
 * other (non-token) features in the order given.
 */
export function chooseFeatures(available: readonly string[]): FeatureDef[] {
  const have = new Set(available);
  const out: FeatureDef[] = KAMEI_FEATURES.filter((f) => have.has(f.name));
  for (const d of DERIVED_FEATURES) {
    if (d.inputs.every((i) => have.has(i)))
      out.push({ name: d.name, group: d.group, transform: d.transform });
  }
  for (const name of available) {
    if (out.some((f) => f.name === name) || tokenBucket(name) !== undefined) continue;
    out.push(inferFeatureDef(name));
  }
  return out;
}
