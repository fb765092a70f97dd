import * as z from "zod/mini";
import { multiplyCredits } from "./credits";
import type { FieldIssue } from "./errors";
import { matchesAspectRatio } from "./image-sizes";
import { GENERATION_LIMITS } from "./limits";
import { normalizePrompt, utf16Length } from "./text";
import { type ModelInfo, type ParameterRange, modelIdSchema, sizeMultipleOf } from "./model-info";
import {
  type GenerationInput,
  PROMPT_OPTIONAL_OPERATIONS,
  generationInputSchema,
  inputCapabilityIssues,
} from "./image-inputs";

const { prompt, negativePrompt, dimension, numImages, steps, guidance, seed, idempotencyKey } = GENERATION_LIMITS;

const dimensionSchema = (label: string) =>
  z
    .int(`${label} must be a whole number of pixels`)
    .check(
      z.gte(dimension.min, `${label} must be at least ${dimension.min} pixels`),
      z.lte(dimension.max, `${label} must be at most ${dimension.max} pixels`),
    );

/**
 * Zod Mini loads no locale, so every check here carries its own message: what users read
 * must not depend on whether something else in the process loaded classic zod's English.
 */
const objectError = (notAnObject: string) => ({
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
      : notAnObject,
});

// The multiple-of-8 rule is per model (`ModelInfo.sizeMultiple`, 8 by default), so it is
// checked in `validateGenerationRequest`, not here.
export const generationParametersSchema = z.strictObject(
  {
    width: dimensionSchema("Width"),
    height: dimensionSchema("Height"),
    steps: z.optional(
      z
        .int("Steps must be a whole number")
        .check(
          z.gte(steps.min, `Steps must be at least ${steps.min}`),
          z.lte(steps.max, `Steps must be at most ${steps.max}`),
        ),
    ),
    guidance: z.optional(
      z
        .number("Guidance must be a number")
        .check(
          z.gte(guidance.min, `Guidance must be at least ${guidance.min}`),
          z.lte(guidance.max, `Guidance must be at most ${guidance.max}`),
        ),
    ),
    seed: z.optional(
      z
        .int("Seed must be a whole number")
        .check(z.gte(seed.min, "Seed must not be negative"), z.lte(seed.max, `Seed must be at most ${seed.max}`)),
    ),
    /** Absent means one image. */
    numImages: z.optional(
      z
        .int("Number of images must be a whole number")
        .check(
          z.gte(numImages.min, `Number of images must be at least ${numImages.min}`),
          z.lte(numImages.max, `Number of images must be at most ${numImages.max}`),
        ),
    ),
  },
  objectError("Parameters must be an object"),
);

export const generationRequestSchema = z.strictObject(
  {
    // Blank is allowed here and refused in `validateGenerationRequest` unless the input's operation
    // needs no prompt (`PROMPT_OPTIONAL_OPERATIONS`): the rule depends on another field.
    prompt: z.string("Prompt must be text").check(
      z.overwrite(normalizePrompt),
      z.refine(
        (text) => utf16Length(text) <= prompt.maxLength,
        `Prompt must be at most ${prompt.maxLength} characters`,
      ),
    ),
    negativePrompt: z.optional(
      z.string("Negative prompt must be text").check(
        z.overwrite(normalizePrompt),
        z.refine(
          (text) => utf16Length(text) <= negativePrompt.maxLength,
          `Negative prompt must be at most ${negativePrompt.maxLength} characters`,
        ),
      ),
    ),
    model: modelIdSchema,
    parameters: generationParametersSchema,
    /** An image to work from (img2img, variations, inpaint, upscale, background removal); absent = text-to-image. */
    input: z.optional(generationInputSchema),
    /** Lets a client retry a create without paying twice. */
    idempotencyKey: z.optional(
      z
        .string("Idempotency key must be text")
        .check(
          z.minLength(idempotencyKey.minLength, "Idempotency key must not be empty"),
          z.maxLength(
            idempotencyKey.maxLength,
            `Idempotency key must be at most ${idempotencyKey.maxLength} characters`,
          ),
          z.regex(idempotencyKey.pattern, 'Idempotency key may only contain letters, digits, "_" and "-"'),
        ),
    ),
  },
  objectError("Request must be an object"),
);

export type GenerationParameters = z.output<typeof generationParametersSchema>;
/** A request after parsing: prompts normalised (`normalizePrompt`). */
export type GenerationRequest = z.output<typeof generationRequestSchema>;

export type GenerationValidation = { ok: true; request: GenerationRequest } | { ok: false; issues: FieldIssue[] };

/**
 * Checks a request against the global limits and then against what `model` accepts.
 * Returns every problem at once, each naming its field (`parameters.width`), so a form can
 * mark all wrong inputs in one round trip.
 */
export function validateGenerationRequest(request: unknown, model: ModelInfo): GenerationValidation {
  const parsed = generationRequestSchema.safeParse(request);
  const issues = [
    ...blankPromptIssues(request),
    ...(parsed.success ? [] : zodIssuesToFieldIssues(parsed.error.issues, request)),
  ];
  // Model rules run even when the schema failed, on the fields that did pass, so the caller
  // hears about every problem, not just the first layer's.
  const flagged = new Set(issues.map((issue) => issue.field));
  const candidate = (parsed.success ? parsed.data : request) as LooseRequest;
  issues.push(...modelIssues(candidate, model).filter((issue) => !flagged.has(issue.field)));
  if (parsed.success && issues.length === 0) return { ok: true, request: parsed.data };
  return { ok: false, issues };
}

