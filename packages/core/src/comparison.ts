/**
 * Comparing models: one request — prompt, parameters and, optionally, an input image — run on 2 to 4
 * models at once (`jobs:compare`, REST `POST /api/v1/compare`). Every model's job is still checked as
 * a generation of its own (`validateGenerationRequest`); this module holds only what a comparison
 * adds: the list of models, and the idempotency key, from which each job's own key is derived
 * (`comparisonJobKey`), so it must leave room for the suffix within a job key's limits.
 */
import * as z from "zod/mini";
import type { FieldIssue } from "./errors";
import { generationRequestSchema, type GenerationRequest } from "./generation";
import { GENERATION_LIMITS } from "./limits";
import { modelIdSchema } from "./model-info";

export const COMPARISON_LIMITS = { minModels: 2, maxModels: 4 } as const;

/** `-0` … `-3`: what a job's key adds to the comparison's. */
const JOB_KEY_SUFFIX_LENGTH = 2;
const keyLimits = GENERATION_LIMITS.idempotencyKey;
const comparisonKeyMaxLength = keyLimits.maxLength - JOB_KEY_SUFFIX_LENGTH;

const { model: _model, idempotencyKey: _key, ...sharedFields } = generationRequestSchema.shape;

export const comparisonRequestSchema = z.strictObject({
  ...sharedFields,
  models: z.array(modelIdSchema, "Models must be a list of model ids").check(
    z.minLength(COMPARISON_LIMITS.minModels, `Compare at least ${COMPARISON_LIMITS.minModels} models`),
    z.maxLength(COMPARISON_LIMITS.maxModels, `Compare at most ${COMPARISON_LIMITS.maxModels} models`),
    z.refine((models) => new Set(models).size === models.length, "Each model may be compared once"),
    z.describe(
      `${COMPARISON_LIMITS.minModels}–${COMPARISON_LIMITS.maxModels} distinct model ids; each gets a job with the same prompt, parameters and input.`,
    ),
  ),
  /** Lets a client retry a comparison without paying twice; job `i` is created under `comparisonJobKey(key, i)`. */
  idempotencyKey: z.optional(
    z
      .string("Idempotency key must be text")
      .check(
        z.minLength(keyLimits.minLength, "Idempotency key must not be empty"),
        z.maxLength(comparisonKeyMaxLength, `Idempotency key must be at most ${comparisonKeyMaxLength} characters`),
        z.regex(keyLimits.pattern, 'Idempotency key may only contain letters, digits, "_" and "-"'),
      ),
  ),
});
export type ComparisonRequest = z.output<typeof comparisonRequestSchema>;

/** The idempotency key of the comparison's job for its `index`-th model. */
export function comparisonJobKey(key: string, index: number): string {
  return `${key}-${index}`;
}

/** The generation request of the comparison's `index`-th model (its job is validated and created as one). */
export function comparisonJobRequest(
  request: Omit<ComparisonRequest, "models"> & { models: readonly string[] },
  index: number,
): Omit<GenerationRequest, "model"> & { model: string } {
  const { models, idempotencyKey, ...shared } = request;
  return {
    ...shared,
    model: models[index]!,
    ...(idempotencyKey !== undefined ? { idempotencyKey: comparisonJobKey(idempotencyKey, index) } : {}),
  };
}

/** The problems with a comparison's own fields (`models`, `idempotencyKey`), as field issues. */
export function comparisonIssues(request: unknown): FieldIssue[] {
  const parsed = z
    .object({
      models: comparisonRequestSchema.shape.models,
      idempotencyKey: comparisonRequestSchema.shape.idempotencyKey,
    })
    .safeParse(request);
  if (parsed.success) return [];
  const byField = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".");
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}
