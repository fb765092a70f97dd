import * as z from "zod/mini";
import { aspectRatioSchema } from "./image-sizes";
import { imageInputCapabilitySchema } from "./image-inputs";
import { GENERATION_LIMITS } from "./limits";

export const MODEL_PROVIDERS = ["local", "openrouter"] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** Built-in offline models live under this prefix; anything else is an OpenRouter id. */
export const LOCAL_MODEL_PREFIX = "local/";

export const modelIdSchema = z
  .string("Model id must be text")
  .check(
    z.maxLength(
      GENERATION_LIMITS.modelId.maxLength,
      `Model id must be at most ${GENERATION_LIMITS.modelId.maxLength} characters`,
    ),
    z.regex(GENERATION_LIMITS.modelId.pattern, 'Model id must look like "local/aurora" or "vendor/model-name"'),
  );

const { dimension, steps, guidance, numImages } = GENERATION_LIMITS;

/** An inclusive range a model accepts for a numeric parameter, with the value it uses when none is sent. */
const parameterRangeSchema = z.object({ min: z.number(), max: z.number(), default: z.optional(z.number()) }).check(
  z.refine((range) => range.min <= range.max, "min must not exceed max"),
  z.refine(
    (range) => range.default === undefined || (range.default >= range.min && range.default <= range.max),
    "default must lie within min and max",
  ),
);
export type ParameterRange = z.infer<typeof parameterRangeSchema>;

const dimensionSchema = z.int().check(z.gte(dimension.min), z.lte(dimension.max));

/**
 * What Pixorly knows about one image model: its cost, speed and which request parameters it
 * honours. A model may narrow the global `GENERATION_LIMITS` but never widen them.
 */
export const modelInfoSchema = z
  .object({
    id: modelIdSchema,
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    provider: z.enum(MODEL_PROVIDERS),
    description: z.optional(z.string().check(z.maxLength(1_000))),
    /** Price of one image in credits (1 credit = $0.001). */
    costPerImageCredits: z.int().check(z.nonnegative()),
    /** Typical time to produce one image, for progress hints (the median of recent runs once there are a few). */
    estimatedMs: z.int().check(z.positive()),
    /** The middle half (25th–75th percentile) of recent runs' times per image; absent until measured. */
    estimatedRangeMs: z.optional(z.object({ low: z.int().check(z.positive()), high: z.int().check(z.positive()) })),
    minWidth: dimensionSchema,
    maxWidth: dimensionSchema,
    minHeight: dimensionSchema,
    maxHeight: dimensionSchema,
    /** Width and height must be multiples of this; 8 when absent. */
    sizeMultiple: z.optional(z.int().check(z.gte(1), z.lte(dimension.min))),
    /** Accepted aspect ratios; any ratio within the size limits when absent. */
    aspectRatios: z.optional(z.array(aspectRatioSchema).check(z.minLength(1))),
    supports: z.object({
      negativePrompt: z.boolean(),
      seed: z.boolean(),
      /** Absent: the model has no step count and a request must not send one. */
      steps: z.optional(parameterRangeSchema),
      guidance: z.optional(parameterRangeSchema),
      /** Absent: one image per request. */
      numImages: z.optional(parameterRangeSchema),
      /** Absent: text-to-image only. Which image operations the model takes, how many inputs, its strength and scales. */
      imageInput: z.optional(imageInputCapabilitySchema),
    }),
  })
  .check(
    z.superRefine((model, ctx) => {
      if ((model.provider === "local") !== model.id.startsWith(LOCAL_MODEL_PREFIX)) {
        ctx.addIssue({
          code: "custom",
          path: ["id"],
          message: `Only local models have ids starting with "${LOCAL_MODEL_PREFIX}"`,
        });
      }
      if (model.minWidth > model.maxWidth)
        ctx.addIssue({ code: "custom", path: ["minWidth"], message: "minWidth exceeds maxWidth" });
      if (model.minHeight > model.maxHeight)
        ctx.addIssue({ code: "custom", path: ["minHeight"], message: "minHeight exceeds maxHeight" });
      const globalRanges = { steps, guidance, numImages } as const;
      for (const name of ["steps", "guidance", "numImages"] as const) {
        const range = model.supports[name];
        const limit = globalRanges[name];
        if (range && (range.min < limit.min || range.max > limit.max)) {
          ctx.addIssue({
            code: "custom",
            path: ["supports", name],
            message: `${name} range must lie within ${limit.min}..${limit.max}`,
          });
        }
      }
    }),
  );

export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** The size step a model requires. */
export function sizeMultipleOf(model: Pick<ModelInfo, "sizeMultiple">): number {
  return model.sizeMultiple ?? dimension.defaultMultiple;
}