/** Credits a job costs before it runs (reserved up front, refunded if the job makes fewer images). */
export function estimateCost(model: Pick<ModelInfo, "costPerImageCredits">, imageCount = 1): number {
  if (!Number.isInteger(imageCount) || imageCount < numImages.min || imageCount > numImages.max) {
    throw new RangeError(
      `imageCount must be a whole number from ${numImages.min} to ${numImages.max}, got ${imageCount}`,
    );
  }
  return multiplyCredits(model.costPerImageCredits, imageCount);
}

type LooseRequest = {
  model?: unknown;
  input?: unknown;
  negativePrompt?: unknown;
  parameters?: Partial<Record<keyof GenerationParameters, unknown>>;
} | null;

/** A blank prompt, unless the input's operation needs none (`PROMPT_OPTIONAL_OPERATIONS`). */
export function blankPromptIssues(request: unknown): FieldIssue[] {
  const { prompt: text, input } = (typeof request === "object" && request !== null ? request : {}) as {
    prompt?: unknown;
    input?: { operation?: unknown };
  };
  if (typeof text !== "string" || utf16Length(normalizePrompt(text)) >= prompt.minLength) return [];
  const operation = typeof input === "object" && input !== null ? input.operation : undefined;
  if (PROMPT_OPTIONAL_OPERATIONS.includes(operation as never)) return [];
  return [{ field: "prompt", message: "Prompt must not be blank" }];
}

function modelIssues(request: LooseRequest, model: ModelInfo): FieldIssue[] {
  if (typeof request !== "object" || request === null) return [];
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (typeof request.model === "string" && request.model !== model.id) {
    add("model", `Request is for model "${request.model}", not "${model.id}"`);
  }
  if (
    typeof request.negativePrompt === "string" &&
    request.negativePrompt.trim() !== "" &&
    !model.supports.negativePrompt
  ) {
    add("negativePrompt", `${model.name} does not support a negative prompt`);
  }
  const input = typeof request.input === "object" && request.input !== null ? (request.input as GenerationInput) : null;
  if (input) issues.push(...inputCapabilityIssues(input, model));
  else if (model.supports.imageInput?.required)
    add("input", `${model.name} works on an input image; give one in input`);
  const parameters = typeof request.parameters === "object" && request.parameters !== null ? request.parameters : {};
  const { width, height } = parameters;
  const multiple = sizeMultipleOf(model);
  // An upscale's size is its source's times the scale: the requested size is not used.
  const sizeOk =
    input?.operation !== "upscale" &&
    [
      checkDimension("Width", width, model.minWidth, model.maxWidth, multiple, (m) => add("parameters.width", m)),
      checkDimension("Height", height, model.minHeight, model.maxHeight, multiple, (m) => add("parameters.height", m)),
    ].every(Boolean);
  if (sizeOk && model.aspectRatios && typeof width === "number" && typeof height === "number") {
    if (!model.aspectRatios.some((ratio) => matchesAspectRatio({ width, height }, ratio))) {
      add(
        "parameters",
        `${model.name} supports the aspect ratios ${model.aspectRatios.join(", ")}, not ${width}×${height}`,
      );
    }
  }
  if (parameters.seed !== undefined && !model.supports.seed) {
    add("parameters.seed", `${model.name} does not support a seed`);
  }
  checkRange("Steps", parameters.steps, model.supports.steps, model.name, (m) => add("parameters.steps", m));
  checkRange("Guidance", parameters.guidance, model.supports.guidance, model.name, (m) =>
    add("parameters.guidance", m),
  );
  const imageRange = model.supports.numImages ?? { min: 1, max: 1 };
  checkRange("Number of images", parameters.numImages, imageRange, model.name, (m) => add("parameters.numImages", m));
  return issues;
}

function checkDimension(
  label: string,
  value: unknown,
  min: number,
  max: number,
  multiple: number,
  report: (message: string) => void,
): boolean {
  if (typeof value !== "number") return false;
  if (value < min || value > max) {
    report(`${label} must be from ${min} to ${max} pixels for this model`);
    return false;
  }
  if (value % multiple !== 0) {
    report(`${label} must be a multiple of ${multiple} pixels`);
    return false;
  }
  return true;
}

function checkRange(
  label: string,
  value: unknown,
  range: ParameterRange | undefined,
  modelName: string,
  report: (message: string) => void,
): void {
  if (value === undefined) return;
  if (!range) {
    report(`${modelName} does not support ${label.toLowerCase()}`);
  } else if (typeof value === "number" && (value < range.min || value > range.max)) {
    report(
      range.min === range.max
        ? `${label} must be ${range.min} for ${modelName}`
        : `${label} must be from ${range.min} to ${range.max} for ${modelName}`,
    );
  }
}

/** Maps zod issues to field issues, keeping only the first per field (one message per input). */
function zodIssuesToFieldIssues(zodIssues: readonly z.core.$ZodIssue[], input: unknown): FieldIssue[] {
  const byField = new Map<string, string>();
  const add = (path: readonly string[], message: string) => {
    const field = path.join(".") || "request";
    if (!byField.has(field)) byField.set(field, message);
  };
  for (const issue of zodIssues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...path, key], "Unknown field");
    } else if (issue.code === "invalid_type" && valueAt(input, path) === undefined) {
      add(path, "Required");
    } else {
      add(path, issue.message);
    }
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
