import type { ModelStore } from "../store/models.js";
import { BOOTSTRAP_RUN_KEY } from "./run-keys.js";

/**
 * Sentences for the check run's details (ScoreResult.notes): open drift alerts, a repository model still
 * missing for lack of labels, a bootstrap in progress. Empty when there is nothing to say.
 */
export async function describeLearningState(models: ModelStore, repository: string): Promise<string[]> {
  const notes: string[] = [];
  const alerts = await models.openDriftAlerts(repository);
  if (alerts.length > 0) {
    const list = [...alerts]
      .sort((a, b) => b.value - a.value)
      .slice(0, 5)
      .map((a) => `\`${a.feature}\` (${a.metric.toUpperCase()} ${a.value.toFixed(2)} > ${a.threshold})`)
      .join(", ");
    notes.push(
      `Drift: recent pull requests differ from the data model ${alerts[0].modelVersion} was trained on — ${list}, ` +
        `over the last ${alerts[0].sampleSize} scored changes. Scores may be less reliable; a retraining was queued.`,
    );
  }
  const active = await models.getByStatus(repository, "active");
  if (!active) {
    const steps = await models.listSteps(repository, BOOTSTRAP_RUN_KEY);
    const failedSplit = steps.find((s) => s.step === "split" && s.status === "failed");
    if (failedSplit && /labelled changes/.test(String(failedSplit.detail.error))) {
      notes.push(`Not enough labels yet for a model of this repository: ${String(failedSplit.detail.error)}`);
    } else if (steps.some((s) => s.status === "running")) {
      notes.push(
        `Learning this repository's history (${steps.map((s) => `${s.step} ${s.status}`).join(", ")}); ` +
          "the shipped default model scores it until then.",
      );
    }
  }
  return notes;
}
