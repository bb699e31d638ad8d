import { z } from "zod";
import { DEFAULT_NEVER_GATE } from "./rules.js";

const share = (what: string) =>
  z.number().min(0, `${what} must be at least 0`).max(1, `${what} must be at most 1`);
const count = (what: string) =>
  z.number().int(`${what} must be a whole number`).min(0, `${what} must be at least 0`);

/** How a repository's own model is trained, tested and promoted (`learning:` in defect-predictor.yml). */
export const learningSchema = z
  .object({
    /** Train a repository model at all; off keeps the shipped default model. */
    enabled: z
      .boolean()
      .default(true)
      .describe("Train a repository model; off keeps the shipped default model."),
    /** Only history newer than this many days is mined and trained on (bounds big histories). */
    historyWindowDays: count("learning.historyWindowDays")
      .min(30)
      .default(1095)
      .describe("Only history newer than this many days is mined and trained on (bounds big histories)."),
    /** Labelled changes (bug + clean) needed before a repository model is trained. */
    minLabels: count("learning.minLabels").default(200).describe("Labelled changes needed before training."),
    /** Bug-inducing changes needed among them. */
    minPositives: count("learning.minPositives")
      .default(20)
      .describe("Bug-inducing changes needed among them."),
    /** New labels since the last training that trigger a retrain. */
    retrainAfterLabels: count("learning.retrainAfterLabels")
      .default(100)
      .describe("New labels since the last training that trigger a retrain."),
    /** Retrain at least this often (days), when any new label arrived; 0 turns the schedule off. */
    retrainEveryDays: count("learning.retrainEveryDays")
      .default(30)
      .describe("Retrain at least this often (days)."),
    /** A shadow candidate without a verdict after this many days no longer blocks a retrain (it is replaced). */
    shadowMaxDays: count("learning.shadowMaxDays")
      .min(1)
      .default(180)
      .describe("A shadow candidate without a verdict after this many days no longer blocks a retrain."),
    /** Share of the most recent labelled changes held out (time-ordered) to test a candidate. */
    holdoutFraction: share("learning.holdoutFraction")
      .default(0.2)
      .describe("Most recent share held out for testing."),
    /** Training epochs for a warm-started candidate, and how many checkpoints they are split into. */
    epochs: count("learning.epochs")
      .min(1)
      .default(20)
      .describe("Training epochs for a warm-started candidate."),
    checkpoints: count("learning.checkpoints")
      .min(1)
      .max(20)
      .default(2)
      .describe("Checkpoints per training run."),
    /** Promotion: labelled changes needed, AUC margin, Brier margin and one-sided significance level. */
    promotion: z
      .object({
        minSamples: count("learning.promotion.minSamples").min(10).default(50),
        minPerClass: count("learning.promotion.minPerClass").min(2).default(5),
        aucMargin: z.number().min(0).max(0.5).default(0.01),
        brierMargin: z.number().min(0).max(0.5).default(0),
        alpha: z.number().gt(0).max(0.5).default(0.05),
      })
      .strict()
      .default({})
      .describe("When a shadow candidate replaces the active model."),
    /** Drift: PSI and KL thresholds, and the recent PRs compared with the training data. */
    drift: z
      .object({
        psiThreshold: z.number().gt(0).default(0.25),
        klThreshold: z.number().gt(0).default(0.2),
        minSamples: count("learning.drift.minSamples").min(10).default(50),
        recentPullRequests: count("learning.drift.recentPullRequests").min(10).default(100),
        /** Features never alerted on (e.g. `exp`, `age`: counters that grow with a repository by construction). */
        ignoreFeatures: z.array(z.string().min(1)).max(100).default([]),
      })
      .strict()
      .default({})
      .describe("Feature and score drift checks against the training data."),
  })
  .strict();

/** Rules applied after the model (`rules:` in defect-predictor.yml). */
export const rulesSchema = z
  .object({
    /** Paths (globs) that never gate: docs, generated files, lock files. */
    neverGate: z
      .array(z.string().min(1, "rules.neverGate entries must be non-empty globs"))
      .max(200)
      .default([...DEFAULT_NEVER_GATE])
      .describe("Paths (globs) that never gate: docs, generated files, lock files."),
    /** A change with fewer added + deleted lines is never "high"; 0 turns this off. */
    minLinesForHigh: count("rules.minLinesForHigh")
      .default(10)
      .describe('A change with fewer added + deleted lines is never "high"; 0 turns this off.'),
  })
  .strict();

export type LearningConfig = z.infer<typeof learningSchema>;
export type RulesConfig = z.infer<typeof rulesSchema>;

export const DEFAULT_LEARNING_CONFIG: LearningConfig = learningSchema.parse({});
export const DEFAULT_RULES_CONFIG: RulesConfig = rulesSchema.parse({});
