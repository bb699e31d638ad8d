import type { FeatureContext, FeatureExtractor, FeatureSpec, FeatureValues } from "./types.js";

const FEATURE_NAME = /^[a-z][a-z0-9_]*$/;

/** Registering would make two extractors own the same name: names are keys in stores and model manifests. */
export class DuplicateFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DuplicateFeatureError";
  }
}

/** One extractor that failed or misbehaved during {@link FeatureRegistry.extract}; its features are null. */
export interface ExtractionError {
  extractor: string;
  message: string;
}

/** Values of every registered feature (null where unknown) and what went wrong on the way. */
export interface ExtractionResult {
  values: FeatureValues;
  errors: ExtractionError[];
}

/**
 * The named feature extractors, each registered once. Extraction runs them all; one that throws or returns
 * something that is not a finite number costs only its own features (null, with an error entry), never the
 * whole score.
 */
export class FeatureRegistry {
  private readonly byName = new Map<string, FeatureExtractor>();
  private readonly featureOwner = new Map<string, string>();
  private readonly allSpecs: FeatureSpec[] = [];
  /** Per `only` set: the extractors it selects (the same set is passed once per file of a change). */
  private selections = new WeakMap<ReadonlySet<string>, FeatureExtractor[]>();

  /** @throws {DuplicateFeatureError} when the extractor's name, or one of its feature names, is taken. */
  register(extractor: FeatureExtractor): this {
    if (this.byName.has(extractor.name)) {
      throw new DuplicateFeatureError(
        `an extractor named "${extractor.name}" is already registered; give the new one another name`,
      );
    }
    const seen = new Set<string>();
    for (const spec of extractor.features) {
      if (!FEATURE_NAME.test(spec.name)) {
        throw new Error(
          `feature "${spec.name}" of extractor "${extractor.name}" is not lower-case snake_case; rename it`,
        );
      }
      const owner = this.featureOwner.get(spec.name) ?? (seen.has(spec.name) ? extractor.name : undefined);
      if (owner) {
        throw new DuplicateFeatureError(
          `feature "${spec.name}" of extractor "${extractor.name}" is already produced by "${owner}"; ` +
            `reuse that extractor's value or rename the feature`,
        );
      }
      seen.add(spec.name);
    }
    this.byName.set(extractor.name, extractor);
    this.selections = new WeakMap();
    for (const spec of extractor.features) {
      this.featureOwner.set(spec.name, extractor.name);
      this.allSpecs.push(spec);
    }
    return this;
  }

  /** The extractors that produce at least one of `names`, in registration order. */
  extractorsFor(names: ReadonlySet<string>): FeatureExtractor[] {
    let hit = this.selections.get(names);
    if (!hit) {
      hit = [...this.byName.values()].filter((e) => e.features.some((f) => names.has(f.name)));
      this.selections.set(names, hit);
    }
    return hit;
  }

  /** Registered extractors in registration order. */
  get extractors(): readonly FeatureExtractor[] {
    return [...this.byName.values()];
  }

  /** Every feature's spec, in registration order. */
  get specs(): readonly FeatureSpec[] {
    return this.allSpecs;
  }

  /** The spec of one feature, or undefined when no extractor produces it. */
  spec(name: string): FeatureSpec | undefined {
    return this.allSpecs.find((s) => s.name === name);
  }

  /**
   * Runs the extractors (concurrently) and merges their values. Never rejects. With `only`, runs just the
   * extractors that produce at least one of those features (e.g. what a model reads), which keeps per-file
   * extraction of a 3,000-file change cheap when a group declares thousands of features.
   */
  async extract(ctx: FeatureContext, only?: ReadonlySet<string>): Promise<ExtractionResult> {
    const values: FeatureValues = {};
    const errors: ExtractionError[] = [];
    const selected = only ? this.extractorsFor(only) : [...this.byName.values()];
    const outcomes = await Promise.all(
      selected.map(async (extractor) => {
        try {
          return { extractor, result: await extractor.extract(ctx) };
        } catch (error) {
          return { extractor, error };
        }
      }),
    );
    for (const outcome of outcomes) {
      const { extractor } = outcome;
      if ("error" in outcome) {
        const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        errors.push({ extractor: extractor.name, message: `threw: ${reason}` });
        for (const spec of extractor.features) values[spec.name] = null;
        continue;
      }
      for (const spec of extractor.features) {
        const value = outcome.result?.[spec.name];
        if (value === null) {
          values[spec.name] = null;
        } else if (value === undefined) {
          values[spec.name] = null;
          errors.push({ extractor: extractor.name, message: `did not return "${spec.name}"` });
        } else if (typeof value === "number" && Number.isFinite(value)) {
          values[spec.name] = value;
        } else {
          values[spec.name] = null;
          errors.push({ extractor: extractor.name, message: `returned ${String(value)} for "${spec.name}"` });
        }
      }
    }
    return { values, errors };
  }
}
