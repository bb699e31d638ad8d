import { z } from "zod";
import { learningSchema, rulesSchema } from "../learning/learning-config.js";

/** Where the repository's configuration lives (read from the default branch only). */
export const CONFIG_FILE = "defect-predictor.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

const probability = (what: string) =>
  z
    .number({ invalid_type_error: `${what} must be a number between 0 and 1, e.g. 0.7` })
    .min(0, `${what} must be at least 0`)
    .max(1, `${what} must be at most 1`);

/** Band thresholds overriding the model's calibrated ones. */
const bandsSchema = z
  .object({
    /** Risk at or above this is "medium". */
    medium: probability("bands.medium").describe('Risk at or above this is "medium".'),
    /** Risk at or above this is "high". Must be above `medium`. */
    high: probability("bands.high").describe('Risk at or above this is "high". Must be above `medium`.'),
  })
  .strict()
  .refine((b) => b.medium < b.high, {
    message: "bands.medium must be lower than bands.high",
    path: ["high"],
  });

/** When the check run fails instead of staying neutral. */
const gateSchema = z
  .object({
    /** Turn the gate on: a risk at or above `threshold` makes the check run fail. */
    enabled: z
      .boolean()
      .default(false)
      .describe("Turn the gate on: a risk at or above `threshold` makes the check run fail."),
    /** Risk at or above which the gate fails the check run. */
    threshold: probability("gate.threshold")
      .default(0.8)
      .describe("Risk at or above which the gate fails the check run."),
  })
  .strict();

/** Review comments on the riskiest hunks (posted by the explain feature). */
const commentsSchema = z
  .object({
    /** Post review comments on the riskiest hunks. */
    enabled: z.boolean().default(false).describe("Post review comments on the riskiest hunks."),
    /** Only hunks at or above this risk get a comment. */
    minRisk: probability("comments.minRisk")
      .default(0.7)
      .describe("Only hunks at or above this risk get a comment."),
    /** At most this many comments per pull request. */
    max: z
      .number()
      .int("comments.max must be a whole number")
      .min(0)
      .max(50)
      .default(3)
      .describe("At most this many comments per pull request."),
  })
  .strict();

/** Labels the app may put on pull requests. */
const labelsSchema = z
  .object({
    /** Label added to high-risk pull requests (and removed when the risk drops); unset: no label. */
    highRisk: z
      .string()
      .min(1)
      .max(50, "labels.highRisk must be at most 50 characters (GitHub's label limit)")
      .optional()
      .describe("Label added to high-risk pull requests (removed when the risk drops); unset: no label."),
  })
  .strict();

/**
 * `.github/defect-predictor.yml`: one schema gives the types, the defaults, the error messages and the
 * published JSON Schema (`npm run schema`). Unknown keys are refused so a typo never goes unnoticed.
 */
export const configSchema = z
  .object({
    /** Band thresholds overriding the model's calibrated ones; unset: the model's own. */
    bands: bandsSchema
      .optional()
      .describe("Band thresholds overriding the model's calibrated ones; unset: the model's own."),
    /** When the check run fails instead of staying neutral. Off by default. */
    gate: gateSchema
      .default({})
      .describe("When the check run fails instead of staying neutral. Off by default."),
    /** Paths (globs, e.g. `docs/**`, `**\/*.lock`) left out of the score. */
    ignore: z
      .array(z.string().min(1, "ignore entries must be non-empty globs"))
      .max(200)
      .default([])
      .describe("Paths (globs, e.g. `docs/**`, `**/*.lock`) left out of the score."),
    /** Do not score draft pull requests (they are scored when marked ready for review). */
    skipDrafts: z
      .boolean()
      .default(true)
      .describe("Do not score draft pull requests (they are scored when marked ready for review)."),
    /** Do not score pull requests opened by bots (Dependabot, Renovate…). */
    skipBots: z
      .boolean()
      .default(true)
      .describe("Do not score pull requests opened by bots (Dependabot, Renovate…)."),
    /** Name of the check run shown on the pull request. */
    checkRunName: z
      .string()
      .min(1)
      .max(100)
      .default("Defect risk")
      .describe("Name of the check run shown on the pull request."),
    /** Review comments on the riskiest hunks. Off by default. */
    comments: commentsSchema.default({}).describe("Review comments on the riskiest hunks. Off by default."),
    /** Labels the app may put on pull requests. */
    labels: labelsSchema.default({}).describe("Labels the app may put on pull requests."),
    /** How this repository's own model is trained, shadow-tested and promoted (see docs/learning.md). */
    learning: learningSchema
      .default({})
      .describe("How this repository's own model is trained, shadow-tested and promoted (docs/learning.md)."),
    /** Rules applied after the model: paths that never gate, a minimum size for "high" (docs/learning.md). */
    rules: rulesSchema
      .default({})
      .describe('Rules applied after the model: paths that never gate, a minimum size for "high".'),
  })
  .strict()
  .describe("Configuration of the defect-predictor GitHub App, read from the default branch.");

/** The validated configuration, every default applied. */
export type RepoConfig = z.infer<typeof configSchema>;

/** The configuration of a repository without a config file. */
export const DEFAULT_CONFIG: RepoConfig = configSchema.parse({});
