/**
 * Feature groups for explanations. Near-duplicate features (la/ld/lt all measure size; ns/nd/nf/entropy all
 * measure spread) share one Shapley "player" group so that correlated features are switched together in every
 * sampled order, and so that a reviewer reads one sentence per idea rather than one per column.
 */
export type ExplainGroup =
  "size" | "diffusion" | "experience" | "history" | "purpose" | "ast" | "tokens" | string;

const KNOWN: Record<string, ExplainGroup> = {
  la: "size",
  ld: "size",
  lt: "size",
  ns: "diffusion",
  nd: "diffusion",
  nf: "diffusion",
  entropy: "diffusion",
  exp: "experience",
  rexp: "experience",
  sexp: "experience",
  ndev: "history",
  age: "history",
  nuc: "history",
  fix: "purpose",
};

/** The group a feature belongs to; unknown features form a group of their own (their name). */
export function groupOfFeature(name: string): ExplainGroup {
  const known = KNOWN[name];
  if (known) return known;
  if (name.startsWith("ast_")) return "ast";
  if (name.startsWith("tok_") || name.startsWith("token_")) return "tokens";
  return name;
}

/** Sums per-feature attributions into per-group attributions. */
export function sumByGroup(attributions: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(attributions)) {
    const group = groupOfFeature(name);
    out[group] = (out[group] ?? 0) + value;
  }
  return out;
}
