import type { Change } from "../../change/types.js";
import type { FeatureContext, FeatureExtractor, FeatureSpec, FeatureValues } from "../types.js";
import { detectFix } from "./detect-fix.js";

type Compute = (ctx: FeatureContext) => number | null | Promise<number | null>;

/** The history provider's answer, asked once per change however many extractors read it. */
const historyCache = new WeakMap<Change, Promise<FeatureValues>>();

async function historyValue(ctx: FeatureContext, name: string): Promise<number | null> {
  if (!ctx.history) return null;
  let pending = historyCache.get(ctx.change);
  if (!pending) {
    pending = ctx.history.historyFeatures(ctx.change);
    historyCache.set(ctx.change, pending);
  }
  return (await pending)[name] ?? null;
}

/** The text a change's FIX is read from: the commit message, or a PR's title, body and commit messages. */
export function changeMessage(change: Change): string {
  return [change.title, change.body, ...change.commits.map((c) => c.message)].join("\n");
}

function metric(
  name: string,
  description: string,
  unit: string,
  transform: FeatureSpec["transform"],
  compute: Compute,
): FeatureExtractor {
  const spec: FeatureSpec = { name, group: "kamei", description, unit, transform };
  return {
    name: `kamei-${name}`,
    features: [spec],
    async extract(ctx) {
      return { [name]: await compute(ctx) };
    },
  };
}

/**
 * Kamei et al. (TSE 2013): the 8 metrics beyond the diff, one extractor each. NS, ND, NF, Entropy, LA and LD
 * are the diff group's (src/features/diff): one definition for pull requests and mined commits.
 * Definitions: docs/features.md.
 */
export const kameiMetricExtractors: FeatureExtractor[] = [
  metric("lt", "Lines of code in the modified files before the change (sum).", "lines", "log1p", (c) =>
    historyValue(c, "lt"),
  ),
  metric("fix", "1 when the change is a bug fix (keywords in the message).", "boolean", "none", (c) =>
    detectFix(changeMessage(c.change)),
  ),
  metric("ndev", "Developers who changed the modified files before.", "developers", "log1p", (c) =>
    historyValue(c, "ndev"),
  ),
  metric("age", "Mean time since the modified files were last changed.", "days", "log1p", (c) =>
    historyValue(c, "age"),
  ),
  metric("nuc", "Earlier changes to the modified files, summed over the files.", "changes", "log1p", (c) =>
    historyValue(c, "nuc"),
  ),
  metric("exp", "Author's earlier changes.", "changes", "log1p", (c) => historyValue(c, "exp")),
  metric(
    "rexp",
    "Author's earlier changes weighted by 1/(1 + age in whole years).",
    "changes",
    "log1p",
    (c) => historyValue(c, "rexp"),
  ),
  metric("sexp", "Author's earlier changes to the modified subsystems.", "changes", "log1p", (c) =>
    historyValue(c, "sexp"),
  ),
];
