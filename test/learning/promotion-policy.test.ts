import { describe, expect, it } from "vitest";
import { decidePromotion, type EvaluationSet } from "../../src/learning/promotion-policy.js";

/** A deterministic evaluation set: `good` separates the classes, `noise` does not. */
function makeSet(
  n: number,
  currentQuality: "good" | "noise",
  candidateQuality: "good" | "noise",
): EvaluationSet {
  const set: EvaluationSet = { labels: [], current: [], candidate: [] };
  for (let i = 0; i < n; i++) {
    const y = i % 4 === 0 ? 1 : 0;
    const u = ((i * 7919) % 97) / 97;
    const score = (q: "good" | "noise") => (q === "good" ? 0.15 + 0.5 * y + 0.3 * u : 0.2 + 0.2 * u);
    set.labels.push(y);
    set.current.push(score(currentQuality));
    set.candidate.push(score(candidateQuality));
  }
  return set;
}

describe("decidePromotion", () => {
  it("promotes a candidate that wins on live matured labels", () => {
    const v = decidePromotion({ live: makeSet(200, "noise", "good"), holdout: null, hasLiveHistory: true });
    expect(v.action).toBe("promote");
    expect(v.basis).toBe("live");
    expect(v.reason).toMatch(/DeLong p=/);
  });

  it("rejects a worse candidate once there is enough evidence, and never promotes it", () => {
    const v = decidePromotion({
      live: makeSet(200, "good", "noise"),
      holdout: makeSet(200, "noise", "good"),
      hasLiveHistory: false,
    });
    expect(v.action).toBe("reject");
    expect(v.reason).toMatch(/does not win on AUC and Brier/);
  });

  it("rejects an equal candidate: winning needs a margin and significance", () => {
    const s = makeSet(200, "good", "good");
    expect(decidePromotion({ live: s, holdout: null, hasLiveHistory: true }).action).toBe("reject");
  });

  it("waits while too few labels have matured", () => {
    const v = decidePromotion({ live: makeSet(20, "noise", "good"), holdout: null, hasLiveHistory: true });
    expect(v.action).toBe("wait");
    expect(v.reason).toMatch(/20 labelled changes .* need 50/);
  });

  it("promotes on the time-ordered holdout only when the repository has no live history", () => {
    const holdout = makeSet(120, "noise", "good");
    expect(decidePromotion({ live: null, holdout, hasLiveHistory: false }).action).toBe("promote");
    expect(decidePromotion({ live: null, holdout, hasLiveHistory: true }).action).toBe("wait");
    expect(
      decidePromotion({ live: null, holdout: makeSet(120, "good", "noise"), hasLiveHistory: false }).action,
    ).toBe("wait");
  });

  it("honours a configured margin", () => {
    const live = makeSet(200, "noise", "good");
    expect(
      decidePromotion({ live, holdout: null, hasLiveHistory: true, policy: { aucMargin: 0.9 } }).action,
    ).toBe("reject");
  });
});
