import { z } from "zod";

/** Format tag; bumped when the artifact layout changes (old artifacts are then refused with a clear message). */
export const MANIFEST_FORMAT = "defect-model/1";

const featureSchema = z.object({
  name: z.string(),
  group: z.enum(["kamei", "history", "diff", "ast", "tokens"]),
  transform: z.enum(["log1p", "none"]),
  mean: z.number(),
  sd: z.number().positive(),
});

/** The manifest.json written next to the weights: everything needed to score, check and describe a model. */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  /** Shown in every check run, e.g. `default-2026.12.04-1a2b3c4`. */
  version: z.string(),
  createdAt: z.string(),
  /** Feature schema in input order, with the scaler fitted on training rows only (log1p → (v − mean) / sd). */
  features: z.array(featureSchema).min(1),
  /** Maskable groups in the order of their presence-indicator inputs (indicator = 1 when any feature is known). */
  groups: z.array(z.enum(["kamei", "history", "diff", "ast", "tokens"])),
  tokens: z.boolean(),
  missing: z.string(),
  /** Ensemble members; the score is the mean of their logits, then calibrated. */
  members: z.array(z.enum(["mlp", "gbt", "forest", "logistic", "bag"])).min(1),
  /** With a token bag: how its logit joins the metric members' (fitted on the validation slice). */
  bagBlend: z
    .object({ metric: z.number(), bag: z.number(), offset: z.number(), intercept: z.number() })
    .optional(),
  calibration: z.union([
    z.object({ method: z.literal("platt"), a: z.number(), b: z.number() }),
    z.object({ method: z.literal("isotonic"), x: z.array(z.number()), y: z.array(z.number()) }),
  ]),
  bands: z.object({ medium: z.number(), high: z.number() }),
  bandPolicy: z.object({
    mediumAlertRate: z.number(),
    highPrecision: z.number(),
    fallbackHighAlertRate: z.number(),
  }),
  /** Metrics on held-out data by name (e.g. `auc`), with where they were measured. */
  metrics: z.record(z.union([z.number(), z.string(), z.null()])),
  dataCard: z.record(z.unknown()),
  training: z.record(z.unknown()),
  /** sha256 of each artifact file, and `checksum` = sha256 over "name:sha\n" lines in name order. */
  files: z.record(z.string()),
  checksum: z.string(),
});

export type ModelManifest = z.infer<typeof manifestSchema>;
