/** Effort-aware metrics (Kamei et al. 2013): effort = LA + LD, changes inspected in order of predicted risk density. */
export interface EffortMetrics {
  /** Share of bug-inducing changes found within the first 20 % of total effort. */
  recallAt20Effort: number;
  /** Share of total effort spent before 20 % of bug-inducing changes are found. */
  effortAt20Recall: number;
  /** 1 − (area(optimal) − area(model)) / (area(optimal) − area(worst)) under the effort/recall curve. */
  popt: number;
}

interface Item {
  key: number;
  effort: number;
  label: number;
}

/** Area under the cumulative (effort share → bug share) curve for items in the given order (trapezoids). */
function curveArea(items: Item[], totalEffort: number, totalBugs: number): number {
  let x = 0;
  let y = 0;
  let area = 0;
  for (const it of items) {
    const nx = x + it.effort / totalEffort;
    const ny = y + it.label / totalBugs;
    area += ((nx - x) * (y + ny)) / 2;
    x = nx;
    y = ny;
  }
  return area;
}

/**
 * Ranks by predicted density (score / effort, effort floored at 1 line so empty changes do not dominate), ties
 * broken by smaller effort. Optimal order: bug-inducing first, smallest first; worst: clean first, largest first.
 */
export function effortMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  effort: ArrayLike<number>,
): EffortMetrics {
  const n = scores.length;
  const items: Item[] = [];
  let totalEffort = 0;
  let totalBugs = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.max(effort[i], 0);
    items.push({ key: scores[i] / Math.max(e, 1), effort: e, label: labels[i] ? 1 : 0 });
    totalEffort += e;
    totalBugs += labels[i] ? 1 : 0;
  }
  if (totalBugs === 0 || totalEffort === 0)
    return { recallAt20Effort: NaN, effortAt20Recall: NaN, popt: NaN };
  const model = [...items].sort((a, b) => b.key - a.key || a.effort - b.effort);
  const optimal = [...items].sort((a, b) => b.label - a.label || a.effort - b.effort);
  const worst = [...items].sort((a, b) => a.label - b.label || b.effort - a.effort);

  let cumEffort = 0;
  let cumBugs = 0;
  let recallAt20Effort = 0;
  let effortAt20Recall = NaN;
  for (const it of model) {
    if (cumEffort + it.effort <= 0.2 * totalEffort + 1e-12)
      recallAt20Effort = (cumBugs + it.label) / totalBugs;
    cumEffort += it.effort;
    cumBugs += it.label;
    if (Number.isNaN(effortAt20Recall) && cumBugs >= 0.2 * totalBugs)
      effortAt20Recall = cumEffort / totalEffort;
  }
  const aOpt = curveArea(optimal, totalEffort, totalBugs);
  const aWorst = curveArea(worst, totalEffort, totalBugs);
  const aModel = curveArea(model, totalEffort, totalBugs);
  const popt = aOpt === aWorst ? NaN : 1 - (aOpt - aModel) / (aOpt - aWorst);
  return { recallAt20Effort, effortAt20Recall, popt };
}
