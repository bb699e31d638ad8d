import { groupOfFeature } from "../model/explain-groups.js";
import type { Reason } from "./types.js";
import type { DescribeContext } from "./describe-types.js";
import {
  describeAst,
  describeDiffusion,
  describeExperience,
  describeHistory,
  describePurpose,
  describeSingle,
  describeSize,
  describeTokens,
  type GroupSentence,
} from "./describe-groups.js";

const SENTENCES: Record<string, GroupSentence> = {
  size: describeSize,
  diffusion: describeDiffusion,
  experience: describeExperience,
  history: describeHistory,
  purpose: describePurpose,
  ast: describeAst,
  tokens: describeTokens,
};

/** How many reasons to keep and how small a contribution is still worth a sentence. */
export interface DescribeOptions {
  /** Most reasons returned (default 6). */
  limit?: number;
  /** Drop groups below this share of the largest absolute contribution (default 0.1). */
  minShare?: number;
  /** Drop groups below this absolute contribution, in probability (default 0.002 = 0.2 pp). */
  minWeight?: number;
}

/**
 * Turns attributions into the few reasons that matter: near-duplicate features are summed into their group
 * (size, diffusion, experience, history…), each group gets one sentence with its numbers, and groups that moved the
 * score by little are left out. Sorted by absolute weight; positive weights raise the risk.
 */
export function describeReasons(ctx: DescribeContext, options: DescribeOptions = {}): Reason[] {
  const byGroup = new Map<string, number>();
  for (const [name, weight] of Object.entries(ctx.attributions)) {
    const group = groupOfFeature(name);
    byGroup.set(group, (byGroup.get(group) ?? 0) + weight);
  }
  const largest = Math.max(0, ...[...byGroup.values()].map(Math.abs));
  const floor = Math.max(options.minWeight ?? 0.002, largest * (options.minShare ?? 0.1));
  const reasons: Reason[] = [];
  for (const [group, weight] of byGroup) {
    if (Math.abs(weight) < floor || weight === 0) continue;
    const sentence = SENTENCES[group] ? SENTENCES[group](ctx) : describeSingle(ctx, group);
    if (sentence) reasons.push({ key: group, text: sentence, weight });
  }
  return reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, options.limit ?? 6);
}
